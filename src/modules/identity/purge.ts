import { and, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import type { JobRegistry } from '../../platform/jobs/registry.js';
import { loginAttempts, passwordResets, sessions } from './schema.js';

export const IDENTITY_PURGE_JOB = 'identity.purge';
const DAY_SECONDS = 24 * 60 * 60;
// long past what any rule looks at, and long enough to look into a break-in attempt
const KEEP = sql`now() - interval '30 days'`;

/** Deletes sign-in attempts, ended or expired sessions and spent reset links older than 30 days. */
export async function purgeIdentity(db: Database): Promise<{ attempts: number; sessions: number; resets: number }> {
  return db.run({ kind: 'system' }, async (tx) => {
    const attempts = await tx
      .delete(loginAttempts)
      .where(lt(loginAttempts.at, KEEP))
      .returning({ id: loginAttempts.id });
    const ended = await tx
      .delete(sessions)
      .where(
        or(
          lt(sessions.expiresAt, KEEP),
          and(isNotNull(sessions.endedAt), lt(sessions.endedAt, KEEP)),
          lt(sessions.lastSeenAt, KEEP),
        ),
      )
      .returning({ id: sessions.id });
    const resets = await tx
      .delete(passwordResets)
      .where(lt(passwordResets.expiresAt, KEEP))
      .returning({ id: passwordResets.id });
    return { attempts: attempts.length, sessions: ended.length, resets: resets.length };
  });
}

/** The identity module's daily clean-up; the server registers it with the others. */
export function registerIdentityJobs(registry: JobRegistry, deps: { db: Database }): void {
  registry.handle(IDENTITY_PURGE_JOB, async (_job, { log }) => {
    log.info(await purgeIdentity(deps.db), 'Purged old sign-in attempts, sessions and reset links');
  });
  registry.schedule(IDENTITY_PURGE_JOB, DAY_SECONDS, IDENTITY_PURGE_JOB);
}
