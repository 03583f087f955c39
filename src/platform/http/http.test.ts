import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestEnv, signedIn, type TestEnv } from '../../test/app.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('HTTP conventions', () => {
  it('serves OpenAPI 3.1 generated from the schemas, with every API route named', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      ([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, id: op.operationId })),
    );
    expect(ops.filter((o) => o.path.startsWith('/api/v1/')).length).toBeGreaterThan(20);
    expect(ops.filter((o) => o.path.startsWith('/api/v1/') && !o.id)).toEqual([]);
    expect(doc.paths['/api/v1/products'].post.requestBody.content['application/json'].schema).toBeDefined();
    const docs = await env.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('puts a request id on every response, keeping a valid one the caller sent', async () => {
    const mine = await env.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-12345678' },
    });
    expect(mine.headers['x-request-id']).toBe('trace-12345678');
    const made = await env.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.json().requestId).toBe(made.headers['x-request-id']);
  });

  it('answers health, readiness and Prometheus metrics', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await env.app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
    const metrics = await env.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('trellis_http_request_duration_seconds');
  });

  it.each([
    ['malformed JSON', '{"title":', 'application/json', 400, 'validation_failed'],
    ['wrong type', '{"title": 42}', 'application/json', 400, 'validation_failed'],
    ['unknown field', '{"title": "x", "id": "mine"}', 'application/json', 400, 'validation_failed'],
    ['wrong content type', 'title=x', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
  ])('refuses %s with problem+json', async (_name, payload, type, status, code) => {
    const { browser } = await signedIn(env, 'admin');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: { cookie: browser.cookie!, 'x-csrf-token': browser.csrf!, 'content-type': type },
      payload,
    });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
  });

  it('names the field of a validation error', async () => {
    const { browser } = await signedIn(env, 'admin');
    const res = await browser.request('POST', '/api/v1/products', { title: '', tags: 'x' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['tags', 'title']);
  });

  it('caps the page size and refuses a bad cursor naming the field', async () => {
    const { browser } = await signedIn(env, 'viewer');
    const big = await browser.request('GET', '/api/v1/products?limit=1000');
    expect(big.statusCode).toBe(400);
    expect(big.json().errors[0].field).toBe('limit');
    const bad = await browser.request('GET', '/api/v1/products?cursor=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_cursor', errors: [{ field: 'cursor' }] });
  });

  it('replays a create with the same Idempotency-Key, and refuses the key with another body', async () => {
    const { browser } = await signedIn(env, 'admin');
    const key = { 'idempotency-key': `k-${Date.now()}` };
    const first = await browser.request('POST', '/api/v1/products', { title: 'Once only' }, key);
    const second = await browser.request('POST', '/api/v1/products', { title: 'Once only' }, key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const list = await browser.request('GET', '/api/v1/products?q=Once%20only');
    expect(list.json().items).toHaveLength(1);
    const other = await browser.request('POST', '/api/v1/products', { title: 'Something else' }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_conflict');
  });

  it('gives concurrent twins with one Idempotency-Key one product', async () => {
    const { browser } = await signedIn(env, 'admin');
    const key = { 'idempotency-key': `twin-${Date.now()}` };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => browser.request('POST', '/api/v1/products', { title: 'Twin create' }, key)),
    );
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect((await browser.request('GET', '/api/v1/products?q=Twin%20create')).json().items).toHaveLength(1);
  });

  it('sends security headers', async () => {
    const res = await new Browser(env.app).request('GET', '/healthz');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
