/** A session ends after a day without use, and in any case a week after sign-in. */
export const SESSION_POLICY = {
  idleMs: 24 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
  // last-seen is written at most this often, so reads do not each become a write
  touchEveryMs: 60 * 1000,
} as const;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date; endedAt: Date | null };

export function sessionIsLive(s: SessionTimes, now: Date): boolean {
  return (
    s.endedAt === null &&
    now.getTime() < s.expiresAt.getTime() &&
    now.getTime() - s.lastSeenAt.getTime() < SESSION_POLICY.idleMs
  );
}

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const RESETS_PER_HOUR = 3;
/** Reset requests one client address may make in an hour, whatever the addresses asked for. */
export const RESET_REQUESTS_PER_IP_PER_HOUR = 20;
