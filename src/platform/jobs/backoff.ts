export type BackoffOptions = { baseMs: number; maxMs: number };

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 60 * 60 * 1000 };

// jitter takes at most this share off the delay, so each retry still waits longer than the one before
const JITTER = 0.2;

/** Delay before the next try after `attempts` failed ones: base·2^(attempts−1), capped, minus up to 20% jitter. */
export function backoffDelayMs(
  attempts: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^exponent overflows to Infinity long before it matters; min() keeps the cap
  const delay = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 60));
  return Math.round(delay * (1 - JITTER * random()));
}
