/** Fixed-window limits: at most `limit` requests per window of `windowMs`. Pure: the caller counts. */
export type RateVerdict = { allowed: boolean; remaining: number; resetSeconds: number };

export const windowStart = (now: Date, windowMs: number) => new Date(Math.floor(now.getTime() / windowMs) * windowMs);

/** Whether request number `count` of the window that holds `now` is within `limit`, and when the window ends. */
export function rateVerdict(count: number, limit: number, windowMs: number, now: Date): RateVerdict {
  const end = windowStart(now, windowMs).getTime() + windowMs;
  return {
    allowed: count <= limit,
    remaining: Math.max(0, limit - count),
    // at least a second: a client told 0 would retry at once
    resetSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)),
  };
}
