import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValue, fromStored, toStored, type ValueType, valueProblem } from './benefit-values.js';
import { criterionSchema, holds, qualifyingTier, type Criterion } from './criteria.js';
import { ECOSYSTEM_STATUS } from './ecosystem.js';
import { programLifecycle, PROGRAM_STATUSES } from './program-lifecycle.js';

describe('program lifecycle (the graph’s OPERATIONAL lifecycle)', () => {
  it('has the five phases and starts in planning', () => {
    expect(PROGRAM_STATUSES).toEqual(['planning', 'active', 'paused', 'completed', 'sunset']);
    expect(programLifecycle.initial).toBe('planning');
  });

  const allowed = new Set([
    'planning>active',
    'active>paused',
    'active>completed',
    'active>sunset',
    'paused>active',
    'paused>sunset',
  ]);
  const pairs = PROGRAM_STATUSES.flatMap((from) =>
    PROGRAM_STATUSES.filter((to) => to !== from).map((to) => [from, to] as const),
  );
  it.each(pairs)('%s → %s', (from, to) => {
    expect(programLifecycle.canMove(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it('completed and sunset are final', () => {
    expect(programLifecycle.allowedMoves('completed')).toEqual([]);
    expect(programLifecycle.allowedMoves('sunset')).toEqual([]);
  });

  it('integration partners move alpha → beta → ga → deprecated', () => {
    const l = ECOSYSTEM_STATUS.integration_partner;
    expect(l.statuses).toEqual(['alpha', 'beta', 'ga', 'deprecated']);
    expect(l.canMove('alpha', 'beta') && l.canMove('beta', 'ga') && l.canMove('ga', 'deprecated')).toBe(true);
    expect(l.canMove('ga', 'alpha') || l.canMove('deprecated', 'ga') || l.canMove('alpha', 'ga')).toBe(false);
  });
});

describe('tier criteria', () => {
  const issues = (c: unknown) => {
    const r = criterionSchema.safeParse(c);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it.each([
    [{ metric: 'revenue_12m', op: '>=', value: 10_000_000 }, []],
    [{ metric: 'customer_nps', op: '>', value: 50 }, []],
    [{ metric: 'customer_nps', op: '>', value: -100 }, []],
    [{ metric: 'customer_retention_12m', op: '>=', value: 92.25 }, []],
    [{ metric: 'certified_people', op: '>=', value: 2, certification: 'Sales Engineer' }, []],
    [{ metric: 'specializations', op: '>=', value: 1, specialization: 'Security' }, []],
    [{ metric: 'revenue', op: '>=', value: 1 }, ['metric']],
    [{ metric: 'revenue_12m', op: '=>', value: 1 }, ['op']],
    [{ metric: 'revenue_12m', op: '>=', value: -1 }, ['value']],
    [{ metric: 'revenue_12m', op: '>=', value: 10.5 }, ['value']],
    [{ metric: 'customer_nps', op: '>', value: 101 }, ['value']],
    [{ metric: 'customer_retention_12m', op: '>=', value: 92.255 }, ['value']],
    [{ metric: 'customer_retention_12m', op: '>=', value: 100.01 }, ['value']],
    [{ metric: 'deals_won_12m', op: '>=', value: 2.5 }, ['value']],
    [{ metric: 'deals_won_12m', op: '>=', value: 3, certification: 'X' }, ['certification']],
    [{ metric: 'revenue_12m', op: '>=', value: '100' }, ['value']],
    [{ metric: 'revenue_12m', op: '>=', value: 1, extra: true }, ['']],
  ])('%j → errors at %j', (criterion, fields) => {
    expect(issues(criterion).map((i) => i.split(':')[0])).toEqual(fields);
  });

  it('unknown values are neither pass nor fail', () => {
    const c: Criterion = { metric: 'revenue_12m', op: '>=', value: 100 };
    expect(holds(c, {})).toBeNull();
    expect(holds(c, { revenue_12m: 100 })).toBe(true);
    expect(holds(c, { revenue_12m: 99 })).toBe(false);
    expect(
      holds({ ...c, metric: 'certified_people', value: 1, certification: 'Admin' }, { certified_people: 5 }),
    ).toBeNull();
  });

  it('the highest tier whose criteria all hold qualifies', () => {
    const ladder = [
      { rank: 1, criteria: [] as Criterion[] },
      { rank: 2, criteria: [{ metric: 'certified_people', op: '>=', value: 2 }] as Criterion[] },
      {
        rank: 3,
        criteria: [
          { metric: 'certified_people', op: '>=', value: 5 },
          { metric: 'customer_nps', op: '>', value: 50 },
        ] as Criterion[],
      },
    ];
    expect(qualifyingTier(ladder, { certified_people: 1 })?.rank).toBe(1);
    expect(qualifyingTier(ladder, { certified_people: 6, customer_nps: 40 })?.rank).toBe(2);
    expect(qualifyingTier(ladder, { certified_people: 6, customer_nps: 51 })?.rank).toBe(3);
  });
});

describe('benefit values', () => {
  it.each<[ValueType, unknown, boolean]>([
    ['boolean', true, true],
    ['boolean', 'yes', false],
    ['percent', 0, true],
    ['percent', 100, true],
    ['percent', 12.5, true],
    ['percent', 33.33, true],
    ['percent', 33.333, false],
    ['percent', 100.5, false],
    ['percent', -1, false],
    ['percent', '15', false],
    ['money', 1_000_000, true],
    ['money', 10.5, false],
    ['money', -100, false],
    ['quantity', 3, true],
    ['quantity', 1.5, false],
    ['quantity', -1, false],
    ['days', 60, true],
    ['days', 0, true],
    ['days', 60.5, false],
    ['text', 'Quarterly business review', true],
    ['text', '   ', false],
    ['text', 'x'.repeat(501), false],
    ['text', 5, false],
  ])('%s %j valid: %s', (type, value, ok) => {
    expect(valueProblem(type, value) === null).toBe(ok);
  });

  it('every percentage to the hundredth is valid, stored as whole basis points, and read back as written', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        const percent = bp / 100;
        expect(valueProblem('percent', percent)).toBeNull();
        expect(toStored('percent', percent)).toBe(bp);
        expect(fromStored('percent', toStored('percent', percent))).toBe(percent);
      }),
    );
  });

  it('stores percentages as basis points and reads them back exactly', () => {
    for (const p of [0, 0.01, 12.5, 33.33, 99.99, 100]) {
      const stored = toStored('percent', p);
      expect(Number.isInteger(stored)).toBe(true);
      expect(fromStored('percent', stored)).toBe(p);
    }
  });

  it.each<[ValueType, boolean | number | string, string, string]>([
    ['money', 1_000_000, 'USD', '$10,000.00'],
    ['money', 1_000_000, 'JPY', '¥1,000,000'],
    ['money', 1_005, 'KWD', 'KWD 1.005'],
    ['percent', 12.5, 'USD', '12.5%'],
    ['days', 60, 'USD', '60 days'],
    ['boolean', true, 'USD', 'Yes'],
  ])('%s %j in %s reads %s', (type, value, currency, shown) => {
    expect(formatValue(type, value, currency).replace(/\u00a0/g, ' ')).toBe(shown);
  });
});
