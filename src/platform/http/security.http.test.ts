import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { App } from './types.js';
import { Browser, createTestEnv, signedIn, type TestEnv } from '../../test/app.js';

const PUBLIC = 'https://trellis.test';
const INTEGRATOR = 'https://crm.example.com';
const STRANGER = 'https://evil.example';

let env: TestEnv;
let plain: App;
let secret: string;
let admin: Browser;
beforeAll(async () => {
  env = await createTestEnv({ publicUrl: PUBLIC, secureCookies: true, corsOrigins: [INTEGRATOR] });
  // the same database behind an app whose public URL is plain http
  plain = await buildApp({
    db: env.db,
    config: { ...env.config, publicUrl: 'http://trellis.test', secureCookies: false },
  });
  admin = (await signedIn(env, 'admin')).browser;
  const created = await admin.request('POST', '/api/v1/api-keys', { name: 'Browser CRM', role: 'viewer' });
  secret = (created.json() as { secret: string }).secret;
});
afterAll(async () => {
  await plain?.close();
  await env?.close();
});

const answers = {
  'an API answer': () => admin.request('GET', '/api/v1/auth/session'),
  'a page of the web app': () => new Browser(env.app).request('GET', '/partners'),
  'a problem answer': () => new Browser(env.app).request('GET', '/api/v1/partners'),
};

describe('security headers', () => {
  it.each(Object.entries(answers))('on %s', async (_what, send) => {
    const res = await send();
    expect(res.statusCode).not.toBe(500);
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      'upgrade-insecure-requests',
    ]) {
      expect(csp).toContain(directive);
    }
    expect(res.headers).toMatchObject({
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    });
  });

  it.each([
    ['an API answer', answers['an API answer'], 'no-store'],
    ['a problem answer', answers['a problem answer'], 'no-store'],
    ['a page of the web app', answers['a page of the web app'], undefined],
  ])('%s is cached: %s', async (_what, send, cacheControl) => {
    const res = await send();
    if (cacheControl) expect(res.headers['cache-control']).toBe(cacheControl);
    else expect(res.headers['cache-control']).not.toBe('no-store');
  });

  it('sends no HSTS and no upgrade when the public URL is plain http', async () => {
    const res = await new Browser(plain).request('GET', '/api/v1/auth/setup');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('CORS: same-origin unless an origin is allowed, never with credentials', () => {
  const call = (origin: string | null, headers: Record<string, string> = {}) =>
    new Browser(env.app).request('GET', '/api/v1/products', undefined, {
      authorization: `Bearer ${secret}`,
      ...(origin ? { origin } : {}),
      ...headers,
    });
  const preflight = (origin: string) =>
    env.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/products',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });

  it.each([
    ['no Origin (a script)', null, undefined],
    ['our own origin', PUBLIC, undefined],
    ['a foreign origin', STRANGER, undefined],
    ['a foreign origin that differs only in scheme', 'http://crm.example.com', undefined],
    ['an allowed integrator', INTEGRATOR, INTEGRATOR],
  ])('a call from %s is answered; Allow-Origin: %s', async (_what, origin, allowOrigin) => {
    const res = await call(origin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(allowOrigin);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('exposes the rate-limit headers to an allowed integrator', async () => {
    const res = await call(INTEGRATOR);
    expect(res.headers.vary).toContain('Origin');
    expect(res.headers['access-control-expose-headers']).toContain('retry-after');
  });

  it('refuses the preflight of a foreign origin', async () => {
    const res = await preflight(STRANGER);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers the preflight of an allowed origin, without credentials', async () => {
    const res = await preflight(INTEGRATOR);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(INTEGRATOR);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toContain('authorization');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it.each([
    ['our own origin', PUBLIC, 200],
    ['the host the browser reached', 'http://localhost:80', 200],
    ['an allowed integrator', INTEGRATOR, 401],
    ['a foreign origin', STRANGER, 401],
  ])('a session cookie sent from %s counts: %s', async (_what, origin, status) => {
    const res = await admin.request('GET', '/api/v1/auth/session', undefined, { origin });
    expect(res.statusCode).toBe(status);
  });

  it.each([
    ['https://crm.example.com', true],
    ['https://crm.example.com, http://localhost:5173', true],
    ['https://crm.example.com/', false],
    ['https://crm.example.com/app', false],
    ['crm.example.com', false],
    ['*', false],
    ['ftp://crm.example.com', false],
  ])('TRELLIS_CORS_ORIGINS=%s is accepted: %s', (value, ok) => {
    const load = () => loadConfig({ TRELLIS_CORS_ORIGINS: value });
    if (ok) expect(load().corsOrigins).toEqual(value.split(',').map((o) => o.trim()));
    else expect(load).toThrow('TRELLIS_CORS_ORIGINS');
  });
});
