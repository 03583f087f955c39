import { inArray } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { loadProgram } from '../programs/programs.service.js';
import { dealSettingsBody, type DealSettings, type DealSettingsInput, type DealSettingsView } from './contracts.js';
import type { Attribution } from './rules/lifecycle.js';
import { dealSettings } from './schema.js';

export type DealSettingsRow = Omit<typeof dealSettings.$inferSelect, 'updatedAt'> & { updatedAt: Date | null };

/** What a program without saved settings runs on. */
export const DEFAULT_DEAL_SETTINGS = {
  approvalSlaDays: 2,
  protectionDays: 60,
  extensionDays: 30,
  autoApprove: false,
  autoApproveBelow: null,
  autoApproveAttributions: ['sourced', 'influenced'],
} as const;

/** For the module: programs' settings, defaults filled in for programs that never saved any. */
export async function settingsOf(tx: Tx, programIds: string[]): Promise<Map<string, DealSettingsRow>> {
  const ids = [...new Set(programIds)];
  const rows = ids.length ? await tx.select().from(dealSettings).where(inArray(dealSettings.programId, ids)) : [];
  const saved = new Map(rows.map((r) => [r.programId, r]));
  return new Map(
    ids.map((id) => [
      id,
      saved.get(id) ?? {
        programId: id,
        ...DEFAULT_DEAL_SETTINGS,
        autoApproveAttributions: [...DEFAULT_DEAL_SETTINGS.autoApproveAttributions],
        updatedAt: null,
      },
    ]),
  );
}

export async function settingsFor(tx: Tx, programId: string): Promise<DealSettingsRow> {
  return (await settingsOf(tx, [programId])).get(programId)!;
}

function settingsView(row: DealSettingsRow, currency: string): DealSettingsView {
  return {
    programId: row.programId,
    currency,
    approvalSlaDays: row.approvalSlaDays,
    protectionDays: row.protectionDays,
    extensionDays: row.extensionDays,
    autoApprove: row.autoApprove,
    autoApproveBelow: row.autoApproveBelow,
    autoApproveAttributions: row.autoApproveAttributions as Attribution[],
    updatedAt: row.updatedAt ? row.updatedAt.toISOString() : null,
  };
}

export async function getDealSettings(ctx: Ctx, programId: string): Promise<DealSettingsView> {
  requireAccess(ctx.actor, 'program.read');
  return read(ctx, async (tx) => {
    const program = await loadProgram(tx, programId);
    return settingsView(await settingsFor(tx, programId), program.currency);
  });
}

export async function putDealSettings(ctx: Ctx, programId: string, raw: DealSettingsInput): Promise<DealSettingsView> {
  requireAccess(ctx.actor, 'deal.configure');
  const input = parseInput(dealSettingsBody, raw);
  return write(ctx, 'deals.settings', (tx) => saveDealSettings(tx, ctx, programId, input));
}

/** Saves checked settings in the caller's transaction, audited: the settings API and an applied program file. */
export async function saveDealSettings(
  tx: Tx,
  ctx: Ctx,
  programId: string,
  input: DealSettings,
): Promise<DealSettingsView> {
  const program = await loadProgram(tx, programId);
  const before = settingsView(await settingsFor(tx, programId), program.currency);
  const [row] = await tx
    .insert(dealSettings)
    .values({ programId, ...input, updatedAt: new Date() })
    .onConflictDoUpdate({ target: dealSettings.programId, set: { ...input, updatedAt: new Date() } })
    .returning();
  const after = settingsView(row!, program.currency);
  await recordChange(tx, ctx, {
    action: 'deal_settings.updated',
    objectType: 'program',
    objectId: programId,
    partnerId: null,
    before,
    after,
  });
  return after;
}
