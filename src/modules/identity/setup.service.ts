import { and, eq, isNull, sql } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { setupTokens, users } from './schema.js';
import { type StartedSession, startSession } from './sessions.service.js';
import { hasAnyAdmin, insertUser } from './users.service.js';

const system = { kind: 'system' } as const;
// any number that no other advisory lock of this database uses
const BOOTSTRAP_LOCK = 7_226_115_002;

export type BootstrapResult =
  { kind: 'ready' } | { kind: 'admin_created'; email: string } | { kind: 'setup_link'; link: string };

/**
 * At start: with an admin already there, nothing to do; with TRELLIS_ADMIN_EMAIL/PASSWORD, create that admin;
 * otherwise issue a one-time setup link (a new one each start; older unused links stop working).
 */
export async function bootstrapAdmin(ctx: Ctx): Promise<BootstrapResult> {
  const admin = ctx.config.admin;
  const sys: Ctx = { ...ctx, actor: systemActor('bootstrap') };
  return ctx.db.run(system, async (tx) => {
    // instances starting at once on a fresh database take turns: the first creates the admin, the rest see it
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    if (await hasAnyAdmin(tx)) return { kind: 'ready' };
    if (admin) {
      await insertUser(tx, sys, { email: admin.email, name: 'Administrator', password: admin.password, role: 'admin' });
      return { kind: 'admin_created', email: admin.email };
    }
    const token = randomToken();
    await tx.update(setupTokens).set({ usedAt: new Date() }).where(isNull(setupTokens.usedAt));
    await tx.insert(setupTokens).values({ tokenHash: sha256(token) });
    return { kind: 'setup_link', link: `${ctx.config.publicUrl}/setup?token=${token}` };
  });
}

export async function setupRequired(ctx: Ctx): Promise<boolean> {
  return ctx.db.run(system, async (tx) => !(await hasAnyAdmin(tx)));
}

/** Creates the first admin from the one-time link, and signs them in. */
export async function completeSetup(
  ctx: Ctx,
  input: { token: string; name: string; email: string; password: string },
): Promise<StartedSession> {
  return ctx.db.run(system, async (tx) => {
    const [row] = await tx
      .select()
      .from(setupTokens)
      .where(and(eq(setupTokens.tokenHash, sha256(input.token)), isNull(setupTokens.usedAt)))
      .for('update');
    if (!row || (await hasAnyAdmin(tx))) throw new AppError('token_invalid', 'This setup link is invalid or was used');
    await tx.update(setupTokens).set({ usedAt: new Date() }).where(eq(setupTokens.id, row.id));
    const view = await insertUser(tx, { ...ctx, actor: systemActor('setup') }, { ...input, role: 'admin' });
    const [user] = await tx.select().from(users).where(eq(users.id, view.id));
    return startSession(tx, ctx, user!);
  });
}
