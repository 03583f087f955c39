import { and, count, eq, gte, isNull, min, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { actionsOf } from '../../platform/access/permissions.js';
import type { Role } from '../../platform/access/roles.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import { DUMMY_PASSWORD_HASH, randomToken, sha256, verifyPassword } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { SessionView } from './contracts.js';
import { normalizeEmail, retryAfterSeconds, THROTTLE } from './rules/throttle.js';
import { SESSION_POLICY, sessionIsLive } from './rules/session-policy.js';
import { loginAttempts, sessions, users } from './schema.js';
import { userLabel, userView } from './views.js';

type UserRow = typeof users.$inferSelect;
const system = { kind: 'system' } as const;

export type StartedSession = { token: string; view: SessionView };

export function actorOfUser(u: UserRow, sessionId: string | null): Actor {
  return { type: 'user', id: u.id, label: userLabel(u), role: u.role as Role, partnerId: u.partnerId, sessionId };
}

/** Opens a new session for a user (a fresh id at every sign-in); used by login, setup and invitations. */
export async function startSession(tx: Tx, ctx: Ctx, user: UserRow): Promise<StartedSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = new Date();
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: sha256(token),
      csrfToken,
      userId: user.id,
      partnerId: user.partnerId,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent?.slice(0, 500) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_POLICY.absoluteMs),
    })
    .returning({ id: sessions.id });
  await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
  const view = await userView(tx, { ...user, lastLoginAt: now });
  await recordChange(
    tx,
    { ...ctx, actor: actorOfUser(user, row!.id) },
    {
      action: 'user.signed_in',
      objectType: 'user',
      objectId: user.id,
      partnerId: user.partnerId,
      before: null,
      after: { sessionId: row!.id, ip: ctx.ip ?? null },
    },
  );
  return { token, view: { user: view, csrfToken, permissions: actionsOf(user.role as Role) } };
}

async function failureStats(
  tx: Tx,
  column: typeof loginAttempts.email | typeof loginAttempts.ip,
  value: string,
  since: Date,
) {
  const [row] = await tx
    .select({ n: count(), oldest: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(column, value), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)));
  return { count: Number(row?.n ?? 0), oldest: row?.oldest ?? null };
}

/** Refuses with 429 and Retry-After while an email or an address has too many recent failed sign-ins. */
export async function refuseWhileThrottled(ctx: Ctx, email: string, ip: string): Promise<void> {
  const now = new Date();
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const wait = await ctx.db.run(system, async (tx) =>
    retryAfterSeconds(
      await failureStats(tx, loginAttempts.email, email, since),
      await failureStats(tx, loginAttempts.ip, ip, since),
      now,
    ),
  );
  if (wait > 0) {
    throw new AppError('too_many_attempts', `Too many failed sign-ins; try again in ${wait} seconds`, [], {
      'retry-after': String(wait),
    });
  }
}

/** Email + password sign-in, throttled per email and per address across all instances. */
export async function login(ctx: Ctx, input: { email: string; password: string }): Promise<StartedSession> {
  const email = normalizeEmail(input.email);
  const ip = ctx.ip ?? 'unknown';
  await refuseWhileThrottled(ctx, email, ip);
  const [user] = await ctx.db.run(system, (tx) =>
    tx
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email)),
  );
  // the hash is checked even for an unknown email so that timing does not tell which emails exist
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok || user.disabledAt !== null || !user.passwordHash) {
    await ctx.db.run(system, (tx) => tx.insert(loginAttempts).values({ email, ip, succeeded: false }));
    throw new AppError('invalid_credentials', 'Email or password is wrong');
  }
  return ctx.db.run(system, async (tx) => {
    await tx.insert(loginAttempts).values({ email, ip, succeeded: true });
    return startSession(tx, ctx, user);
  });
}

/** The actor and CSRF token of a live session cookie, or null. */
export async function resolveSession(
  ctx: Ctx,
  token: string,
): Promise<{ actor: Actor; csrfToken: string; sessionId: string } | null> {
  const now = new Date();
  return ctx.db.run(system, async (tx) => {
    const [row] = await tx
      .select({ s: sessions, u: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, sha256(token)));
    if (!row || !sessionIsLive(row.s, now) || row.u.disabledAt !== null) return null;
    if (now.getTime() - row.s.lastSeenAt.getTime() > SESSION_POLICY.touchEveryMs) {
      await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.s.id));
    }
    return { actor: actorOfUser(row.u, row.s.id), csrfToken: row.s.csrfToken, sessionId: row.s.id };
  });
}

export async function currentSession(ctx: Ctx, csrfToken: string): Promise<SessionView> {
  const actor = ctx.actor;
  if (actor.type !== 'user') throw new AppError('unauthenticated', 'Sign in with a browser session first');
  return ctx.db.run(system, async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, actor.id));
    if (!u) throw new AppError('unauthenticated', 'Sign in first');
    return { user: await userView(tx, u), csrfToken, permissions: actionsOf(u.role as Role) };
  });
}

export async function logout(ctx: Ctx): Promise<void> {
  const actor = ctx.actor;
  if (actor.type !== 'user' || !actor.sessionId) return;
  const sessionId = actor.sessionId;
  await ctx.db.run(system, async (tx) => {
    await tx
      .update(sessions)
      .set({ endedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
    await recordChange(tx, ctx, {
      action: 'user.signed_out',
      objectType: 'user',
      objectId: actor.id,
      partnerId: actor.partnerId,
      before: { sessionId },
      after: null,
    });
  });
}

/** Ends every session of a user (password reset, disabling). Runs in the caller's transaction. */
export async function endSessionsOf(tx: Tx, userId: string): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}
