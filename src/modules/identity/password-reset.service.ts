import { and, count, eq, gte, isNull } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import { hashPassword, randomToken, sha256 } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { queueTemplatedMail } from '../../platform/mail/templates.js';
import { hit } from '../../platform/rate-limit/counter.js';
import { passwordResetMail } from './mails.js';
import { checkPassword } from './rules/password-policy.js';
import { PASSWORD_RESET_TTL_MS, RESET_REQUESTS_PER_IP_PER_HOUR, RESETS_PER_HOUR } from './rules/session-policy.js';
import { normalizeEmail } from './rules/throttle.js';
import { passwordResets, users } from './schema.js';
import { actorOfUser, endSessionsOf } from './sessions.service.js';
import { findUserByEmail } from './users.service.js';

const system = { kind: 'system' } as const;
const HOUR = 3_600_000;

/**
 * Mails a reset link when the address belongs to an enabled user. The answer is the same either way, so it
 * does not tell which addresses have accounts; a few requests an hour per user at most.
 */
export async function requestPasswordReset(ctx: Ctx, email: string): Promise<void> {
  await throttleResetRequests(ctx, email);
  await ctx.db.run(system, async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user || user.disabledAt) return;
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), gte(passwordResets.createdAt, new Date(Date.now() - 3_600_000))));
    if (Number(recent?.n ?? 0) >= RESETS_PER_HOUR) return;
    const token = randomToken();
    const [row] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS) })
      .returning({ id: passwordResets.id });
    await recordChange(
      tx,
      { ...ctx, actor: systemActor('password reset') },
      {
        action: 'user.password_reset_requested',
        objectType: 'user',
        objectId: user.id,
        partnerId: user.partnerId,
        before: null,
        after: { resetId: row!.id, ip: ctx.ip ?? null },
      },
    );
    await queueTemplatedMail(tx, passwordResetMail, user.email, {
      name: user.name,
      link: `${ctx.config.publicUrl}/reset-password?token=${token}`,
    });
  });
}

/**
 * Refuses more than a few requests an hour for one address, and more than a handful from one client address
 * (someone mailing links to many people). Counted whether or not the account exists, so a refusal tells nothing.
 */
async function throttleResetRequests(ctx: Ctx, email: string): Promise<void> {
  const perEmail = await hit(ctx.db, `reset_email:${normalizeEmail(email)}`, RESETS_PER_HOUR, HOUR);
  const perIp = await hit(ctx.db, `reset_ip:${ctx.ip ?? 'unknown'}`, RESET_REQUESTS_PER_IP_PER_HOUR, HOUR);
  const blocked = [perEmail, perIp].filter((v) => !v.allowed);
  if (blocked.length) {
    const wait = Math.max(...blocked.map((v) => v.resetSeconds));
    throw new AppError('too_many_attempts', `Too many reset requests; try again in ${wait} seconds`, [], {
      'retry-after': String(wait),
    });
  }
}

/** Sets the new password and ends every session of the user: whoever had the old one is signed out. */
export async function confirmPasswordReset(ctx: Ctx, input: { token: string; password: string }): Promise<void> {
  await ctx.db.run(system, async (tx) => {
    const [reset] = await tx
      .select()
      .from(passwordResets)
      .where(and(eq(passwordResets.tokenHash, sha256(input.token)), isNull(passwordResets.usedAt)))
      .for('update');
    if (!reset || reset.expiresAt.getTime() <= Date.now()) {
      throw new AppError('token_invalid', 'This reset link is invalid, used or expired');
    }
    const [user] = await tx.select().from(users).where(eq(users.id, reset.userId));
    if (!user || user.disabledAt) throw new AppError('token_invalid', 'This reset link is invalid, used or expired');
    const problems = checkPassword(input.password, user.email);
    if (problems.length) throw new AppError('validation_failed', `password: ${problems[0]!.message}`, problems);
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.password), updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(eq(passwordResets.userId, user.id));
    const ended = await endSessionsOf(tx, user.id);
    await recordChange(
      tx,
      { ...ctx, actor: actorOfUser(user, null) },
      {
        action: 'user.password_reset',
        objectType: 'user',
        objectId: user.id,
        partnerId: user.partnerId,
        before: null,
        after: { sessionsEnded: ended },
      },
    );
  });
}
