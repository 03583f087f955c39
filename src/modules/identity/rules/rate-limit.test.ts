import { describe, expect, it } from 'vitest';
import { rateVerdict } from './rate-limit.js';

const at = (iso: string) => new Date(`2026-03-01T${iso}Z`);

describe('per-key rate limit windows', () => {
  it.each([
    // count, limit, now, allowed, remaining, reset seconds, window start
    [1, 600, '10:00:00.000', true, 599, 60, '10:00:00.000'],
    [600, 600, '10:00:30.000', true, 0, 30, '10:00:00.000'],
    [601, 600, '10:00:30.000', false, 0, 30, '10:00:00.000'],
    [601, 600, '10:00:59.900', false, 0, 1, '10:00:00.000'],
    [5, 3, '10:00:00.001', false, 0, 60, '10:00:00.000'],
    [1, 3, '10:01:00.000', true, 2, 60, '10:01:00.000'],
  ])(
    'request %i of %i at %s: allowed %s, %i left, reset in %is',
    (count, limit, now, allowed, remaining, reset, start) => {
      expect(rateVerdict(count, limit, at(now))).toEqual({
        allowed,
        remaining,
        resetSeconds: reset,
        windowStart: at(start),
      });
    },
  );
});
