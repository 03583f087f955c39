import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { type Change, diffStates, formatChanges } from './diff.js';
import type { BenefitState, NodeState, ProgramState, TierState } from './state.js';

const commission: BenefitState = {
  id: 'b-commission',
  key: 'commission_rate',
  name: 'Commission rate',
  description: 'Commission on partner-sourced revenue.',
  category: 'financial',
  valueType: 'percent',
};
const collateral: BenefitState = {
  id: 'b-collateral',
  key: null,
  name: 'Co-branded collateral',
  description: '',
  category: 'marketing',
  valueType: 'boolean',
};
const tier = (key: string, rank: number, values: TierState['values'] = {}): TierState => ({
  id: `t-${key}`,
  key,
  name: key[0]!.toUpperCase() + key.slice(1),
  rank,
  description: '',
  invitationOnly: false,
  criteria: [{ metric: 'certified_people', op: '>=', value: rank }],
  badge: null,
  values,
});
const partnerNode: NodeState = {
  id: 'n-crm',
  type: 'integration_partner',
  title: 'Example CRM',
  description: '',
  status: 'beta',
  tags: [],
  properties: { integration_type: 'native' },
};

/** The program as the database holds it; each case derives the file's version from it. */
const base = (): ProgramState => ({
  id: 'p-1',
  key: 'starter',
  name: 'Starter',
  type: 'reseller',
  currency: 'USD',
  description: '',
  tags: ['starter'],
  revenueSeasoningDays: 0,
  demotionGraceDays: 90,
  products: [{ id: 'pr-1', title: 'Acme Analytics' }],
  benefits: [commission, collateral],
  tiers: [
    tier('registered', 1, { commission_rate: 15 }),
    tier('certified', 2, { commission_rate: 25 }),
    tier('strategic', 3, { commission_rate: 30, 'Co-branded collateral': true }),
  ],
  nodes: [partnerNode],
  policies: {},
  // a section another module contributes: the database always has it, a file may leave it out
  sections: { quotas: { limit: 1, review: { on: false, kinds: ['a', 'b'] } } },
});

const withoutIds = (s: ProgramState): ProgramState => structuredClone({ ...s, id: undefined });
const desiredFrom = (edit: (s: ProgramState) => void) => {
  const desired = withoutIds(base());
  edit(desired);
  // a file's ranks are its order, as stateFromFile gives them
  desired.tiers.forEach((t, i) => (t.rank = i + 1));
  return desired;
};
const badge = (sha: string) => ({
  contentType: 'image/svg+xml',
  sha256: sha.repeat(64).slice(0, 64),
  bytes: new Uint8Array(),
});
const brief = (changes: Change[]) => changes.map((c) => `${c.op} ${c.kind} ${c.path}`);

describe('diffStates', () => {
  it('creates everything from nothing, program first', () => {
    const changes = diffStates(null, withoutIds(base()));
    expect(brief(changes)).toEqual([
      'create program starter',
      'create product_link Acme Analytics',
      'create catalog_benefit commission_rate',
      'create catalog_benefit Co-branded collateral',
      'create benefit commission_rate',
      'create benefit Co-branded collateral',
      'create tier registered',
      'create tier certified',
      'create tier strategic',
      'create value registered × commission_rate',
      'create value certified × commission_rate',
      'create value strategic × commission_rate',
      'create value strategic × Co-branded collateral',
      'create integration_partner Example CRM',
      'create quotas quotas',
    ]);
    expect(changes[0]!.fields).toContainEqual({ field: 'currency', from: null, to: 'USD' });
    expect(changes.at(-1)!.fields).toEqual([
      { field: 'limit', from: null, to: 1 },
      { field: 'review.on', from: null, to: false },
      { field: 'review.kinds', from: null, to: ['a', 'b'] },
    ]);
  });

  it('finds nothing to do when the file says what the database holds', () => {
    expect(diffStates(base(), withoutIds(base()))).toEqual([]);
  });

  it.each<[string, (s: ProgramState) => void, string[]]>([
    ['program fields', (s) => void (s.name = 'Starter program'), ['update program starter']],
    ['a product link removed', (s) => void (s.products = []), ['delete product_link Acme Analytics']],
    ['product titles in another case', (s) => void (s.products = [{ title: 'ACME analytics' }]), []],
    ['a tier renamed', (s) => void (s.tiers[1]!.name = 'Certified Partner'), ['update tier certified']],
    [
      'a tier removed',
      (s) => void s.tiers.splice(0, 1),
      ['update tier certified', 'update tier strategic', 'delete tier registered'],
    ],
    ['a criterion changed', (s) => void (s.tiers[0]!.criteria = []), ['update tier registered']],
    [
      'a value changed',
      (s) => void (s.tiers[2]!.values.commission_rate = 35),
      ['update value strategic × commission_rate'],
    ],
    [
      'a benefit removed from a tier',
      (s) => void delete s.tiers[2]!.values['Co-branded collateral'],
      ['delete value strategic × Co-branded collateral'],
    ],
    [
      'a benefit removed from the program',
      (s) => {
        s.benefits.pop();
        delete s.tiers[2]!.values['Co-branded collateral'];
      },
      ['delete benefit Co-branded collateral'],
    ],
    [
      'benefits reordered',
      (s) => void s.benefits.reverse(),
      ['update benefit Co-branded collateral', 'update benefit commission_rate'],
    ],
    [
      'a catalog description changed',
      (s) => void (s.benefits[0]!.description = 'Paid monthly.'),
      ['update catalog_benefit commission_rate'],
    ],
    ['a badge added', (s) => void (s.tiers[0]!.badge = badge('a')), ['create badge registered']],
    ['an ecosystem node moved on', (s) => void (s.nodes[0]!.status = 'ga'), ['update integration_partner Example CRM']],
    ['an ecosystem node removed', (s) => void (s.nodes = []), ['delete integration_partner Example CRM']],
    [
      'a revenue share added',
      (s) =>
        void s.nodes.push({
          type: 'partner_revenue_share',
          title: 'First year',
          description: '',
          status: null,
          tags: [],
          properties: { share_model: 'percentage', share_percentage: 15 },
        }),
      ['create partner_revenue_share First year'],
    ],
    ['a policy added', (s) => void (s.policies = { deal_protection: { days: 60 } }), ['create policy deal_protection']],
    ['a section left out of the file', (s) => void delete s.sections.quotas, []],
    ['a section setting changed', (s) => void (s.sections.quotas!.limit = 2), ['update quotas quotas']],
    [
      'a section written in another key order',
      (s) => void (s.sections.quotas = { review: { kinds: ['a', 'b'], on: false }, limit: 1 }),
      [],
    ],
  ])('finds %s', (_name, edit, expected) => {
    expect(brief(diffStates(base(), desiredFrom(edit)))).toEqual(expected);
  });

  it('gives a reordered ladder new ranks', () => {
    const changes = diffStates(
      base(),
      desiredFrom((s) => {
        s.tiers.reverse();
      }),
    );
    expect(changes).toEqual([
      { op: 'update', kind: 'tier', path: 'strategic', fields: [{ field: 'rank', from: 3, to: 1 }] },
      { op: 'update', kind: 'tier', path: 'registered', fields: [{ field: 'rank', from: 1, to: 3 }] },
    ]);
  });

  it('tells badges apart by their digest', () => {
    const current = base();
    current.tiers[0]!.badge = badge('a');
    expect(
      diffStates(
        current,
        desiredFrom((s) => void (s.tiers[0]!.badge = badge('a'))),
      ),
    ).toEqual([]);
    const changes = diffStates(
      current,
      desiredFrom((s) => void (s.tiers[0]!.badge = badge('b'))),
    );
    expect(changes).toEqual([
      {
        op: 'update',
        kind: 'badge',
        path: 'registered',
        fields: [{ field: 'sha256', from: badge('a').sha256, to: badge('b').sha256 }],
      },
    ]);
    expect(
      brief(
        diffStates(
          current,
          desiredFrom(() => undefined),
        ),
      ),
    ).toEqual(['delete badge registered']);
  });

  it('matches a benefit to the catalog by key, else by name in any case', () => {
    const catalog = [{ ...commission, id: 'b-cat', name: 'Commission' }];
    const fresh = { ...base(), benefits: [], tiers: [] };
    const byKey = diffStates(
      fresh,
      desiredFrom((s) => void (s.tiers = [])),
      { benefits: catalog },
    );
    expect(byKey.find((c) => c.kind === 'catalog_benefit')).toEqual({
      op: 'update',
      kind: 'catalog_benefit',
      path: 'commission_rate',
      fields: [{ field: 'name', from: 'Commission', to: 'Commission rate' }],
    });
    const byName = diffStates(
      fresh,
      desiredFrom((s) => {
        s.tiers = [];
        s.benefits = [{ ...collateral, name: 'CO-BRANDED collateral' }];
      }),
      { benefits: [collateral as typeof collateral & { id: string }] },
    );
    expect(brief(byName)).toEqual(['create benefit CO-BRANDED collateral']);
  });

  it('names each setting of a section that changes, nested ones by their dotted path', () => {
    const changes = diffStates(
      base(),
      desiredFrom((s) => void (s.sections.quotas = { limit: 1, review: { on: true, kinds: ['b'] } })),
    );
    expect(changes).toEqual([
      {
        op: 'update',
        kind: 'quotas',
        path: 'quotas',
        fields: [
          { field: 'review.on', from: false, to: true },
          { field: 'review.kinds', from: ['a', 'b'], to: ['b'] },
        ],
      },
    ]);
    expect(formatChanges(changes)).toContain('~ quotas: review.on false → true, review.kinds ["a","b"] → ["b"]');
  });

  it('refuses a benefit whose value type differs from the catalog’s, and a status move backwards', () => {
    const error = (() => {
      try {
        diffStates(
          base(),
          desiredFrom((s) => {
            s.benefits[1]!.valueType = 'text';
            s.nodes[0]!.status = 'alpha';
            s.nodes[0]!.status = 'deprecated';
          }),
        );
      } catch (e) {
        return e;
      }
    })() as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.errors).toEqual([
      { field: 'benefits[1].value_type', message: 'the catalog’s benefit Co-branded collateral is a boolean benefit' },
      { field: 'integration_partners[0].status', message: 'cannot move from beta to deprecated; allowed: ga, alpha' },
    ]);
  });
});

describe('formatChanges', () => {
  it('writes a line per change and a count', () => {
    const changes = diffStates(
      base(),
      desiredFrom((s) => {
        s.tiers[1]!.name = 'Certified Partner';
        s.tiers[2]!.values.commission_rate = 35;
        s.tiers.splice(0, 1, { ...tier('basic', 1), id: undefined });
        s.products = [];
      }),
    );
    expect(formatChanges(changes)).toBe(
      [
        '- product link Acme Analytics',
        '+ tier basic (Basic)',
        '~ tier certified: name "Certified" → "Certified Partner"',
        '- tier registered',
        '~ value strategic × commission_rate: 30 → 35',
        '',
        '5 changes: 1 to create, 2 to update, 2 to delete.',
      ].join('\n'),
    );
    expect(formatChanges([])).toBe('No changes.');
  });
});
