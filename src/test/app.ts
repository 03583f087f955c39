import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { systemActor, type Actor } from '../platform/access/actor.js';
import type { Role } from '../platform/access/roles.js';
import type { Ctx } from '../platform/context.js';
import type { App } from '../platform/http/types.js';
import { createPartner } from '../modules/partners/service.js';
import { insertUser } from '../modules/identity/users.service.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { testLogger } from './test-logger.js';

export const PASSWORD = 'correct-horse-battery-staple';

export type TestEnv = {
  db: TestDatabase;
  config: Config;
  app: App;
  /** A context for calling services directly as `actor`. */
  ctx(actor: Actor): Ctx;
  close(): Promise<void>;
};

export async function createTestEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const db = await createTestDatabase();
  const config = { ...loadConfig({ TRELLIS_PUBLIC_URL: 'http://trellis.test', LOG_LEVEL: 'silent' }), ...overrides };
  const logger = testLogger(config);
  const app = await buildApp({ config, db, ...(logger ? { logger } : {}) });
  await app.ready();
  return {
    db,
    config,
    app,
    ctx: (actor) => ({ db, config, actor, requestId: null }),
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** A vendor admin as the services see one, for calling them directly (no user row behind it). */
export const adminActor: Extract<Actor, { type: 'user' }> = {
  type: 'user',
  id: '00000000-0000-4000-8000-000000000001',
  label: 'Ada <ada@example.com>',
  role: 'admin',
  partnerId: null,
  sessionId: null,
};

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export async function makePartner(env: TestEnv, name = unique('Partner')) {
  return createPartner(env.ctx(systemActor('test')), { name });
}

export async function makeUser(env: TestEnv, role: Role, partnerId: string | null = null) {
  const email = `${unique(role)}@example.com`;
  const ctx = env.ctx(systemActor('test'));
  const user = await env.db.run({ kind: 'system' }, (tx) =>
    insertUser(tx, ctx, { email, name: `Test ${role}`, password: PASSWORD, role, partnerId }),
  );
  return user;
}

/** A signed-in browser: keeps the session cookie and sends the CSRF token like the web app does. */
export class Browser {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(private readonly app: App) {}

  async login(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    const res = await this.request('POST', '/api/v1/auth/login', { email, password });
    if (res.statusCode === 200) this.csrf = (res.json() as { csrfToken: string }).csrfToken;
    return res;
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      // a Buffer goes as it is (uploads), with the content type the caller gives
      ...(body !== undefined ? { payload: Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'trellis_session');
    if (set) this.cookie = set.value ? `trellis_session=${set.value}` : null;
    return res;
  }
}

export async function signedIn(env: TestEnv, role: Role, partnerId: string | null = null) {
  const user = await makeUser(env, role, partnerId);
  const browser = new Browser(env.app);
  const res = await browser.login(user.email);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return { user, browser };
}

/** The fields a problem+json answer names, in its order. */
export const errorFields = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
