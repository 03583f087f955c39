import { describe, expect, it } from 'vitest';
import { rateVerdict, windowStart } from './window.js';

const at = (iso: string) => new Date(`2026-03-01T${iso}Z`);
const MINUTE = 60_000;
const HOUR = 3_600_000;

describe('fixed rate-limit windows', () => {
  it.each([
    // count, limit, window, now, allowed, remaining, reset seconds
    [1, 600, MINUTE, '10:00:00.000', true, 599, 60],
    [600, 600, MINUTE, '10:00:30.000', true, 0, 30],
    [601, 600, MINUTE, '10:00:30.000', false, 0, 30],
    [601, 600, MINUTE, '10:00:59.900', false, 0, 1],
    [5, 3, MINUTE, '10:00:00.001', false, 0, 60],
    [1, 3, MINUTE, '10:01:00.000', true, 2, 60],
    [11, 10, HOUR, '10:45:00.000', false, 0, 900],
  ])(
    'request %i of %i per %ims at %s: allowed %s, %i left, reset in %is',
    (count, limit, ms, now, allowed, remaining, reset) => {
      expect(rateVerdict(count, limit, ms, at(now))).toEqual({ allowed, remaining, resetSeconds: reset });
    },
  );

  it.each([
    ['10:00:59.999', MINUTE, '10:00:00.000'],
    ['10:01:00.000', MINUTE, '10:01:00.000'],
    ['10:59:59.000', HOUR, '10:00:00.000'],
  ])('%s falls in the window of %ims that starts at %s', (now, ms, start) => {
    expect(windowStart(at(now), ms)).toEqual(at(start));
  });
});
