import { describe, expect, it } from 'vitest';
import { addYear, todayUtc } from './dates.js';
import { checkMove, ENROLLMENT_STATUSES, type EnrollmentStatus, type Mover } from './lifecycle.js';

// Every allowed move, written out by hand: anything not listed must be refused.
const ALLOWED: [EnrollmentStatus, EnrollmentStatus, Mover[], 'reason' | ''][] = [
  ['draft', 'submitted', ['partner', 'vendor'], ''],
  ['submitted', 'approved', ['vendor'], ''],
  ['submitted', 'rejected', ['vendor'], 'reason'],
  ['approved', 'active', ['system'], ''],
  ['active', 'suspended', ['vendor'], 'reason'],
  ['suspended', 'active', ['vendor'], ''],
  ['approved', 'terminated', ['vendor'], 'reason'],
  ['active', 'terminated', ['vendor'], 'reason'],
  ['suspended', 'terminated', ['vendor'], 'reason'],
];
const MOVERS: Mover[] = ['partner', 'vendor', 'system'];

const cases = ENROLLMENT_STATUSES.flatMap((from) =>
  ENROLLMENT_STATUSES.flatMap((to) =>
    MOVERS.map((by) => {
      const allowed = ALLOWED.find(([f, t, who]) => f === from && t === to && who.includes(by));
      return { from, to, by, allowed: Boolean(allowed), needsReason: allowed?.[3] === 'reason' };
    }),
  ),
);

describe('enrollment lifecycle', () => {
  it.each(cases)('$from → $to by $by: allowed $allowed', ({ from, to, by, allowed, needsReason }) => {
    const withReason = checkMove(from, to, by, 'because');
    expect(withReason.ok).toBe(allowed);
    if (!allowed) expect(withReason).toMatchObject({ code: 'invalid_transition' });
    const without = checkMove(from, to, by, '  ');
    if (allowed) expect(without.ok).toBe(!needsReason);
    if (needsReason) expect(without).toMatchObject({ code: 'reason_required' });
  });

  it('names the allowed moves when it refuses one', () => {
    expect(checkMove('submitted', 'active', 'vendor', '')).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'cannot move from submitted to active; allowed: approved, rejected',
    });
    expect(checkMove('terminated', 'active', 'vendor', 'x')).toMatchObject({
      message: 'cannot move from terminated to active',
    });
  });

  it('only the system activates an approved enrollment, and rejected and terminated are final', () => {
    expect(checkMove('approved', 'active', 'vendor', 'x').ok).toBe(false);
    for (const to of ENROLLMENT_STATUSES)
      for (const by of MOVERS) {
        expect(checkMove('rejected', to, by, 'x').ok).toBe(false);
        expect(checkMove('terminated', to, by, 'x').ok).toBe(false);
      }
  });
});

describe('enrollment dates', () => {
  it.each([
    ['2026-03-14', '2027-03-14'],
    ['2028-02-29', '2029-02-28'],
    ['2026-12-31', '2027-12-31'],
    ['2027-02-28', '2028-02-28'],
  ])('a year after %s is %s', (from, to) => {
    expect(addYear(from)).toBe(to);
  });

  it('today is the UTC calendar day', () => {
    expect(todayUtc(new Date('2026-11-20T23:30:00-05:00'))).toBe('2026-11-21');
  });
});
