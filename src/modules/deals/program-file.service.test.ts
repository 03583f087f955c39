import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.js';
import { listAudit } from '../../platform/audit/service.js';
import { AppError } from '../../platform/errors.js';
import { adminActor, createTestEnv, type TestEnv } from '../../test/app.js';
import { programData, programText } from '../../test/program-file.js';
import { applyProgram, exportProgram, planProgram } from '../programs/file/service.js';
import { dealSettings } from './schema.js';
import type { DealSettingsInput } from './contracts.js';
import { DEFAULT_DEAL_SETTINGS, getDealSettings, putDealSettings } from './settings.service.js';

const admin = adminActor;

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const withDeals = (key: string, dealRegistration?: unknown) => ({
  ...programData(key),
  ...(dealRegistration === undefined ? {} : { deal_registration: dealRegistration }),
});
/** Settings as the settings API takes them, attributions in the other order than the file's. */
const throughApi = (settings: Partial<DealSettingsInput>): DealSettingsInput => ({
  ...DEFAULT_DEAL_SETTINGS,
  autoApproveAttributions: ['influenced', 'sourced'],
  ...settings,
});
const savedRow = async (programId: string) => {
  const rows = await env.db.run({ kind: 'system' }, (tx) =>
    tx.select().from(dealSettings).where(eq(dealSettings.programId, programId)),
  );
  return rows[0];
};
const settingsAudit = async (programId: string) => {
  const audit = await listAudit(env.ctx(admin), { objectType: 'program', objectId: programId, limit: 50 });
  return audit.items.filter((a) => a.action === 'deal_settings.updated');
};

describe('deal registration settings in the program file', () => {
  it('applies them with the program, audited like the settings API; the same file again changes nothing', async () => {
    const ctx = env.ctx(admin);
    const text = programText(
      withDeals('deals-a', {
        approval_sla_days: 3,
        protection_days: 90,
        extension_days: 15,
        auto_approve: { enabled: true, below_amount: 2_500_000, attributions: ['sourced'] },
      }),
    );
    const applied = await applyProgram(ctx, text);
    const programId = applied.programId!;
    expect(applied.summary).toContain('+ deal_registration');
    expect(await getDealSettings(ctx, programId)).toMatchObject({
      currency: 'USD',
      approvalSlaDays: 3,
      protectionDays: 90,
      extensionDays: 15,
      autoApprove: true,
      autoApproveBelow: 2_500_000,
      autoApproveAttributions: ['sourced'],
    });
    const [entry] = await settingsAudit(programId);
    expect(entry).toMatchObject({
      actor: { type: 'user', id: admin.id, label: admin.label },
      before: { approvalSlaDays: 2, protectionDays: 60, autoApprove: false },
      after: { approvalSlaDays: 3, protectionDays: 90, autoApprove: true, autoApproveBelow: 2_500_000 },
    });
    const saved = await savedRow(programId);

    const again = await applyProgram(ctx, text);
    expect(again.changes).toEqual([]);
    expect(await settingsAudit(programId)).toHaveLength(1);
    expect((await savedRow(programId))!.updatedAt).toEqual(saved!.updatedAt);
  });

  it('plans only the settings that change, and applies them in the program’s apply', async () => {
    const ctx = env.ctx(admin);
    const data = withDeals('deals-b', { approval_sla_days: 3 });
    const { programId } = await applyProgram(ctx, programText(data));
    data.deal_registration = { approval_sla_days: 3, auto_approve: { enabled: true } };
    data.name = 'Deals B';
    const plan = await planProgram(ctx, programText(data));
    expect(plan.changes).toEqual([
      {
        op: 'update',
        kind: 'program',
        path: 'deals-b',
        fields: [{ field: 'name', from: 'Program deals-b', to: 'Deals B' }],
      },
      {
        op: 'update',
        kind: 'deal_registration',
        path: 'deal_registration',
        fields: [{ field: 'auto_approve.enabled', from: false, to: true }],
      },
    ]);
    expect(plan.summary).toContain('~ deal_registration: auto_approve.enabled false → true');
    await applyProgram(ctx, programText(data));
    expect((await getDealSettings(ctx, programId!)).autoApprove).toBe(true);
    const audit = await listAudit(ctx, { objectType: 'program', objectId: programId!, limit: 10 });
    expect(audit.items.map((a) => a.action)).toEqual([
      'program.applied',
      'deal_settings.updated',
      'program.created',
      'deal_settings.updated',
    ]);
  });

  it('leaves the settings alone when the file has no such section', async () => {
    const ctx = env.ctx(admin);
    const { programId } = await applyProgram(ctx, programText(withDeals('deals-c')));
    expect(await savedRow(programId!)).toBeUndefined();
    await putDealSettings(ctx, programId!, throughApi({ approvalSlaDays: 5, protectionDays: 45, extensionDays: 0 }));
    expect((await applyProgram(ctx, programText(withDeals('deals-c')))).changes).toEqual([]);
    expect((await getDealSettings(ctx, programId!)).approvalSlaDays).toBe(5);
  });

  it('exports the settings the program runs on, in a file that applies back with no change', async () => {
    const ctx = env.ctx(admin);
    // never saved: the export writes the defaults, and applying them saves nothing
    const { programId } = await applyProgram(ctx, programText(withDeals('deals-d')));
    const fresh = await exportProgram(ctx, programId!);
    expect(fresh.text).toContain(
      [
        '# Deal registration: approval SLA in business days, default protection and extension days, auto-approval.',
        'deal_registration:',
        '  approval_sla_days: 2',
        '  protection_days: 60',
        '  extension_days: 30',
        '  auto_approve:',
        '    enabled: false',
        '    below_amount: null',
        '    attributions: [ sourced, influenced ]',
      ].join('\n'),
    );
    expect((await applyProgram(ctx, fresh.text)).changes).toEqual([]);
    expect(await savedRow(programId!)).toBeUndefined();

    // saved through the API, attributions in their own order
    await putDealSettings(
      ctx,
      programId!,
      throughApi({
        approvalSlaDays: 10,
        protectionDays: 0,
        extensionDays: 365,
        autoApprove: true,
        autoApproveBelow: 1,
      }),
    );
    const exported = await exportProgram(ctx, programId!);
    expect(exported.text).toContain('  approval_sla_days: 10\n  protection_days: 0\n  extension_days: 365\n');
    expect((await planProgram(ctx, exported.text)).changes).toEqual([]);
    expect((await applyProgram(ctx, exported.text)).changes).toEqual([]);
    expect(await settingsAudit(programId!)).toHaveLength(1);
  });

  it('refuses a bad setting at its path in the file, and writes nothing', async () => {
    const ctx = env.ctx(admin);
    const text = programText(withDeals('deals-e', { approval_sla_days: 0, auto_approve: { below_amount: 0 } }));
    const error = await applyProgram(ctx, text).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error!.errors.map((e) => e.field)).toEqual([
      'deal_registration.approval_sla_days',
      'deal_registration.auto_approve.below_amount',
    ]);
    expect(error!.errors[0]!.message).toMatch(/\(line \d+, column \d+\)$/);
    expect((await planProgram(ctx, programText(withDeals('deals-e')))).programId).toBeNull();
  });

  it('is in the JSON Schema the API serves', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/schemas/program.json' });
    const schema = res.json() as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(schema.properties.deal_registration!.properties!)).toEqual([
      'approval_sla_days',
      'protection_days',
      'extension_days',
      'auto_approve',
    ]);
  });

  it('applies through the system actor of the command line too', async () => {
    const ctx = env.ctx(systemActor('cli'));
    const { programId } = await applyProgram(ctx, programText(withDeals('deals-f', { extension_days: 0 })));
    expect((await getDealSettings(env.ctx(admin), programId!)).extensionDays).toBe(0);
  });
});
