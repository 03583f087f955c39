import { z } from 'zod';
import { COMPANY_SIZES, isCountry, PARTNER_TYPES, REGIONS } from '../../partners/rules/profile.js';
import { anyOf, countryLabel, regionLabel, sizeLabel, typeLabel } from './words.js';

/**
 * Eligibility rules of a program's application form, and the pure scoring of an application against them.
 * Each rule has a weight; the score is the weighted share of rules met (0–100). A `required` rule that is not
 * met makes the application ineligible whatever its score.
 */
export type EligibilityRule =
  | { kind: 'countries'; countries: string[]; weight: number; required: boolean }
  | { kind: 'regions'; regions: string[]; weight: number; required: boolean }
  | { kind: 'partner_types'; partnerTypes: string[]; weight: number; required: boolean }
  | { kind: 'industries'; industries: string[]; weight: number; required: boolean }
  | { kind: 'min_size'; companySize: string; weight: number; required: boolean };

export type EligibilityResult = {
  rule: number;
  kind: EligibilityRule['kind'];
  met: boolean;
  required: boolean;
  detail: string;
};

export const RULE_KINDS = ['countries', 'regions', 'partner_types', 'industries', 'min_size'] as const;
export const MAX_RULES = 20;
export const MAX_WEIGHT = 100;

/** What the applicant says about the company, as far as the rules look at it. */
export type Applicant = {
  country: string;
  regions: readonly string[];
  partnerTypes: readonly string[];
  industries: readonly string[];
  companySize: string;
};

const unique = <T>(items: T[]) => [...new Set(items)];
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1, 'choose at least one')
    .max(300)
    .transform((v) => unique(v as z.output<T>[]));
const common = {
  weight: z.number().int('must be a whole number').min(0).max(MAX_WEIGHT).default(1),
  required: z.boolean().default(false),
};
const country = z.string().trim().toUpperCase().refine(isCountry, 'must be an ISO 3166 country code, e.g. DE, US, JP');

export const eligibilityRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('countries'), countries: list(country), ...common }).strict(),
    z.object({ kind: z.literal('regions'), regions: list(z.enum(REGIONS)), ...common }).strict(),
    z.object({ kind: z.literal('partner_types'), partnerTypes: list(z.enum(PARTNER_TYPES)), ...common }).strict(),
    z
      .object({ kind: z.literal('industries'), industries: list(z.string().trim().min(1).max(100)), ...common })
      .strict(),
    z.object({ kind: z.literal('min_size'), companySize: z.enum(COMPANY_SIZES), ...common }).strict(),
  ],
  { error: `unknown rule kind; one of ${RULE_KINDS.join(', ')}` },
);

const sameWord = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const sizeRank = (size: string) => (COMPANY_SIZES as readonly string[]).indexOf(size);
/** The least headcount of a size band: '51-200' → '51'. */
const minEmployees = (size: string) => size.replace(/[-+].*$/, '');

/** Whether one rule holds for the applicant, and why, in a reviewer's words. */
export function checkRule(rule: EligibilityRule, a: Applicant): { met: boolean; detail: string } {
  switch (rule.kind) {
    case 'countries': {
      const met = rule.countries.includes(a.country);
      const where = `Based in ${countryLabel(a.country)}`;
      return { met, detail: met ? where : `${where}, not in ${anyOf(rule.countries.map(countryLabel))}` };
    }
    case 'regions': {
      const hits = a.regions.filter((r) => rule.regions.includes(r));
      return hits.length
        ? { met: true, detail: `Serves ${anyOf(hits.map(regionLabel))}` }
        : { met: false, detail: `Does not serve ${anyOf(rule.regions.map(regionLabel))}` };
    }
    case 'partner_types': {
      const hits = a.partnerTypes.filter((t) => rule.partnerTypes.includes(t));
      return hits.length
        ? { met: true, detail: `Works as ${anyOf(hits.map(typeLabel))}` }
        : { met: false, detail: `Does not work as ${anyOf(rule.partnerTypes.map(typeLabel))}` };
    }
    case 'industries': {
      const hits = a.industries.filter((i) => rule.industries.some((r) => sameWord(r, i)));
      return hits.length
        ? { met: true, detail: `Works in ${anyOf(hits)}` }
        : { met: false, detail: `Does not work in ${anyOf(rule.industries)}` };
    }
    case 'min_size': {
      const met = sizeRank(a.companySize) >= 0 && sizeRank(a.companySize) >= sizeRank(rule.companySize);
      const asked = `the ${minEmployees(rule.companySize)} asked for`;
      return { met, detail: `Has ${sizeLabel(a.companySize)}, ${met ? `at least ${asked}` : `fewer than ${asked}`}` };
    }
  }
}

export type Scored = { score: number; eligible: boolean; results: EligibilityResult[] };

/**
 * Scores an applicant: the weighted share of rules met, rounded to a whole percent (100 when there are no rules
 * or no weights). Eligible when every required rule is met and the score reaches the pass score.
 */
export function scoreApplication(rules: readonly EligibilityRule[], a: Applicant, passScore: number): Scored {
  const results = rules.map((rule, i) => ({
    rule: i,
    kind: rule.kind,
    required: rule.required,
    ...checkRule(rule, a),
  }));
  const total = rules.reduce((sum, r) => sum + r.weight, 0);
  const met = rules.reduce((sum, r, i) => sum + (results[i]!.met ? r.weight : 0), 0);
  const score = total === 0 ? 100 : Math.round((100 * met) / total);
  const requiredMet = results.every((r) => r.met || !r.required);
  return { score, eligible: requiredMet && score >= passScore, results };
}

/** What a rule asks for, in the applicant's words; never its weight. */
export function describeRule(rule: EligibilityRule): string {
  switch (rule.kind) {
    case 'countries':
      return `Based in ${anyOf(rule.countries.map(countryLabel))}`;
    case 'regions':
      return `Serves customers in ${anyOf(rule.regions.map(regionLabel))}`;
    case 'partner_types':
      return `Works as ${anyOf(rule.partnerTypes.map(typeLabel))}`;
    case 'industries':
      return `Works in ${anyOf(rule.industries)}`;
    case 'min_size':
      return rule.companySize === COMPANY_SIZES[0]
        ? 'Any size'
        : `At least ${minEmployees(rule.companySize)} employees`;
  }
}
