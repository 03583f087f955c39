import { z } from 'zod';
import { MAX_MINOR_UNITS } from '../../../platform/money.js';

/**
 * Tier qualification: all-of rules `metric op value` over a partner's metrics. Each metric says what its
 * values mean and which range makes sense, so a rule that can never hold is refused where it is written.
 */
export const METRICS = {
  revenue_12m: { label: 'Won revenue, last 12 months', unit: 'money', min: 0, max: MAX_MINOR_UNITS },
  deals_won_12m: { label: 'Deals won, last 12 months', unit: 'count', min: 0, max: 1_000_000 },
  pipeline_open: { label: 'Open pipeline', unit: 'money', min: 0, max: MAX_MINOR_UNITS },
  certified_people: { label: 'Certified people', unit: 'count', min: 0, max: 100_000, qualifier: 'certification' },
  specializations: { label: 'Specializations', unit: 'count', min: 0, max: 1_000, qualifier: 'specialization' },
  active_customers: { label: 'Active customers', unit: 'count', min: 0, max: 10_000_000 },
  customer_nps: { label: 'Customer NPS', unit: 'score', min: -100, max: 100 },
  customer_retention_12m: { label: 'Customer retention, last 12 months', unit: 'percent', min: 0, max: 100 },
} as const satisfies Record<string, MetricSpec>;

interface MetricSpec {
  label: string;
  /** money: minor units of the program currency; percent: up to two decimals; count and score: whole. */
  unit: 'money' | 'count' | 'score' | 'percent';
  min: number;
  max: number;
  /** The optional name that narrows the metric (a named certification or specialization). */
  qualifier?: 'certification' | 'specialization';
}

export type Metric = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as [Metric, ...Metric[]];
export const OPERATORS = ['>=', '>', '=', '<=', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Criterion {
  metric: Metric;
  op: Operator;
  value: number;
  certification?: string;
  specialization?: string;
}

/** True when `n` has at most two decimals (percentages are exact to the hundredth). */
export const hasTwoDecimalsAtMost = (n: number): boolean => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9;

const qualifierName = z.string().trim().min(1).max(100);

export const criterionSchema = z
  .object({
    metric: z.enum(METRIC_NAMES, { error: `unknown metric; one of ${METRIC_NAMES.join(', ')}` }),
    op: z.enum(OPERATORS, { error: `unknown operator; one of ${OPERATORS.join(' ')}` }),
    value: z.number({ error: 'must be a number' }),
    certification: qualifierName.optional(),
    specialization: qualifierName.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const spec: MetricSpec | undefined = METRICS[c.metric];
    if (!spec) return;
    const problem = valueProblem(spec, c.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
    for (const q of ['certification', 'specialization'] as const) {
      if (c[q] !== undefined && spec.qualifier !== q)
        ctx.addIssue({ code: 'custom', path: [q], message: `${c.metric} cannot be narrowed by ${q}` });
    }
  });

function valueProblem(spec: MetricSpec, value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (value < spec.min || value > spec.max) return `must be between ${spec.min} and ${spec.max}`;
  if (spec.unit === 'percent') return hasTwoDecimalsAtMost(value) ? null : 'must have at most two decimals';
  if (!Number.isInteger(value))
    return spec.unit === 'money' ? 'must be whole minor units of the program currency' : 'must be a whole number';
  return null;
}

/** No metric twice with the same operator and qualifier: the second would shadow the first. */
export const criteriaSchema = z
  .array(criterionSchema)
  .max(20)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      const id = `${c.metric} ${c.op} ${c.certification ?? c.specialization ?? ''}`;
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${c.metric} ${c.op}` });
      seen.add(id);
    });
  });

/** A partner's measured metrics; a metric missing from the map is not measured (yet). */
export type MetricValues = Partial<Record<string, number>>;

/** The key a measured value is stored under: the metric, narrowed by its qualifier when there is one. */
export const metricKey = (c: Pick<Criterion, 'metric' | 'certification' | 'specialization'>): string =>
  c.certification ? `${c.metric}:${c.certification}` : c.specialization ? `${c.metric}:${c.specialization}` : c.metric;

const compare: Record<Operator, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '=': (a, b) => a === b,
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
};

/** null when the metric is not measured, so "unknown" is never mistaken for "fails". */
export function holds(c: Criterion, metrics: MetricValues): boolean | null {
  const actual = metrics[metricKey(c)];
  return actual === undefined ? null : compare[c.op](actual, c.value);
}

/** The highest-ranked tier whose criteria all hold (an empty list always holds). */
export function qualifyingTier<T extends { rank: number; criteria: Criterion[] }>(
  tiers: T[],
  metrics: MetricValues,
): T | null {
  const ranked = [...tiers].sort((a, b) => b.rank - a.rank);
  return ranked.find((t) => t.criteria.every((c) => holds(c, metrics) === true)) ?? null;
}

/** One line a person reads: "Won revenue, last 12 months ≥ USD 100,000.00". */
export function describeCriterion(c: Criterion, formatMoneyValue: (minor: number) => string): string {
  const spec = METRICS[c.metric];
  const value =
    spec.unit === 'money' ? formatMoneyValue(c.value) : spec.unit === 'percent' ? `${c.value}%` : String(c.value);
  const narrowed = c.certification ? ` (${c.certification})` : c.specialization ? ` (${c.specialization})` : '';
  const op = { '>=': '≥', '>': '>', '=': '=', '<=': '≤', '<': '<' }[c.op];
  return `${spec.label}${narrowed} ${op} ${value}`;
}
