/** API keys are limited per fixed window of a minute; the count lives in the database. Pure: the caller counts. */
export const RATE_WINDOW_MS = 60_000;

export type RateVerdict = { allowed: boolean; remaining: number; resetSeconds: number; windowStart: Date };

/** Whether request number `count` of the window that holds `now` is within `limit`, and when the window ends. */
export function rateVerdict(count: number, limit: number, now: Date): RateVerdict {
  const start = Math.floor(now.getTime() / RATE_WINDOW_MS) * RATE_WINDOW_MS;
  return {
    allowed: count <= limit,
    remaining: Math.max(0, limit - count),
    // at least a second: a client told 0 would retry at once
    resetSeconds: Math.max(1, Math.ceil((start + RATE_WINDOW_MS - now.getTime()) / 1000)),
    windowStart: new Date(start),
  };
}

export const rateWindowStart = (now: Date) => rateVerdict(0, 0, now).windowStart;
