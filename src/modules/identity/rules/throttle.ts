/** Sign-in throttling: failures within a window, per email and per address. Pure: the caller counts. */
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 30,
} as const;

export type FailureStats = { count: number; oldest: Date | null };

/** How long until the next attempt may be made, in whole seconds; 0 when it may be made now. */
export function retryAfterSeconds(perEmail: FailureStats, perIp: FailureStats, now: Date): number {
  const wait = (stats: FailureStats, max: number) =>
    stats.count >= max && stats.oldest ? stats.oldest.getTime() + THROTTLE.windowMs - now.getTime() : 0;
  const ms = Math.max(wait(perEmail, THROTTLE.maxFailuresPerEmail), wait(perIp, THROTTLE.maxFailuresPerIp));
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
