import { describe, expect, it } from 'vitest';
import { companyDomain, earliestDuplicate, sameCompany } from './duplicates.js';
import {
  type Applicant,
  describeRule,
  type EligibilityRule,
  eligibilityRuleSchema,
  scoreApplication,
} from './eligibility.js';
import { waitSeconds } from './rate-limit.js';

const acme: Applicant = {
  country: 'DE',
  regions: ['europe', 'middle_east'],
  partnerTypes: ['reseller', 'msp'],
  industries: ['Manufacturing', 'Retail'],
  companySize: '51-200',
};

const countries = (c: string[], weight = 1, required = false): EligibilityRule => ({
  kind: 'countries',
  countries: c,
  weight,
  required,
});
const regions = (r: string[], weight = 1, required = false): EligibilityRule => ({
  kind: 'regions',
  regions: r,
  weight,
  required,
});
const types = (t: string[], weight = 1, required = false): EligibilityRule => ({
  kind: 'partner_types',
  partnerTypes: t,
  weight,
  required,
});
const industries = (i: string[], weight = 1, required = false): EligibilityRule => ({
  kind: 'industries',
  industries: i,
  weight,
  required,
});
const minSize = (s: string, weight = 1, required = false): EligibilityRule => ({
  kind: 'min_size',
  companySize: s,
  weight,
  required,
});

describe('eligibility: each rule', () => {
  it.each([
    ['country listed', countries(['AT', 'DE', 'CH']), true],
    ['country not listed', countries(['FR']), false],
    ['a region in common', regions(['europe']), true],
    ['no region in common', regions(['oceania', 'africa']), false],
    ['a partner type in common', types(['msp', 'referral']), true],
    ['no partner type in common', types(['distributor']), false],
    ['an industry in common, any case', industries(['manufacturing']), true],
    ['no industry in common', industries(['Healthcare']), false],
    ['size above the minimum', minSize('11-50'), true],
    ['size at the minimum', minSize('51-200'), true],
    ['size below the minimum', minSize('201-500'), false],
  ])('%s', (_name, rule, met) => {
    const scored = scoreApplication([rule], acme, 0);
    expect(scored.results[0]).toMatchObject({ rule: 0, kind: rule.kind, met, required: false });
  });

  it.each<[EligibilityRule, string]>([
    [countries(['DE']), 'Based in Germany'],
    [countries(['FR', 'ES']), 'Based in Germany, not in France or Spain'],
    [regions(['europe', 'oceania']), 'Serves Europe'],
    [regions(['oceania']), 'Does not serve Oceania'],
    [types(['msp']), 'Works as Managed service provider (MSP)'],
    [industries(['healthcare']), 'Does not work in healthcare'],
    [minSize('11-50'), 'Has 51-200 employees, at least the 11 asked for'],
    [minSize('201-500'), 'Has 51-200 employees, fewer than the 201 asked for'],
  ])('explains %j to reviewers', (rule, detail) => {
    expect(scoreApplication([rule], acme, 0).results[0]!.detail).toBe(detail);
  });
});

describe('eligibility: score and verdict', () => {
  it.each<[string, EligibilityRule[], number, number, boolean]>([
    ['no rules score 100', [], 60, 100, true],
    ['all met', [countries(['DE']), regions(['europe'])], 60, 100, true],
    ['none met', [countries(['FR']), regions(['oceania'])], 0, 0, true],
    ['weighted share: 3 of 4', [countries(['DE'], 3), regions(['oceania'], 1)], 60, 75, true],
    ['weighted share: 1 of 4 under the pass score', [countries(['DE'], 1), regions(['oceania'], 3)], 60, 25, false],
    ['exactly the pass score passes', [countries(['DE'], 3), regions(['oceania'], 2)], 60, 60, true],
    ['rounded to a whole percent', [countries(['DE']), regions(['oceania']), types(['agency'])], 0, 33, true],
    ['2 of 3 rounds up', [countries(['DE']), regions(['europe']), types(['agency'])], 67, 67, true],
    [
      'a required rule unmet fails whatever the score',
      [countries(['FR'], 1, true), regions(['europe'], 99)],
      0,
      99,
      false,
    ],
    ['a required rule met passes', [countries(['DE'], 1, true), regions(['oceania'], 1)], 50, 50, true],
    ['zero weights only: 100, required still counts', [countries(['FR'], 0, true)], 0, 100, false],
    ['zero-weight rule does not move the score', [countries(['FR'], 0), regions(['europe'], 1)], 100, 100, true],
    ['pass score 100 needs every weighted rule', [countries(['DE']), minSize('201-500')], 100, 50, false],
  ])('%s', (_name, rules, passScore, score, eligible) => {
    const scored = scoreApplication(rules, acme, passScore);
    expect(scored.score).toBe(score);
    expect(scored.eligible).toBe(eligible);
    expect(scored.results).toHaveLength(rules.length);
  });
});

describe('eligibility: rules as written', () => {
  it('names the bad field of a rule', () => {
    const bad = eligibilityRuleSchema.safeParse({ kind: 'countries', countries: ['DE', 'XX'] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['countries.1']);
  });

  it.each([
    [{ kind: 'regions', regions: [] }, 'regions'],
    [{ kind: 'min_size', companySize: 'huge' }, 'companySize'],
    [{ kind: 'partner_types', partnerTypes: ['msp'], weight: 101 }, 'weight'],
    [{ kind: 'partner_types', partnerTypes: ['msp'], weight: 1.5 }, 'weight'],
    [{ kind: 'industries', industries: ['x'], extra: 1 }, ''],
  ])('refuses %j at %s', (rule, path) => {
    const bad = eligibilityRuleSchema.safeParse(rule);
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path.join('.')).toBe(path);
  });

  it('defaults weight 1, not required, and upper-cases countries', () => {
    expect(eligibilityRuleSchema.parse({ kind: 'countries', countries: ['de', 'DE'] })).toEqual({
      kind: 'countries',
      countries: ['DE'],
      weight: 1,
      required: false,
    });
  });

  it.each<[EligibilityRule, string]>([
    [countries(['DE', 'AT', 'CH']), 'Based in Germany, Austria or Switzerland'],
    [regions(['europe']), 'Serves customers in Europe'],
    [types(['msp', 'reseller']), 'Works as Managed service provider (MSP) or Reseller'],
    [industries(['Retail']), 'Works in Retail'],
    [minSize('51-200'), 'At least 51 employees'],
    [minSize('5001+'), 'At least 5001 employees'],
    [minSize('1-10'), 'Any size'],
  ])('describes %j without its weight', (rule, words) => {
    expect(describeRule({ ...rule, weight: 42 })).toBe(words);
  });
});

describe('duplicate detection', () => {
  it.each([
    ['example.com', 'EXAMPLE.com', true],
    ['https://example.com', 'http://example.com', true],
    ['www.example.com', 'example.com', true],
    ['example.com/about?x=1', 'https://example.com/', true],
    ['example.com.', 'example.com', true],
    ['example.com:8443', 'example.com', true],
    ['shop.example.com', 'example.com', false],
    ['eu.shop.example.com', 'us.shop.example.com', false],
    ['example.com', 'example.org', false],
    ['example.co.uk', 'example.com', false],
    ['not a site', 'not a site', false],
    ['', '', false],
  ])('%j and %j: same company %s', (a, b, same) => {
    expect(sameCompany(a, b)).toBe(same);
    expect(sameCompany(b, a)).toBe(same);
  });

  it('keys an application by its normalized domain', () => {
    expect(companyDomain('https://WWW.Acme.example/en/')).toBe('acme.example');
  });

  it('points at the earliest earlier application of the same domain', () => {
    const at = (s: string) => new Date(`2026-01-0${s}T00:00:00Z`);
    const earlier = [
      { id: 'c', domain: 'acme.example', createdAt: at('3') },
      { id: 'b', domain: 'acme.example', createdAt: at('2') },
      { id: 'a', domain: 'other.example', createdAt: at('1') },
      { id: 'd', domain: 'acme.example', createdAt: at('2') },
    ];
    expect(earliestDuplicate(earlier, 'acme.example')?.id).toBe('b');
    expect(earliestDuplicate(earlier, 'new.example')).toBeNull();
  });
});

describe('rate limit', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  it.each([
    ['nothing recent', [], 0],
    ['under the limit', [minutesAgo(1), minutesAgo(2)], 0],
    ['at the limit: until the oldest counted leaves the hour', [minutesAgo(1), minutesAgo(10), minutesAgo(50)], 600],
    ['the max-th newest decides', [minutesAgo(1), minutesAgo(2), minutesAgo(59), minutesAgo(59.5)], 60],
    ['the window has passed', [minutesAgo(61), minutesAgo(62), minutesAgo(63)], 0],
  ])('%s', (_name, recent, wait) => {
    expect(waitSeconds(recent, 3, now)).toBe(wait);
  });
});
