import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { sessions } from '../../modules/identity/schema.js';
import { createTestEnv, makeUser, PASSWORD } from '../../test/app.js';

async function sessionIp(trustedProxies: string[]): Promise<string | null> {
  const env = await createTestEnv({ trustedProxies });
  try {
    const user = await makeUser(env, 'viewer');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      payload: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await env.db.run({ kind: 'system' }, (tx) =>
      tx
        .select({ ip: sessions.ip })
        .from(sessions)
        .where(eq(sessions.userId, user.id))
        .orderBy(desc(sessions.createdAt)),
    );
    return row?.ip ?? null;
  } finally {
    await env.close();
  }
}

describe('the client address behind a proxy', () => {
  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    expect(await sessionIp([])).toBe('127.0.0.1');
    expect(await sessionIp(['127.0.0.1'])).toBe('203.0.113.9');
  });

  it('reads trusted proxies from the environment and refuses anything else', () => {
    expect(loadConfig({ TRELLIS_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(() => loadConfig({ TRELLIS_TRUSTED_PROXIES: 'everyone' })).toThrow(/TRELLIS_TRUSTED_PROXIES/);
  });
});
