import { validateUPGDocument } from '@unified-product-graph/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, createTestEnv, signedIn, type TestEnv } from '../../test/app.js';
import { readdirSync } from 'node:fs';
import { TEMPLATES_DIR } from './templates.service.js';

let env: TestEnv;
let admin: Browser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signedIn(env, 'admin')).browser;
});
afterAll(() => env.close());

type Plan = { key: string; programId: string | null; changes: unknown[] };

describe('program templates', () => {
  const ids = readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''));

  it('ships the starter, the referral + technology program and six vendor ladders', async () => {
    const res = await admin.request('GET', '/api/v1/program-templates');
    expect(res.statusCode).toBe(200);
    const templates = res.json() as { id: string; tiers: string[] }[];
    expect(templates.map((t) => t.id).sort()).toEqual([...ids].sort());
    expect(ids).toEqual(
      expect.arrayContaining([
        'starter-3-tier',
        'referral-technology',
        'cloud-platform',
        'crm-solution',
        'marketing-solutions',
        'developer-tools',
        'networking',
        'collaboration',
      ]),
    );
    expect(templates.find((t) => t.id === 'starter-3-tier')?.tiers).toEqual(['Registered', 'Certified', 'Strategic']);
  });

  it.each(ids)('%s applies, exports, and applies back with no change', async (id) => {
    const created = await admin.request('POST', '/api/v1/programs/from-template', { template: id, key: `t-${id}` });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json() as Plan;
    expect(plan.programId).toBeTruthy();
    expect(plan.changes.length).toBeGreaterThan(0);

    const file = await admin.request('GET', `/api/v1/programs/${plan.programId}/export`);
    expect(file.statusCode).toBe(200);
    const again = await admin.request('POST', '/api/v1/programs/plan', { source: file.body });
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as Plan).changes).toEqual([]);

    const tiers = (await admin.request('GET', `/api/v1/programs/${plan.programId}/tiers`)).json() as {
      badge: unknown;
    }[];
    expect(tiers.length).toBeGreaterThanOrEqual(2);
    expect(tiers.every((t) => t.badge !== null)).toBe(true);
  });

  it('refuses to overwrite an existing program with a template', async () => {
    const first = await admin.request('POST', '/api/v1/programs/from-template', {
      template: 'networking',
      key: 'net-once',
      name: 'Net',
    });
    expect(first.statusCode).toBe(201);
    const second = await admin.request('POST', '/api/v1/programs/from-template', {
      template: 'networking',
      key: 'net-once',
    });
    expect(second.statusCode).toBe(409);
    expect((second.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['key']);
    expect((await admin.request('GET', `/api/v1/programs/${(first.json() as Plan).programId}`)).json()).toMatchObject({
      name: 'Net',
    });
    expect((await admin.request('POST', '/api/v1/programs/from-template', { template: 'nope' })).statusCode).toBe(404);
  });

  it('the starter carries the source’s numbers', async () => {
    const { programId } = (
      await admin.request('POST', '/api/v1/programs/from-template', {
        template: 'starter-3-tier',
        key: 'starter-numbers',
      })
    ).json() as Plan;
    const matrix = (await admin.request('GET', `/api/v1/programs/${programId}/matrix`)).json() as {
      tiers: { id: string; name: string }[];
      benefits: { id: string; key: string | null }[];
      values: { tierId: string; benefitId: string; value: unknown }[];
    };
    const value = (tier: string, key: string) => {
      const t = matrix.tiers.find((x) => x.name === tier)!;
      const b = matrix.benefits.find((x) => x.key === key)!;
      return matrix.values.find((v) => v.tierId === t.id && v.benefitId === b.id)?.value;
    };
    expect(value('Certified', 'deal_protection_days')).toBe(60);
    expect(value('Strategic', 'mdf_allocation')).toBe(1_000_000);
    expect(value('Strategic', 'dedicated_cam')).toBe(true);
    const tiers = (await admin.request('GET', `/api/v1/programs/${programId}/tiers`)).json() as {
      name: string;
      invitationOnly: boolean;
      criteria: unknown[];
    }[];
    expect(tiers.map((t) => [t.name, t.invitationOnly])).toEqual([
      ['Registered', false],
      ['Certified', false],
      ['Strategic', true],
    ]);
    expect(tiers[2]!.criteria).toEqual(
      expect.arrayContaining([
        { metric: 'revenue_12m', op: '>=', value: 10_000_000 },
        { metric: 'customer_nps', op: '>', value: 50 },
      ]),
    );
    // its deal_registration section is saved as the program's deal registration settings
    const settings = (await admin.request('GET', `/api/v1/programs/${programId}/deal-settings`)).json() as {
      approvalSlaDays: number;
      autoApprove: boolean;
      updatedAt: string | null;
    };
    expect(settings).toMatchObject({ approvalSlaDays: 2, autoApprove: false, updatedAt: expect.any(String) });
  });

  it('the referral + technology template yields all six edges of the graph', async () => {
    const { programId } = (
      await admin.request('POST', '/api/v1/programs/from-template', {
        template: 'referral-technology',
        key: 'rt-graph',
      })
    ).json() as Plan;
    const doc = (await admin.request('GET', `/api/v1/graph?root=${programId}&depth=1`)).json() as {
      edges: { type: string }[];
    };
    expect(validateUPGDocument(doc).valid).toBe(true);
    expect(new Set(doc.edges.map((e) => e.type)).size).toBe(6);
  });
});
