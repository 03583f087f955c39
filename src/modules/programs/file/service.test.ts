import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import { systemActor } from '../../../platform/access/actor.js';
import { listAudit } from '../../../platform/audit/service.js';
import { AppError } from '../../../platform/errors.js';
import { adminActor, createTestEnv, makePartner, type TestEnv } from '../../../test/app.js';
import { programData, programText } from '../../../test/program-file.js';
import { enrollments } from '../../enrollments/schema.js';
import { benefitValues, ecosystemNodes, programs, programStatusChanges, programTiers, tierBadges } from '../schema.js';
import { applyProgram, exportProgram, planProgram } from './service.js';

const admin = adminActor;
const viewer: Actor = { ...admin, id: '00000000-0000-4000-8000-000000000002', role: 'viewer' };

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const system = <T>(fn: Parameters<TestEnv['db']['run']>[1]) => env.db.run({ kind: 'system' }, fn) as Promise<T>;
const refusal = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};
const programByKey = async (key: string) => {
  const rows = await env.db.run({ kind: 'system' }, (tx) => tx.select().from(programs).where(eq(programs.key, key)));
  return rows[0];
};

describe('programs as code', () => {
  it('creates a whole program from a file, in planning, with its ladder, values, badge and ecosystem', async () => {
    const ctx = env.ctx(admin);
    const text = programText(programData('alpha'));
    const plan = await planProgram(ctx, text);
    expect(plan.programId).toBeNull();
    expect(plan.summary).toContain('+ program alpha (Program alpha)');
    expect(await programByKey('alpha')).toBeUndefined();

    const applied = await applyProgram(ctx, text);
    expect(applied.changes).toEqual(plan.changes);
    const program = (await programByKey('alpha'))!;
    expect(program).toMatchObject({
      id: applied.programId,
      status: 'planning',
      currency: 'USD',
      revenueSeasoningDays: 90,
    });
    expect(program.policies).toEqual({ deal_protection: { first_come_first_served: true } });
    await system(async (tx) => {
      const tiers = await tx.select().from(programTiers).where(eq(programTiers.programId, program.id));
      expect(tiers.sort((a, b) => a.rank - b.rank).map((t) => [t.key, t.rank])).toEqual([
        ['registered', 1],
        ['certified', 2],
        ['strategic', 3],
      ]);
      const values = await tx.select().from(benefitValues).where(eq(benefitValues.programId, program.id));
      // percentages are stored in basis points
      expect(values.map((v) => v.value).sort()).toEqual([1250, 2500, 3500, true]);
      const badges = await tx.select().from(tierBadges).where(eq(tierBadges.programId, program.id));
      expect(badges.map((b) => b.contentType)).toEqual(['image/png']);
      const nodes = await tx.select().from(ecosystemNodes).where(eq(ecosystemNodes.programId, program.id));
      expect(nodes.map((n) => [n.nodeType, n.status, n.properties]).sort()).toEqual([
        ['api_ecosystem', 'ga', { api_style: 'rest' }],
        ['developer_portal', 'active', { portal_url: 'https://dev.example.com', sandbox_available: false }],
        ['integration_partner', 'beta', { integration_type: 'native' }],
        ['partner_revenue_share', null, { share_model: 'percentage', share_percentage: 1525 }],
      ]);
      const history = await tx
        .select()
        .from(programStatusChanges)
        .where(eq(programStatusChanges.programId, program.id));
      expect(history).toMatchObject([{ fromStatus: null, toStatus: 'planning', reason: 'created from file' }]);
    });
  });

  it('changes nothing, and records nothing, when the same file is applied again', async () => {
    const ctx = env.ctx(admin);
    const text = programText(programData('beta'));
    const first = await applyProgram(ctx, text);
    const before = await programByKey('beta');
    const again = await applyProgram(ctx, text);
    expect(again).toEqual({ key: 'beta', programId: first.programId, changes: [], summary: 'No changes.' });
    expect((await planProgram(ctx, text)).changes).toEqual([]);
    expect((await programByKey('beta'))!.updatedAt).toEqual(before!.updatedAt);
    const audit = await listAudit(ctx, { objectType: 'program', objectId: first.programId!, limit: 10 });
    expect(audit.items.map((a) => a.action)).toEqual(['program.created']);
    expect(audit.items[0]!.after).toMatchObject({ key: 'beta', changes: first.changes });
  });

  it('exports a file that plans to no change, by id or by key', async () => {
    const ctx = env.ctx(admin);
    const { programId } = await applyProgram(ctx, programText(programData('gamma')));
    const exported = await exportProgram(ctx, programId!);
    expect(exported).toMatchObject({ key: 'gamma', fileName: 'gamma.yaml' });
    expect(exported.text).toMatch(
      /^# yaml-language-server: \$schema=http:\/\/trellis\.test\/api\/v1\/schemas\/program\.json/,
    );
    expect(exported.text).toContain("- { metric: certified_people, op: '>=', value: 1 }");
    expect(exported.text).toContain('commission_rate: 12.5');
    expect(exported.text).toContain('badge: data:image/png;base64,');
    expect((await planProgram(ctx, exported.text)).changes).toEqual([]);
    expect((await exportProgram(ctx, 'gamma')).text).toBe(exported.text);
    expect((await refusal(exportProgram(ctx, 'no-such-program'))).code).toBe('not_found');
  });

  it('refuses a file with errors whole, every error at its path, and writes nothing', async () => {
    const data = programData('delta');
    data.currency = 'usd';
    data.tiers[0]!.criteria = [{ metric: 'certified_folks', op: '>=', value: 1 }];
    data.tiers[1]!.benefits = { commission_rate: 150 };
    const error = await refusal(applyProgram(env.ctx(admin), programText(data)));
    expect(error.code).toBe('validation_failed');
    expect(error.errors.map((e) => e.field)).toEqual([
      'currency',
      'tiers[0].criteria[0].metric',
      'tiers[1].benefits.commission_rate',
    ]);
    expect(error.errors[0]!.message).toMatch(/\(line \d+, column \d+\)$/);
    expect(await programByKey('delta')).toBeUndefined();
  });

  it('reorders the ladder without losing values, in one audit entry', async () => {
    const ctx = env.ctx(admin);
    const data = programData('epsilon');
    const { programId } = await applyProgram(ctx, programText(data));
    data.tiers.reverse();
    const plan = await planProgram(ctx, programText(data));
    expect(plan.summary).toContain('~ tier strategic: rank 3 → 1');
    expect(plan.changes.filter((c) => c.kind === 'tier').map((c) => c.path)).toEqual(['strategic', 'registered']);
    await applyProgram(ctx, programText(data));
    const exported = await exportProgram(ctx, programId!);
    expect(exported.text.indexOf('key: strategic')).toBeLessThan(exported.text.indexOf('key: registered'));
    expect((await planProgram(ctx, programText(data))).changes).toEqual([]);
    const audit = await listAudit(ctx, { objectType: 'program', objectId: programId!, limit: 10 });
    expect(audit.items.map((a) => a.action)).toEqual(['program.applied', 'program.created']);
  });

  it('swaps two tiers’ names and renames, removes and adds tiers in one apply', async () => {
    const ctx = env.ctx(admin);
    const data = programData('zeta');
    await applyProgram(ctx, programText(data));
    [data.tiers[0]!.name, data.tiers[1]!.name] = [data.tiers[1]!.name, data.tiers[0]!.name];
    data.tiers[2] = { key: 'elite', name: 'Strategic', benefits: { commission_rate: 40 } };
    const applied = await applyProgram(ctx, programText(data));
    expect(applied.changes.map((c) => `${c.op} ${c.kind} ${c.path}`)).toContain('delete tier strategic');
    expect((await planProgram(ctx, programText(data))).changes).toEqual([]);
  });

  it('refuses to remove a tier partners are enrolled at', async () => {
    const ctx = env.ctx(admin);
    const data = programData('eta');
    const { programId } = await applyProgram(ctx, programText(data));
    const partner = await makePartner(env);
    await system(async (tx) => {
      const tiers = await tx.select().from(programTiers).where(eq(programTiers.programId, programId!));
      const strategic = tiers.find((t) => t.key === 'strategic');
      await tx.insert(enrollments).values({ partnerId: partner.id, programId: programId!, tierId: strategic!.id });
    });
    data.tiers.pop();
    const error = await refusal(planProgram(ctx, programText(data)));
    expect(error.errors).toEqual([
      {
        field: 'tiers',
        message: expect.stringMatching(
          /^cannot remove the tier strategic \(Strategic\): 1 partner is enrolled at it.*\(line \d+, column \d+\)$/,
        ),
      },
    ]);
    expect((await refusal(applyProgram(ctx, programText(data)))).code).toBe('validation_failed');
    expect((await exportProgram(ctx, programId!)).text).toContain('key: strategic');
  });

  it('refuses a benefit at odds with the catalog and a status move the lifecycle forbids', async () => {
    const ctx = env.ctx(admin);
    const data = programData('theta');
    await applyProgram(ctx, programText(data));
    data.benefits[1]!.value_type = 'text';
    data.tiers[2]!.benefits = { commission_rate: 35, 'Collateral theta': 'yes' };
    data.integration_partners[0]!.status = 'alpha';
    data.api_ecosystems[0]!.status = 'alpha';
    const error = await refusal(planProgram(ctx, programText(data)));
    expect(error.errors.map((e) => e.field)).toEqual(['benefits[1].value_type', 'api_ecosystems[0].status']);
    expect(error.errors[1]!.message).toMatch(/^cannot move from ga to alpha; allowed: deprecated \(line \d+/);
  });

  it('lets a viewer plan and export but not apply', async () => {
    const text = programText(programData('iota'));
    expect((await planProgram(env.ctx(viewer), text)).changes.length).toBeGreaterThan(0);
    expect((await refusal(applyProgram(env.ctx(viewer), text))).code).toBe('forbidden');
  });

  it('creates a program once when two applies of a new key run at the same time', async () => {
    const text = programText(programData('kappa'));
    const ctx = env.ctx(systemActor('test'));
    const results = await Promise.all([applyProgram(ctx, text), applyProgram(ctx, text)]);
    expect(results.map((r) => r.changes.length).sort((a, b) => a - b)[0]).toBe(0);
    expect(results[0]!.programId).toBe(results[1]!.programId);
  });
});
