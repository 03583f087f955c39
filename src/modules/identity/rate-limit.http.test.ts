import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { App } from '../../platform/http/types.js';
import { Browser, createTestEnv, signedIn, type TestEnv } from '../../test/app.js';

const LIMIT = 3;
let env: TestEnv;
let second: App;
let admin: Browser;
beforeAll(async () => {
  env = await createTestEnv({ apiRateLimit: LIMIT });
  // a second instance on the same database: the count is shared
  second = await buildApp({ db: env.db, config: env.config });
  admin = (await signedIn(env, 'admin')).browser;
});
afterAll(async () => {
  await second?.close();
  await env?.close();
});

async function newKey(): Promise<Record<string, string>> {
  const res = await admin.request('POST', '/api/v1/api-keys', { name: `Script ${Math.random()}`, role: 'viewer' });
  return { authorization: `Bearer ${(res.json() as { secret: string }).secret}` };
}

/** The limit counts per minute: start a run early enough in a minute that the window does not turn during it. */
async function awayFromWindowEnd() {
  const into = Date.now() % 60_000;
  if (into > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - into + 50));
}

describe('rate limit per API key', () => {
  it('counts each key across instances, then answers 429 with Retry-After and RateLimit headers', async () => {
    const key = await newKey();
    await awayFromWindowEnd();
    const apps = [env.app, second, env.app];
    const remaining: string[] = [];
    for (const app of apps) {
      const res = await new Browser(app).request('GET', '/api/v1/products', undefined, key);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe(String(LIMIT));
      remaining.push(String(res.headers['ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const over = await new Browser(second).request('GET', '/api/v1/products', undefined, key);
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    const retryAfter = Number(over.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.headers['ratelimit-reset']).toBe(String(retryAfter));
    // a write over the limit is refused before it does anything
    const write = await new Browser(env.app).request('POST', '/api/v1/products', { title: 'Over the limit' }, key);
    expect(write.statusCode).toBe(429);
    expect((await admin.request('GET', '/api/v1/products?q=Over%20the%20limit')).json()).toMatchObject({ items: [] });
  });

  it('does not count one key against another, nor browser sessions', async () => {
    await awayFromWindowEnd();
    const [a, b] = [await newKey(), await newKey()];
    for (let i = 0; i < LIMIT + 1; i++) await new Browser(env.app).request('GET', '/api/v1/products', undefined, a);
    const other = await new Browser(env.app).request('GET', '/api/v1/products', undefined, b);
    expect(other.statusCode).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe(String(LIMIT - 1));
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await admin.request('GET', '/api/v1/products');
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it.each([
    [undefined, 600],
    ['1200', 1200],
    ['0', 0],
    ['-1', null],
    ['ten', null],
    ['1.5', null],
  ])('TRELLIS_API_RATE_LIMIT=%s gives %s', (value, limit) => {
    const load = () => loadConfig(value === undefined ? {} : { TRELLIS_API_RATE_LIMIT: value });
    if (limit === null) expect(load).toThrow('TRELLIS_API_RATE_LIMIT');
    else expect(load().apiRateLimit).toBe(limit);
  });
});
