import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { backoffDelayMs, DEFAULT_BACKOFF } from './backoff.js';

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('backoff', () => {
  test('starts at about a second and is capped at an hour', () => {
    expect(backoffDelayMs(1, DEFAULT_BACKOFF, () => 0)).toBe(1000);
    expect(backoffDelayMs(2, DEFAULT_BACKOFF, () => 0)).toBe(2000);
    expect(backoffDelayMs(100, DEFAULT_BACKOFF, () => 0)).toBe(3_600_000);
    expect(backoffDelayMs(1, DEFAULT_BACKOFF, () => 0.999)).toBeGreaterThanOrEqual(800);
  });

  test('stays within 20% below the nominal delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), unit, (attempts, r) => {
        const nominal = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempts - 1));
        const delay = backoffDelayMs(attempts, DEFAULT_BACKOFF, () => r);
        expect(delay).toBeLessThanOrEqual(nominal);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(nominal * 0.8));
      }),
    );
  });

  test('each retry waits longer than the one before until the cap, whatever the jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 11 }), unit, unit, (attempts, r1, r2) => {
        expect(backoffDelayMs(attempts + 1, DEFAULT_BACKOFF, () => r2)).toBeGreaterThan(
          backoffDelayMs(attempts, DEFAULT_BACKOFF, () => r1),
        );
      }),
    );
  });
});
