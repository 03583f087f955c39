import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailMessages } from '../../platform/mail/schema.js';
import { createTestEnv, makeUser, PASSWORD, type TestEnv, unique } from '../../test/app.js';
import { RESET_REQUESTS_PER_IP_PER_HOUR, RESETS_PER_HOUR } from './rules/session-policy.js';
import { THROTTLE } from './rules/throttle.js';
import { loginAttempts } from './schema.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

let nextIp = 1;
/** A client address of its own for each test, so that per-address counts do not mix. */
const newIp = () => `203.0.113.${nextIp++}`;
const post = (url: string, body: unknown, ip: string) =>
  env.app.inject({ method: 'POST', url: `/api/v1/auth/${url}`, payload: body as object, remoteAddress: ip });
const login = (email: string, password: string, ip: string) => post('login', { email, password }, ip);

function expectThrottled(res: Awaited<ReturnType<typeof post>>, maxSeconds: number) {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ code: 'too_many_attempts', status: 429 });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

describe('sign-in throttling over HTTP', () => {
  const windowSeconds = THROTTLE.windowMs / 1000;

  it('per email: after the failures, even the right password waits, from any address; other emails do not', async () => {
    const user = await makeUser(env, 'viewer');
    const other = await makeUser(env, 'viewer');
    const ip = newIp();
    for (let i = 0; i < THROTTLE.maxFailuresPerEmail; i++) {
      expect((await login(user.email, 'wrong-password-x', ip)).statusCode).toBe(401);
    }
    expectThrottled(await login(user.email, PASSWORD, ip), windowSeconds);
    expectThrottled(await login(user.email.toUpperCase(), PASSWORD, newIp()), windowSeconds);
    expect((await login(other.email, PASSWORD, ip)).statusCode).toBe(200);
    // once the window has passed, the right password works again
    await env.db.run({ kind: 'system' }, (tx) =>
      tx
        .update(loginAttempts)
        .set({ at: new Date(Date.now() - THROTTLE.windowMs - 1000) })
        .where(eq(loginAttempts.email, user.email.toLowerCase())),
    );
    expect((await login(user.email, PASSWORD, ip)).statusCode).toBe(200);
  });

  it('per address: after failures for many emails, the address waits; other addresses do not', async () => {
    const user = await makeUser(env, 'viewer');
    const ip = newIp();
    // all but one failure recorded directly (each one over HTTP costs a password hash); the last one over HTTP
    await env.db.run({ kind: 'system' }, (tx) =>
      tx.insert(loginAttempts).values(
        Array.from({ length: THROTTLE.maxFailuresPerIp - 1 }, () => ({
          email: `${unique('guess')}@example.com`,
          ip,
          succeeded: false,
        })),
      ),
    );
    expect((await login(user.email, 'wrong-password-x', ip)).statusCode).toBe(401);
    expectThrottled(await login(user.email, PASSWORD, ip), windowSeconds);
    expect((await login(user.email, PASSWORD, newIp())).statusCode).toBe(200);
  });
});

describe('password reset throttling over HTTP', () => {
  const mailsTo = async (to: string) =>
    (await env.db.run({ kind: 'system' }, (tx) => tx.select().from(mailMessages).where(eq(mailMessages.to, to))))
      .length;

  it.each([
    ['an account', true],
    ['no account (the refusal tells nothing)', false],
  ])('per email, for %s: a few an hour, then 429', async (_what, exists) => {
    const email = exists ? (await makeUser(env, 'viewer')).email : `${unique('nobody')}@example.com`;
    for (let i = 0; i < RESETS_PER_HOUR; i++) {
      expect((await post('password-reset', { email }, newIp())).statusCode).toBe(202);
    }
    expectThrottled(await post('password-reset', { email: email.toUpperCase() }, newIp()), 3600);
    expect(await mailsTo(email)).toBe(exists ? RESETS_PER_HOUR : 0);
  });

  it('per address: a handful an hour whatever the emails, then 429', async () => {
    const ip = newIp();
    for (let i = 0; i < RESET_REQUESTS_PER_IP_PER_HOUR; i++) {
      expect((await post('password-reset', { email: `${unique('r')}@example.com` }, ip)).statusCode).toBe(202);
    }
    const user = await makeUser(env, 'viewer');
    expectThrottled(await post('password-reset', { email: user.email }, ip), 3600);
    expect(await mailsTo(user.email)).toBe(0);
    expect((await post('password-reset', { email: user.email }, newIp())).statusCode).toBe(202);
  });
});
