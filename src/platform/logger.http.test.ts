import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { Browser, createTestEnv, makeUser, PASSWORD, type TestEnv, unique } from '../test/app.js';
import { findSecrets } from '../test/log-scan.js';
import type { App } from './http/types.js';
import { loggerOptions } from './logger.js';
import { mailMessages } from './mail/schema.js';

const LOCAL_TOKEN = 'Xq7oNw3vJ2kP9sLr4tYb8mZc1dFg6hHj5aEu0iOy3Wx';
let env: TestEnv;
let app: App;
const lines: string[] = [];
beforeAll(async () => {
  env = await createTestEnv();
  // the production logger at its most talkative, writing where the test can read it
  const logger = pino(loggerOptions({ ...env.config, logLevel: 'trace' }), { write: (s: string) => lines.push(s) });
  app = await buildApp({ db: env.db, config: env.config, logger, localToken: LOCAL_TOKEN });
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

async function tokenMailedTo(to: string): Promise<string> {
  const [mail] = await env.db.run({ kind: 'system' }, (tx) =>
    tx.select().from(mailMessages).where(eq(mailMessages.to, to)),
  );
  return new URL(mail!.text.match(/https?:\/\/\S+/)![0]).searchParams.get('token')!;
}

describe('the server log', () => {
  it('holds no credential after every way of signing in and every one-time link', async () => {
    const user = await makeUser(env, 'admin');
    const browser = new Browser(app);
    expect((await browser.login(user.email, 'a-wrong-password-1')).statusCode).toBe(401);
    expect((await browser.login(user.email)).statusCode).toBe(200);
    const key = await browser.request('POST', '/api/v1/api-keys', { name: 'Script', role: 'viewer' });
    const secret = (key.json() as { secret: string }).secret;
    const api = new Browser(app);
    expect(
      (await api.request('GET', '/api/v1/products', undefined, { authorization: `Bearer ${secret}` })).statusCode,
    ).toBe(200);
    expect(
      (await api.request('GET', '/api/v1/products', undefined, { authorization: 'Bearer trl_unknownunknownunknown1' }))
        .statusCode,
    ).toBe(401);
    const local = { authorization: `Bearer local_${LOCAL_TOKEN}` };
    expect((await api.request('GET', '/api/v1/products', undefined, local)).statusCode).toBe(200);

    const invitee = `${unique('invitee')}@example.com`;
    await browser.request('POST', '/api/v1/invitations', { email: invitee, role: 'viewer' });
    const invitation = await tokenMailedTo(invitee);
    const visitor = new Browser(app);
    expect((await visitor.request('GET', `/api/v1/auth/invitations/${invitation}`)).statusCode).toBe(200);
    await visitor.request('GET', `/accept-invite?token=${invitation}`);
    const accepted = await visitor.request('POST', '/api/v1/auth/invitations/accept', {
      token: invitation,
      name: 'Ivy',
      password: PASSWORD,
    });
    expect(accepted.statusCode).toBe(200);

    await visitor.request('POST', '/api/v1/auth/password-reset', { email: user.email });
    const reset = await tokenMailedTo(user.email);
    await visitor.request('GET', `/reset-password?token=${reset}`);
    const confirmed = await visitor.request('POST', '/api/v1/auth/password-reset/confirm', {
      token: reset,
      password: 'a-brand-new-password-9',
    });
    expect(confirmed.statusCode).toBe(204);

    const log = lines.join('');
    // the requests are there, their credentials are not
    expect(log).toContain('/api/v1/auth/invitations/[redacted]');
    expect(log).toContain('/reset-password?token=[redacted]');
    const findings = findSecrets(log, [PASSWORD, 'a-wrong-password-1', 'a-brand-new-password-9']);
    expect(findings).toEqual([]);
    for (const value of [secret, LOCAL_TOKEN, invitation, reset, browser.csrf!, browser.cookie!.split('=')[1]!]) {
      expect(log).not.toContain(value);
    }
  });
});
