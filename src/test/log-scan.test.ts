import { describe, expect, it } from 'vitest';
import { findSecrets, passwordsIn } from './log-scan.js';

const line = (fields: object) => JSON.stringify({ level: 30, time: 1, reqId: 'req-1', ...fields });
const SECRET = 'Zk3q9vN2pX7mW4rT8yB6cD1fG5hJ0kL2sA9dF3gH6jK';

describe('the log scan', () => {
  it.each([
    ['API key secret', line({ msg: `key trl_${SECRET} used` })],
    ['local operator token', line({ msg: `cli with local_${SECRET}` })],
    ['authorization header', line({ req: { headers: { authorization: `Bearer ${SECRET}` } } })],
    ['authorization header', 'Authorization: Basic dXNlcjpwYXNzd29yZA=='],
    ['session cookie', line({ req: { headers: { cookie: `trellis_session=${SECRET}; theme=dark` } } })],
    ['session cookie', line({ res: { headers: { 'set-cookie': `trellis_session=${SECRET}; Path=/; HttpOnly` } } })],
    ['credential field', line({ body: { email: 'a@example.com', password: 'hunter2-and-more' } })],
    ['credential field', line({ csrfToken: SECRET })],
    ['credential field', line({ req: { headers: { 'x-csrf-token': SECRET } } })],
    ['credential field', line({ token: SECRET })],
    ['token in a link', line({ req: { url: `/reset-password?token=${SECRET}` } })],
    ['token in a link', line({ msg: `Open https://trellis.test/accept-invite?token=${SECRET} to join` })],
    ['token in a link', line({ msg: `https://trellis.test/setup?token=${SECRET}` })],
    ['invitation token in a path', line({ req: { url: `/api/v1/auth/invitations/${SECRET}` } })],
    ['password hash', line({ row: { password_hash: `scrypt$32768$8$1$c2FsdA$${SECRET}` } })],
    ['known password', line({ msg: 'login with correct-horse-battery-staple' })],
  ])('catches a planted %s', (kind, text) => {
    const findings = findSecrets(`${line({ msg: 'before' })}\n${text}\n`, ['correct-horse-battery-staple']);
    expect(findings).toContainEqual(expect.objectContaining({ kind, line: 2 }));
    expect(findings.every((f) => f.line === 2)).toBe(true);
  });

  it.each([
    ['a request log', line({ req: { method: 'POST', url: '/api/v1/auth/login', ip: '127.0.0.1' } })],
    ['a redacted header', line({ req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } } })],
    ['a redacted field', line({ body: { password: '[redacted]', token: '[redacted]' } })],
    ['a masked link', line({ req: { url: '/reset-password?token=[redacted]' } })],
    ['a masked invitation path', line({ req: { url: '/api/v1/auth/invitations/[redacted]' } })],
    ['accepting an invitation', line({ req: { url: '/api/v1/auth/invitations/accept' } })],
    ['an API key by its shown prefix', line({ actor: 'API key CRM sync (trl_ab12cd34…)' })],
    ['a cleared session cookie', 'set-cookie: trellis_session=; Max-Age=0; Path=/'],
    ['ids and hashes of requests', line({ reqId: 'f3a9c1e2-5b7d-4c1a-9e2f-0a1b2c3d4e5f', etag: `"${SECRET}"` })],
  ])('leaves %s alone', (_what, text) => {
    expect(findSecrets(text, ['correct-horse-battery-staple'])).toEqual([]);
  });

  it('knows the passwords the tests use from their sources', () => {
    const sources = [
      "export const PASSWORD = 'correct-horse-battery-staple';",
      "const NEW_PASSWORD = 'a-brand-new-admin-password-7';",
      "await browser.login(user.email, 'wrong-password-x');\nlogin({ email, password: 'not-the-password!' })",
      "await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong-password-123');",
      "const name = 'not a password';",
      "const kinds = ['password_reset', 'application_received'];",
      "expect(line({ body: { password: '[redacted]' } }));",
    ];
    expect(passwordsIn(sources).sort()).toEqual(
      [
        'a-brand-new-admin-password-7',
        'correct-horse-battery-staple',
        'not-the-password!',
        'wrong-password-x',
        'wrong-password-123',
      ].sort(),
    );
  });
});
