/**
 * The public form's spam limit, counted in the database so it holds across instances: so many applications
 * per address and per contact email within a sliding window. Pure: the caller fetches the recent times.
 */
export const APPLY_LIMITS = {
  windowMs: 60 * 60 * 1000,
  perIp: 5,
  perEmail: 3,
} as const;

/**
 * Seconds until one more application may be sent, 0 when it may be sent now. `recent` are the times of the
 * latest applications from one source, newest first (at most `max` of them are needed): a new one fits once the
 * `max`-th newest has left the window.
 */
export function waitSeconds(recent: readonly Date[], max: number, now: Date, windowMs = APPLY_LIMITS.windowMs): number {
  if (recent.length < max) return 0;
  const ms = recent[max - 1]!.getTime() + windowMs - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}
