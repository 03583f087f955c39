import { and, eq, isNull, ne } from 'drizzle-orm';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import { hashPassword, verifyPassword } from '../../platform/crypto.js';
import { AppError, invalid } from '../../platform/errors.js';
import { checkPassword } from './rules/password-policy.js';
import { normalizeEmail } from './rules/throttle.js';
import { loginAttempts, sessions, users } from './schema.js';
import { refuseWhileThrottled } from './sessions.service.js';

const system = { kind: 'system' } as const;

/**
 * A signed-in user sets a new password by giving the current one. Every other session of the user ends — a
 * session someone else opened with the old password is closed — and the one in use stays. A wrong current
 * password counts as a failed sign-in, so guessing it is throttled like guessing at the login form.
 */
export async function changePassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string },
): Promise<{ sessionsEnded: number }> {
  const actor = ctx.actor;
  if (actor.type !== 'user' || !actor.sessionId) {
    throw new AppError('forbidden', 'Only a signed-in user changes their own password');
  }
  const sessionId = actor.sessionId;
  const [user] = await ctx.db.run(system, (tx) => tx.select().from(users).where(eq(users.id, actor.id)));
  if (!user?.passwordHash) throw new AppError('unauthenticated', 'Sign in first');
  const email = normalizeEmail(user.email);
  await refuseWhileThrottled(ctx, email, ctx.ip ?? 'unknown');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await ctx.db.run(system, (tx) =>
      tx.insert(loginAttempts).values({ email, ip: ctx.ip ?? 'unknown', succeeded: false }),
    );
    throw invalid('currentPassword', 'is not your current password');
  }
  const problems = checkPassword(input.newPassword, user.email, 'newPassword');
  if (problems.length) throw new AppError('validation_failed', `newPassword: ${problems[0]!.message}`, problems);
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.run(system, async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    const ended = await tx
      .update(sessions)
      .set({ endedAt: new Date() })
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, sessionId), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    await recordChange(tx, ctx, {
      action: 'user.password_changed',
      objectType: 'user',
      objectId: user.id,
      partnerId: user.partnerId,
      before: null,
      after: { sessionsEnded: ended.length },
    });
    return { sessionsEnded: ended.length };
  });
}
