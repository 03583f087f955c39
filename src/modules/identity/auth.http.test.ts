import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.js';
import { mailMessages } from '../../platform/mail/schema.js';
import {
  Browser,
  createTestEnv,
  makePartner,
  makeUser,
  PASSWORD,
  signedIn,
  type TestEnv,
  unique,
} from '../../test/app.js';
import { sessions, users } from './schema.js';
import { bootstrapAdmin } from './setup.service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

/** The link in the newest mail to an address, as an admin would read it in the console. */
async function linkIn(to: string): Promise<string> {
  const rows = await env.db.run({ kind: 'system' }, (tx) =>
    tx.select().from(mailMessages).where(eq(mailMessages.to, to)),
  );
  const newest = rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const link = newest?.text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no mail with a link to ${to}`);
  return link;
}
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

describe('sign-in and sessions', () => {
  it('signs in, shows the session, and never returns a password hash', async () => {
    const user = await makeUser(env, 'channel_manager');
    const browser = new Browser(env.app);
    const res = await browser.login(user.email.toUpperCase());
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/scrypt|password/i);
    const cookie = res.cookies.find((c) => c.name === 'trellis_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const session = await browser.request('GET', '/api/v1/auth/session');
    expect(session.json()).toMatchObject({ user: { email: user.email, role: 'channel_manager', kind: 'vendor' } });
    expect(session.json().permissions).toContain('product.write');
  });

  it('refuses a wrong password with a problem document', async () => {
    const user = await makeUser(env, 'viewer');
    const res = await new Browser(env.app).login(user.email, 'not-the-password!');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'invalid_credentials', status: 401 });
  });

  it('throttles repeated failures for one email with 429 and Retry-After', async () => {
    const user = await makeUser(env, 'viewer');
    const browser = new Browser(env.app);
    for (let i = 0; i < 5; i++) expect((await browser.login(user.email, 'wrong-password-x')).statusCode).toBe(401);
    const blocked = await browser.login(user.email, PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('issues a new session id at every sign-in and ends the session at logout', async () => {
    const user = await makeUser(env, 'finance');
    const browser = new Browser(env.app);
    await browser.login(user.email);
    const first = browser.cookie;
    await browser.login(user.email);
    expect(browser.cookie).not.toBe(first);
    const old = new Browser(env.app);
    old.cookie = first;
    expect((await old.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    const current = browser.cookie;
    const out = await browser.request('POST', '/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(browser.cookie).toBeNull();
    // the old cookie no longer works: the session ended on the server, not only in the browser
    const replay = new Browser(env.app);
    replay.cookie = current;
    expect((await replay.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('requires the CSRF token for unsafe requests made with the cookie', async () => {
    const { browser } = await signedIn(env, 'admin');
    const csrf = browser.csrf;
    browser.csrf = null;
    const refused = await browser.request('POST', '/api/v1/products', { title: 'CSRF test' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('csrf_failed');
    browser.csrf = 'wrong';
    expect((await browser.request('POST', '/api/v1/products', { title: 'CSRF test' })).statusCode).toBe(403);
    browser.csrf = csrf;
    expect((await browser.request('POST', '/api/v1/products', { title: 'CSRF test' })).statusCode).toBe(201);
  });

  it('answers 401 to anonymous calls of closed routes', async () => {
    const res = await new Browser(env.app).request('GET', '/api/v1/products');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });
});

describe('invitations', () => {
  it('an admin invites a vendor user who accepts by the mailed link and is signed in', async () => {
    const { browser: admin } = await signedIn(env, 'admin');
    const email = `${unique('invitee')}@example.com`;
    const created = await admin.request('POST', '/api/v1/invitations', { email, role: 'marketing' });
    expect(created.statusCode).toBe(201);
    const link = await linkIn(email);
    expect(link).toMatch(/^http:\/\/trellis\.test\/accept-invite\?token=/);
    const visitor = new Browser(env.app);
    const preview = await visitor.request('GET', `/api/v1/auth/invitations/${tokenOf(link)}`);
    expect(preview.json()).toMatchObject({ email, role: 'marketing', partner: null });
    const weak = await visitor.request('POST', '/api/v1/auth/invitations/accept', {
      token: tokenOf(link),
      name: 'Mia',
      password: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('password');
    const accepted = await visitor.request('POST', '/api/v1/auth/invitations/accept', {
      token: tokenOf(link),
      name: 'Mia',
      password: PASSWORD,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ email, role: 'marketing', name: 'Mia' });
    visitor.csrf = accepted.json().csrfToken;
    expect((await visitor.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    const again = await new Browser(env.app).request('POST', '/api/v1/auth/invitations/accept', {
      token: tokenOf(link),
      name: 'Mia',
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(410);
  });

  it('a partner admin invites colleagues only into its own company, as partner roles only', async () => {
    const partner = await makePartner(env);
    const other = await makePartner(env);
    const { browser } = await signedIn(env, 'partner_admin', partner.id);
    const email = `${unique('colleague')}@example.com`;
    const res = await browser.request('POST', '/api/v1/invitations', {
      email,
      role: 'partner_member',
      partnerId: other.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().partnerId).toBe(partner.id);
    const asAdmin = await browser.request('POST', '/api/v1/invitations', {
      email: `${unique('x')}@example.com`,
      role: 'admin',
    });
    expect(asAdmin.statusCode).toBe(400);
    expect(asAdmin.json().errors[0].field).toBe('role');
    const link = await linkIn(email);
    const accepted = await new Browser(env.app).request('POST', '/api/v1/auth/invitations/accept', {
      token: tokenOf(link),
      name: 'Col League',
      password: PASSWORD,
    });
    expect(accepted.json().user).toMatchObject({
      kind: 'partner',
      role: 'partner_member',
      partner: { id: partner.id, name: partner.name },
    });
    const team = await browser.request('GET', '/api/v1/users');
    expect(team.json().items.every((u: { partnerId: string }) => u.partnerId === partner.id)).toBe(true);
    expect(team.json().items.map((u: { email: string }) => u.email)).toContain(email);
  });

  it('a channel manager invites partner users but not vendor staff', async () => {
    const partner = await makePartner(env);
    const { browser } = await signedIn(env, 'channel_manager');
    const staff = await browser.request('POST', '/api/v1/invitations', {
      email: `${unique('x')}@example.com`,
      role: 'viewer',
    });
    expect(staff.statusCode).toBe(403);
    const partnerUser = await browser.request('POST', '/api/v1/invitations', {
      email: `${unique('x')}@example.com`,
      role: 'partner_admin',
      partnerId: partner.id,
    });
    expect(partnerUser.statusCode).toBe(201);
  });

  it('a partner member may not invite', async () => {
    const partner = await makePartner(env);
    const { browser } = await signedIn(env, 'partner_member', partner.id);
    const res = await browser.request('POST', '/api/v1/invitations', {
      email: `${unique('x')}@example.com`,
      role: 'partner_member',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('password reset', () => {
  it('mails a link, sets the new password, and ends every session', async () => {
    const user = await makeUser(env, 'viewer');
    const browser = new Browser(env.app);
    await browser.login(user.email);
    const anon = new Browser(env.app);
    expect((await anon.request('POST', '/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
    expect(
      (await anon.request('POST', '/api/v1/auth/password-reset', { email: 'nobody@example.com' })).statusCode,
    ).toBe(202);
    const token = tokenOf(await linkIn(user.email));
    const newPassword = 'a-whole-new-passphrase';
    expect(
      (await anon.request('POST', '/api/v1/auth/password-reset/confirm', { token, password: newPassword })).statusCode,
    ).toBe(204);
    expect((await browser.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await new Browser(env.app).login(user.email)).statusCode).toBe(401);
    expect((await new Browser(env.app).login(user.email, newPassword)).statusCode).toBe(200);
    expect(
      (await anon.request('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'yet-another-passphrase' }))
        .statusCode,
    ).toBe(410);
    const live = await env.db.run({ kind: 'system' }, (tx) =>
      tx.select().from(sessions).where(eq(sessions.userId, user.id)),
    );
    expect(live.filter((s) => s.endedAt === null)).toHaveLength(1);
  });
});

describe('API keys', () => {
  it('shows the secret once, stores only its hash, authenticates with it and stops at revocation', async () => {
    const { browser } = await signedIn(env, 'admin');
    const created = await browser.request('POST', '/api/v1/api-keys', { name: 'CRM sync', role: 'channel_manager' });
    expect(created.statusCode).toBe(201);
    const { secret, apiKey } = created.json();
    expect(secret).toMatch(/^trl_/);
    expect(apiKey.prefix).toBe(secret.slice(0, 12));
    const listed = await browser.request('GET', '/api/v1/api-keys');
    expect(listed.body).not.toContain(secret);
    const bearer = { authorization: `Bearer ${secret}` };
    const viaKey = await new Browser(env.app).request(
      'POST',
      '/api/v1/products',
      { title: 'Made by a script' },
      bearer,
    );
    expect(viaKey.statusCode).toBe(201);
    const audit = await browser.request('GET', `/api/v1/audit?objectId=${viaKey.json().id}`);
    expect(audit.json().items[0].actor).toMatchObject({ type: 'api_key', id: apiKey.id });
    expect((await browser.request('DELETE', `/api/v1/api-keys/${apiKey.id}`)).statusCode).toBe(200);
    const after = await new Browser(env.app).request('GET', '/api/v1/products', undefined, bearer);
    expect(after.statusCode).toBe(401);
  });

  it('a partner key sees only its partner', async () => {
    const a = await makePartner(env);
    const b = await makePartner(env);
    const { browser } = await signedIn(env, 'partner_admin', a.id);
    const created = await browser.request('POST', '/api/v1/api-keys', { name: 'Partner CRM', role: 'partner_member' });
    expect(created.json().apiKey.partnerId).toBe(a.id);
    const bearer = { authorization: `Bearer ${created.json().secret}` };
    const api = new Browser(env.app);
    expect((await api.request('GET', `/api/v1/partners/${a.id}`, undefined, bearer)).statusCode).toBe(200);
    expect((await api.request('GET', `/api/v1/partners/${b.id}`, undefined, bearer)).statusCode).toBe(404);
    const list = await api.request('GET', '/api/v1/partners', undefined, bearer);
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([a.id]);
  });
});

describe('first admin', () => {
  it('creates the admin from the configuration, or prints a one-time setup link', async () => {
    const fresh = await createTestEnv();
    try {
      const ctx = fresh.ctx(systemActor('test'));
      const boot = await bootstrapAdmin(ctx);
      expect(boot.kind).toBe('setup_link');
      const link = boot.kind === 'setup_link' ? boot.link : '';
      const browser = new Browser(fresh.app);
      expect((await browser.request('GET', '/api/v1/auth/setup')).json()).toEqual({ required: true });
      const done = await browser.request('POST', '/api/v1/auth/setup', {
        token: tokenOf(link),
        name: 'Root',
        email: 'root@example.com',
        password: PASSWORD,
      });
      expect(done.statusCode).toBe(200);
      expect(done.json().user.role).toBe('admin');
      expect((await browser.request('GET', '/api/v1/auth/setup')).json()).toEqual({ required: false });
      const twice = await new Browser(fresh.app).request('POST', '/api/v1/auth/setup', {
        token: tokenOf(link),
        name: 'X',
        email: 'x@example.com',
        password: PASSWORD,
      });
      expect(twice.statusCode).toBe(410);
      expect((await bootstrapAdmin(ctx)).kind).toBe('ready');
    } finally {
      await fresh.close();
    }
    const configured = await createTestEnv({ admin: { email: 'boss@example.com', password: PASSWORD } });
    try {
      expect(await bootstrapAdmin(configured.ctx(systemActor('test')))).toEqual({
        kind: 'admin_created',
        email: 'boss@example.com',
      });
      expect((await new Browser(configured.app).login('boss@example.com')).statusCode).toBe(200);
    } finally {
      await configured.close();
    }
  });

  it('instances starting at once on a fresh database create one first admin between them', async () => {
    const fresh = await createTestEnv({ admin: { email: 'first@example.com', password: PASSWORD } });
    try {
      // as if five processes ran their start at the same moment (on PostgreSQL, each on its own connection)
      const results = await Promise.all(
        Array.from({ length: 5 }, () => bootstrapAdmin(fresh.ctx(systemActor('test')))),
      );
      expect(results.map((r) => r.kind).sort()).toEqual(['admin_created', 'ready', 'ready', 'ready', 'ready']);
      const admins = await fresh.db.owner.select({ email: users.email }).from(users).where(eq(users.role, 'admin'));
      expect(admins).toEqual([{ email: 'first@example.com' }]);
    } finally {
      await fresh.close();
    }
  });
});
