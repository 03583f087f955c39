import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestEnv, errorFields, makeUser, PASSWORD, type TestEnv } from '../../test/app.js';
import { SESSION_POLICY } from './rules/session-policy.js';
import { sessions } from './schema.js';

let env: TestEnv;
let admin: Browser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = new Browser(env.app);
  await admin.login((await makeUser(env, 'admin')).email);
});
afterAll(() => env?.close());

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const sessionsOf = (userId: string) =>
  env.db.run({ kind: 'system' }, (tx) => tx.select().from(sessions).where(eq(sessions.userId, userId)));
/** Moves a user's session in time, as if it had been opened or last used earlier. */
const setTimes = (userId: string, times: Partial<typeof sessions.$inferInsert>) =>
  env.db.run({ kind: 'system' }, (tx) => tx.update(sessions).set(times).where(eq(sessions.userId, userId)));

async function signedInUser(role: 'viewer' | 'partner_admin' = 'viewer') {
  const user = await makeUser(env, role);
  const browser = new Browser(env.app);
  expect((await browser.login(user.email)).statusCode).toBe(200);
  return { user, browser };
}

describe('session lifetime', () => {
  it('opens a session that ends a week after sign-in at the latest', async () => {
    const { user } = await signedInUser();
    const [s] = await sessionsOf(user.id);
    expect(s!.expiresAt.getTime() - s!.createdAt.getTime()).toBe(SESSION_POLICY.absoluteMs);
  });

  it.each([
    ['used a minute ago', 200, { lastSeenAt: ago(MINUTE) }],
    ['idle for just under a day', 200, { lastSeenAt: ago(SESSION_POLICY.idleMs - MINUTE) }],
    ['idle for a day', 401, { lastSeenAt: ago(SESSION_POLICY.idleMs + 1000) }],
    ['in use, but past its absolute end', 401, { createdAt: ago(7 * 24 * 60 * MINUTE), expiresAt: ago(1000) }],
    ['in use, a minute before its absolute end', 200, { expiresAt: new Date(Date.now() + MINUTE) }],
    ['ended', 401, { endedAt: ago(1000) }],
  ])('a session %s answers %i', async (_what, status, times) => {
    const { user, browser } = await signedInUser();
    await setTimes(user.id, times);
    const res = await browser.request('GET', '/api/v1/auth/session');
    expect(res.statusCode).toBe(status);
    if (status === 401) {
      expect(res.json()).toMatchObject({ code: 'unauthenticated' });
      // the dead cookie is cleared
      expect(browser.cookie).toBeNull();
    }
  });

  it.each([
    ['used 30 seconds ago: not written again yet', 30_000, false],
    ['used 2 minutes ago: last-seen moves to now', 2 * MINUTE, true],
    ['idle for 23 hours: use keeps it alive', 23 * 60 * MINUTE, true],
  ])('a session %s', async (_what, idle, touched) => {
    const { user, browser } = await signedInUser();
    const before = ago(idle);
    await setTimes(user.id, { lastSeenAt: before });
    expect((await browser.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    const [s] = await sessionsOf(user.id);
    if (touched) expect(Date.now() - s!.lastSeenAt.getTime()).toBeLessThan(MINUTE);
    else expect(s!.lastSeenAt).toEqual(before);
  });
});

describe('disabling a user', () => {
  it('ends every session of the user at once, and enabling again does not revive them', async () => {
    const { user, browser } = await signedInUser();
    const other = new Browser(env.app);
    await other.login(user.email);
    expect((await sessionsOf(user.id)).filter((s) => s.endedAt === null)).toHaveLength(2);
    expect((await admin.request('PATCH', `/api/v1/users/${user.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await sessionsOf(user.id)).every((s) => s.endedAt !== null)).toBe(true);
    for (const b of [browser, other]) {
      expect((await b.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    }
    expect((await new Browser(env.app).login(user.email)).statusCode).toBe(401);
    await admin.request('PATCH', `/api/v1/users/${user.id}`, { disabled: false });
    const revived = new Browser(env.app);
    revived.cookie = other.cookie;
    expect((await revived.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('leaves the API keys the user created working: they belong to the organisation, not the person', async () => {
    const maker = await makeUser(env, 'admin');
    const browser = new Browser(env.app);
    await browser.login(maker.email);
    const created = await browser.request('POST', '/api/v1/api-keys', { name: 'CRM sync', role: 'viewer' });
    const bearer = { authorization: `Bearer ${(created.json() as { secret: string }).secret}` };
    await admin.request('PATCH', `/api/v1/users/${maker.id}`, { disabled: true });
    expect((await new Browser(env.app).request('GET', '/api/v1/products', undefined, bearer)).statusCode).toBe(200);
  });
});

describe('changing the password', () => {
  const NEW = 'a-fresh-passphrase-for-me';

  it("ends the user's other sessions and keeps the one in use", async () => {
    const { user, browser } = await signedInUser();
    const elsewhere = new Browser(env.app);
    await elsewhere.login(user.email);
    const res = await browser.request('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: NEW });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessionsEnded: 1 });
    expect((await browser.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    expect((await elsewhere.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await new Browser(env.app).login(user.email, PASSWORD)).statusCode).toBe(401);
    expect((await new Browser(env.app).login(user.email, NEW)).statusCode).toBe(200);
  });

  it.each([
    ['a wrong current password', { currentPassword: 'not-my-password-1', newPassword: NEW }, 'currentPassword'],
    ['a weak new password', { currentPassword: PASSWORD, newPassword: 'short' }, 'newPassword'],
    ['a missing field', { currentPassword: PASSWORD }, 'newPassword'],
  ])('refuses %s, naming the field, and changes nothing', async (_what, body, field) => {
    const { user, browser } = await signedInUser();
    const res = await browser.request('POST', '/api/v1/auth/password', body);
    expect(res.statusCode).toBe(400);
    expect(errorFields(res)).toEqual([field]);
    expect((await new Browser(env.app).login(user.email, PASSWORD)).statusCode).toBe(200);
  });

  it('is throttled like sign-in when the current password is guessed', async () => {
    const { browser } = await signedInUser();
    for (let i = 0; i < 5; i++) {
      await browser.request('POST', '/api/v1/auth/password', {
        currentPassword: `guess-number-${i}-x`,
        newPassword: NEW,
      });
    }
    const res = await browser.request('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: NEW });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('is for people: an API key cannot change a password', async () => {
    const created = await admin.request('POST', '/api/v1/api-keys', { name: 'Script', role: 'admin' });
    const bearer = { authorization: `Bearer ${(created.json() as { secret: string }).secret}` };
    const res = await new Browser(env.app).request(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: PASSWORD, newPassword: NEW },
      bearer,
    );
    expect(res.statusCode).toBe(403);
  });
});
