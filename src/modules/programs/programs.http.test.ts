import { getLifecycleForType, UPG_EDGE_CATALOG, validateUPGDocument } from '@unified-product-graph/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, createTestEnv, makePartner, signedIn, type TestEnv } from '../../test/app.js';

let env: TestEnv;
let admin: Browser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signedIn(env, 'admin')).browser;
});
afterAll(() => env.close());

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function newProgram(body: Record<string, unknown> = {}) {
  const res = await admin.request('POST', '/api/v1/programs', {
    name: 'Reseller program',
    programType: 'reseller',
    currency: 'USD',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; key: string; status: string; nextStatuses: string[] };
}

async function addTier(programId: string, name: string, criteria: unknown[] = []) {
  const res = await admin.request('POST', `/api/v1/programs/${programId}/tiers`, { name, criteria });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; rank: number; key: string };
}

const fields = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

describe('programs', () => {
  it('starts in planning, moves only along the lifecycle, and keeps the history', async () => {
    const program = await newProgram();
    expect(program.status).toBe('planning');
    expect(program.nextStatuses).toEqual(['active']);

    const refused = await admin.request('POST', `/api/v1/programs/${program.id}/status`, {
      status: 'paused',
      reason: 'x',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'invalid_transition', errors: [{ field: 'status' }] });
    expect((await admin.request('GET', `/api/v1/programs/${program.id}`)).json()).toMatchObject({ status: 'planning' });

    for (const [status, reason] of [
      ['active', 'launch'],
      ['paused', 'quarter close'],
      ['active', 'back'],
      ['sunset', 'replaced'],
    ])
      expect(
        (await admin.request('POST', `/api/v1/programs/${program.id}/status`, { status, reason })).statusCode,
      ).toBe(200);
    const final = await admin.request('POST', `/api/v1/programs/${program.id}/status`, {
      status: 'active',
      reason: 'again',
    });
    expect(final.statusCode).toBe(409);

    const history = (await admin.request('GET', `/api/v1/programs/${program.id}/history`)).json() as {
      fromStatus: string | null;
      toStatus: string;
      reason: string;
    }[];
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
      [null, 'planning', 'created'],
      ['planning', 'active', 'launch'],
      ['active', 'paused', 'quarter close'],
      ['paused', 'active', 'back'],
      ['active', 'sunset', 'replaced'],
    ]);
  });

  it('refuses bad fields by name and changes nothing', async () => {
    const res = await admin.request('POST', '/api/v1/programs', {
      name: '',
      programType: 'franchise',
      currency: 'usd',
      demotionGraceDays: -1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(fields(res).sort()).toEqual(['currency', 'demotionGraceDays', 'name', 'programType']);
  });

  it('derives a free key from the name, refuses a taken one, links products, archives and restores', async () => {
    const product = (await admin.request('POST', '/api/v1/products', { title: 'Analytics' })).json() as { id: string };
    const a = await newProgram({ name: 'Key Test Program', productIds: [product.id] });
    const b = await newProgram({ name: 'Key Test Program' });
    expect(a.key).toBe('key-test-program');
    expect(b.key).toBe('key-test-program-2');
    const taken = await admin.request('POST', '/api/v1/programs', {
      key: a.key,
      name: 'X',
      programType: 'msp',
      currency: 'EUR',
    });
    expect(taken.statusCode).toBe(409);
    expect(fields(taken)).toEqual(['key']);
    const missing = await admin.request('POST', '/api/v1/programs', {
      name: 'Y',
      programType: 'msp',
      currency: 'EUR',
      productIds: [crypto.randomUUID()],
    });
    expect(fields(missing)).toEqual(['productIds.0']);

    expect((await admin.request('POST', `/api/v1/programs/${a.id}/archive`)).json()).toMatchObject({
      archivedAt: expect.any(String),
    });
    const list = (await admin.request('GET', '/api/v1/programs?q=key-test')).json() as { items: { id: string }[] };
    expect(list.items.map((p) => p.id)).toEqual([b.id]);
    expect((await admin.request('PATCH', `/api/v1/programs/${a.id}`, { name: 'Z' })).statusCode).toBe(409);
    expect((await admin.request('POST', `/api/v1/programs/${a.id}/restore`)).json()).toMatchObject({
      archivedAt: null,
      productIds: [product.id],
    });
  });

  it('lets viewers read but not write', async () => {
    const { browser: viewer } = await signedIn(env, 'viewer');
    expect((await viewer.request('GET', '/api/v1/programs')).statusCode).toBe(200);
    expect(
      (await viewer.request('POST', '/api/v1/programs', { name: 'V', programType: 'msp', currency: 'EUR' })).statusCode,
    ).toBe(403);
  });
});

describe('tiers', () => {
  it('refuses unknown metrics, wrong operators and out-of-range values field by field', async () => {
    const program = await newProgram();
    const res = await admin.request('POST', `/api/v1/programs/${program.id}/tiers`, {
      name: 'Gold',
      criteria: [
        { metric: 'revenue', op: '>=', value: 1 },
        { metric: 'revenue_12m', op: '≥', value: 1 },
        { metric: 'customer_nps', op: '>', value: 150 },
        { metric: 'certified_people', op: '>=', value: 2, certification: 'Architect' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['criteria.0.metric', 'criteria.1.op', 'criteria.2.value']);
    expect((await admin.request('GET', `/api/v1/programs/${program.id}/tiers`)).json()).toEqual([]);
  });

  it('stacks tiers, reorders them safely, and refuses partial orders', async () => {
    const program = await newProgram();
    const registered = await addTier(program.id, 'Registered');
    const certified = await addTier(program.id, 'Certified', [{ metric: 'certified_people', op: '>=', value: 2 }]);
    const strategic = await addTier(program.id, 'Strategic', [{ metric: 'revenue_12m', op: '>=', value: 10_000_000 }]);
    expect([registered.rank, certified.rank, strategic.rank]).toEqual([1, 2, 3]);

    const order = [certified.id, registered.id, strategic.id];
    const res = await admin.request('PUT', `/api/v1/programs/${program.id}/tiers/order`, { tierIds: order });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { id: string }[]).map((t) => t.id)).toEqual(order);

    const partial = await admin.request('PUT', `/api/v1/programs/${program.id}/tiers/order`, {
      tierIds: [registered.id],
    });
    expect(partial.statusCode).toBe(400);
    const tiers = (await admin.request('GET', `/api/v1/programs/${program.id}/tiers`)).json() as {
      id: string;
      requirements: string[];
    }[];
    expect(tiers.map((t) => t.id)).toEqual(order);
    expect(tiers[2]!.requirements).toEqual(['Won revenue, last 12 months ≥ $100,000.00']);

    const dup = await admin.request('POST', `/api/v1/programs/${program.id}/tiers`, { name: 'certified' });
    expect(dup.statusCode).toBe(409);
  });

  it('reorders under concurrency without breaking the ladder', async () => {
    const program = await newProgram();
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C', 'D']) ids.push((await addTier(program.id, name)).id);
    const orders = Array.from({ length: 8 }, (_, i) => [...ids].sort(() => (i % 2 ? 1 : -1) * (ids.length - i)));
    const results = await Promise.all(
      orders.map((tierIds) => admin.request('PUT', `/api/v1/programs/${program.id}/tiers/order`, { tierIds })),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const ranks = (
      (await admin.request('GET', `/api/v1/programs/${program.id}/tiers`)).json() as { rank: number }[]
    ).map((t) => t.rank);
    expect(ranks).toEqual([1, 2, 3, 4]);
  });

  it('takes PNG and SVG badges checked from the bytes, sanitizes SVG, refuses the rest', async () => {
    const program = await newProgram();
    const tier = await addTier(program.id, 'Gold');
    const url = `/api/v1/programs/${program.id}/tiers/${tier.id}/badge`;

    const png = await admin.request('PUT', url, PNG, { 'content-type': 'image/png' });
    expect(png.statusCode, png.body).toBe(200);
    const badgeUrl = (png.json() as { badge: { url: string } }).badge.url;
    const image = await admin.request('GET', badgeUrl);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);

    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><circle r="5"/></svg>',
    );
    const put = await admin.request('PUT', url, svg, { 'content-type': 'image/svg+xml' });
    expect(put.statusCode).toBe(200);
    const stored = await admin.request('GET', (put.json() as { badge: { url: string } }).badge.url);
    expect(stored.headers['content-type']).toBe('image/svg+xml');
    expect(stored.headers['content-security-policy']).toContain("default-src 'none'");
    expect(stored.body).toContain('<circle');
    expect(stored.body).not.toMatch(/script|onload/i);

    const html = await admin.request('PUT', url, Buffer.from('<html><body>hi</body></html>'), {
      'content-type': 'image/png',
    });
    expect(html.statusCode).toBe(400);
    expect(fields(html)).toEqual(['badge']);
    const big = await admin.request('PUT', url, Buffer.concat([PNG, Buffer.alloc(300 * 1024)]), {
      'content-type': 'image/png',
    });
    expect(big.statusCode).toBe(413);
    const gif = await admin.request('PUT', url, Buffer.from('GIF89a'), { 'content-type': 'image/gif' });
    expect(gif.statusCode).toBe(415);
  });
});

describe('benefits and the matrix', () => {
  it('validates every value against its type, all or nothing', async () => {
    const program = await newProgram({ currency: 'JPY' });
    const gold = await addTier(program.id, 'Gold');
    const create = async (body: Record<string, unknown>) => {
      const res = await admin.request('POST', '/api/v1/benefits', {
        category: 'sales',
        ...body,
        name: `${body.name as string} ${program.key}`,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string };
    };
    const days = await create({ name: 'Protection', valueType: 'days' });
    const rate = await create({ name: 'Rate', valueType: 'percent' });
    const mdf = await create({ name: 'Funds', valueType: 'money' });
    const cam = await create({ name: 'CAM', valueType: 'boolean' });
    expect(
      (
        await admin.request('PUT', `/api/v1/programs/${program.id}/benefits`, {
          benefitIds: [days.id, rate.id, mdf.id, cam.id],
        })
      ).statusCode,
    ).toBe(200);

    const bad = await admin.request('PATCH', `/api/v1/programs/${program.id}/matrix`, {
      values: [
        { tierId: gold.id, benefitId: days.id, value: 60 },
        { tierId: gold.id, benefitId: rate.id, value: 150 },
        { tierId: gold.id, benefitId: mdf.id, value: 10.5 },
        { tierId: gold.id, benefitId: cam.id, value: 'yes' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['values.1.value', 'values.2.value', 'values.3.value']);
    expect(
      ((await admin.request('GET', `/api/v1/programs/${program.id}/matrix`)).json() as { values: unknown[] }).values,
    ).toEqual([]);

    const ok = await admin.request('PATCH', `/api/v1/programs/${program.id}/matrix`, {
      values: [
        { tierId: gold.id, benefitId: days.id, value: 60 },
        { tierId: gold.id, benefitId: rate.id, value: 12.5 },
        { tierId: gold.id, benefitId: mdf.id, value: 500000 },
        { tierId: gold.id, benefitId: cam.id, value: true },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const shown = (ok.json() as { values: { benefitId: string; value: unknown; display: string }[] }).values;
    expect(Object.fromEntries(shown.map((v) => [v.benefitId, [v.value, v.display.replace(/\u00a0/g, ' ')]]))).toEqual({
      [days.id]: [60, '60 days'],
      [rate.id]: [12.5, '12.5%'],
      [mdf.id]: [500000, '¥500,000'],
      [cam.id]: [true, 'Yes'],
    });

    const typeChange = await admin.request('PATCH', `/api/v1/benefits/${days.id}`, { valueType: 'quantity' });
    expect(typeChange.statusCode).toBe(409);
    const wellKnown = await admin.request('POST', '/api/v1/benefits', {
      key: 'commission_rate',
      name: `Commission ${program.key}`,
      category: 'financial',
      valueType: 'days',
    });
    expect(fields(wellKnown)).toEqual(['valueType']);

    // removing a row drops its values with it
    await admin.request('PUT', `/api/v1/programs/${program.id}/benefits`, { benefitIds: [rate.id] });
    const after = (await admin.request('GET', `/api/v1/programs/${program.id}/matrix`)).json() as {
      values: { benefitId: string }[];
    };
    expect(after.values.map((v) => v.benefitId)).toEqual([rate.id]);
  });
});

describe('ecosystem nodes', () => {
  it('keeps statuses on their lifecycle and type-specific fields by type', async () => {
    const program = await newProgram();
    const res = await admin.request('POST', `/api/v1/programs/${program.id}/ecosystem`, {
      type: 'integration_partner',
      title: 'Slack',
      properties: { integrationType: 'native' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const node = res.json() as { id: string; status: string; nextStatuses: string[] };
    expect(node.status).toBe('alpha');
    expect((await admin.request('PATCH', `/api/v1/ecosystem/${node.id}`, { status: 'ga' })).statusCode).toBe(409);
    expect((await admin.request('PATCH', `/api/v1/ecosystem/${node.id}`, { status: 'beta' })).json()).toMatchObject({
      status: 'beta',
    });

    const share = await admin.request('POST', `/api/v1/programs/${program.id}/ecosystem`, {
      type: 'partner_revenue_share',
      title: 'Referral share',
      properties: { shareModel: 'percentage', sharePercentage: 15 },
    });
    expect(share.json()).toMatchObject({ status: null, properties: { shareModel: 'percentage', sharePercentage: 15 } });
    const badShare = await admin.request('POST', `/api/v1/programs/${program.id}/ecosystem`, {
      type: 'partner_revenue_share',
      title: 'Bad',
      properties: { shareModel: 'royalty', sharePercentage: 101 },
    });
    expect(fields(badShare).sort()).toEqual(['properties.shareModel', 'properties.sharePercentage']);
    const dup = await admin.request('POST', `/api/v1/programs/${program.id}/ecosystem`, {
      type: 'integration_partner',
      title: 'slack',
    });
    expect(fields(dup)).toEqual(['title']);
  });
});

describe('partners see ladders of running programs only', () => {
  it('shows the ladder, benefits and the partner’s own tier; hides planning programs and vendor endpoints', async () => {
    const program = await newProgram({ name: 'Ladder program' });
    const entry = await addTier(program.id, 'Registered');
    const top = await addTier(program.id, 'Premier');
    const partner = await makePartner(env);
    const other = await makePartner(env);
    const { browser: member } = await signedIn(env, 'partner_member', partner.id);

    const seen = async () =>
      ((await member.request('GET', '/api/v1/ladders')).json() as { program: { id: string } }[]).map(
        (l) => l.program.id,
      );
    expect(await seen()).not.toContain(program.id);
    await admin.request('POST', `/api/v1/programs/${program.id}/status`, { status: 'active', reason: 'go' });
    expect(await seen()).toContain(program.id);

    const enrolled = await admin.request('POST', `/api/v1/programs/${program.id}/enrollments`, {
      partnerId: partner.id,
      tierId: entry.id,
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    await admin.request('POST', `/api/v1/programs/${program.id}/enrollments`, { partnerId: other.id, tierId: top.id });
    const enrollmentId = (enrolled.json() as { id: string }).id;
    const moved = await admin.request('POST', `/api/v1/enrollments/${enrollmentId}/tier`, {
      tierId: top.id,
      reason: 'met the criteria',
    });
    expect(moved.json()).toMatchObject({ tierName: 'Premier' });

    const ladders = (await member.request('GET', '/api/v1/ladders')).json() as {
      program: { id: string };
      tiers: unknown[];
      enrollment: { tierName: string } | null;
    }[];
    const mine = ladders.find((l) => l.program.id === program.id)!;
    expect(mine.tiers).toHaveLength(2);
    expect(mine.enrollment).toMatchObject({ tierName: 'Premier' });

    const history = (await member.request('GET', `/api/v1/enrollments/${enrollmentId}/tier-history`)).json() as {
      toTier: string;
      reason: string;
    }[];
    expect(history.map((h) => [h.toTier, h.reason])).toEqual([
      ['Registered', 'enrolled'],
      ['Premier', 'met the criteria'],
    ]);

    // another partner's enrollment and the vendor's own views stay out of reach
    const { browser: otherMember } = await signedIn(env, 'partner_member', other.id);
    expect((await otherMember.request('GET', `/api/v1/enrollments/${enrollmentId}/tier-history`)).statusCode).toBe(404);
    expect((await member.request('GET', `/api/v1/programs/${program.id}`)).statusCode).toBe(403);
    expect((await member.request('GET', '/api/v1/graph')).statusCode).toBe(403);

    // a tier partners hold cannot be deleted
    expect((await admin.request('DELETE', `/api/v1/programs/${program.id}/tiers/${top.id}`)).statusCode).toBe(409);
  });
});

describe('product graph', () => {
  it('is a valid Unified Product Graph document with catalog edges and lifecycle statuses', async () => {
    const product = (await admin.request('POST', '/api/v1/products', { title: 'Graph product' })).json() as {
      id: string;
    };
    const program = await newProgram({ name: 'Graph program', productIds: [product.id], programType: 'technology' });
    await addTier(program.id, 'Member');
    for (const body of [
      { type: 'integration_partner', title: 'Connector', properties: { integrationType: 'api' } },
      { type: 'partner_revenue_share', title: 'Share', properties: { shareModel: 'percentage', sharePercentage: 20 } },
      { type: 'api_ecosystem', title: 'Public API', status: 'ga', properties: { apiStyle: 'rest' } },
      {
        type: 'developer_portal',
        title: 'Dev hub',
        properties: { portalUrl: 'https://dev.example.com', sandboxAvailable: true },
      },
    ])
      expect((await admin.request('POST', `/api/v1/programs/${program.id}/ecosystem`, body)).statusCode).toBe(201);

    const res = await admin.request('GET', '/api/v1/graph');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      nodes: { id: string; type: string; status?: string; properties?: Record<string, unknown> }[];
      edges: { type: string; source: string; target: string }[];
    };
    const result = validateUPGDocument(doc);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);

    const typeOf = new Map(doc.nodes.map((n) => [n.id, n.type]));
    for (const e of doc.edges) {
      const def = (UPG_EDGE_CATALOG as Record<string, { source_type: string; target_type: string }>)[e.type];
      expect(def, e.type).toBeDefined();
      expect([typeOf.get(e.source), typeOf.get(e.target)]).toEqual([def!.source_type, def!.target_type]);
    }
    for (const n of doc.nodes) {
      const lifecycle = getLifecycleForType(n.type);
      if (lifecycle && n.status !== undefined) expect(lifecycle.phases.map((p) => p.id)).toContain(n.status);
    }
    const edgeTypes = new Set(
      doc.edges.filter((e) => e.source === program.id || e.target === program.id).map((e) => e.type),
    );
    expect([...edgeTypes].sort()).toEqual([
      'partner_program_documents_developer_portal',
      'partner_program_exposes_api_ecosystem',
      'partner_program_includes_integration_partner',
      'partner_program_shares_revenue_via_partner_revenue_share',
      'partner_program_tiers_as_partner_tier',
      'product_partnered_via_partner_program',
    ]);
    expect(doc.nodes.find((n) => n.id === program.id)?.properties).toMatchObject({ program_type: 'technology' });

    const near = (await admin.request('GET', `/api/v1/graph?root=${product.id}&depth=1`)).json() as {
      nodes: { id: string }[];
    };
    expect(near.nodes.map((n) => n.id).sort()).toEqual([product.id, program.id].sort());
    expect((await admin.request('GET', `/api/v1/graph?root=${crypto.randomUUID()}`)).statusCode).toBe(404);

    const file = await admin.request('GET', '/api/v1/graph.upg');
    expect(file.headers['content-disposition']).toContain('trellis-graph.upg');
    expect(validateUPGDocument(file.json()).valid).toBe(true);
  });
});
