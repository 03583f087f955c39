import { z } from 'zod';
import { requireAccess } from '../../platform/access/require-access.js';
import { parseInput } from '../../platform/validation.js';
import { type ProgramFileSection, registerProgramFileSection } from '../programs/file/sections.js';
import { dealSettingsBody, type DealSettingsInput } from './contracts.js';
import { ATTRIBUTIONS, type Attribution } from './rules/lifecycle.js';
import {
  DEFAULT_DEAL_SETTINGS as DEFAULTS,
  type DealSettingsRow,
  saveDealSettings,
  settingsFor,
} from './settings.service.js';

/** The settings API's own field schemas (its rules and limits), under the names the program file gives them. */
const api = dealSettingsBody.shape;

/** Where each field of the settings API sits in the file's section, for problems found on the whole settings. */
const FILE_PATHS: Record<keyof DealSettingsInput, string[]> = {
  approvalSlaDays: ['approval_sla_days'],
  protectionDays: ['protection_days'],
  extensionDays: ['extension_days'],
  autoApprove: ['auto_approve', 'enabled'],
  autoApproveBelow: ['auto_approve', 'below_amount'],
  autoApproveAttributions: ['auto_approve', 'attributions'],
};

// attributions are a set: one order everywhere, so writing them in another order is no change
const inAttributionOrder = (list: readonly Attribution[]): Attribution[] =>
  ATTRIBUTIONS.filter((a) => list.includes(a));

/** A program's deal registration settings in the program file; a field left out has the settings' default. */
export const dealRegistrationSchema = z
  .object({
    approval_sla_days: api.approvalSlaDays
      .default(DEFAULTS.approvalSlaDays)
      .describe('Business days (Monday–Friday) a channel manager has to decide a submitted registration'),
    protection_days: api.protectionDays
      .default(DEFAULTS.protectionDays)
      .describe('Days an approval protects when the partner’s tier has no deal_protection_days value; 0 = no end'),
    extension_days: api.extensionDays
      .default(DEFAULTS.extensionDays)
      .describe('Days one granted extension adds; 0 = the program grants none'),
    auto_approve: z
      .object({
        enabled: api.autoApprove
          .default(DEFAULTS.autoApprove)
          .describe('Approve a submission without a conflict at once'),
        below_amount: api.autoApproveBelow
          .default(DEFAULTS.autoApproveBelow)
          .describe('Only below this estimated amount, in minor units of the program’s currency; null = any amount'),
        attributions: api.autoApproveAttributions
          .transform(inAttributionOrder)
          .default([...DEFAULTS.autoApproveAttributions])
          .describe('Only registrations of these attributions'),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  // once each field passed, the whole settings pass the API's checks too, so a rule across fields holds here
  .superRefine(
    (file, ctx) => {
      for (const issue of dealSettingsBody.safeParse(settingsOf(file)).error?.issues ?? []) {
        const [field, ...rest] = issue.path;
        const path = FILE_PATHS[field as keyof DealSettingsInput] ?? [];
        ctx.addIssue({ code: 'custom', path: [...path, ...rest], message: issue.message });
      }
    },
    { when: ({ issues }) => issues.length === 0 },
  );
export type DealRegistration = z.output<typeof dealRegistrationSchema>;

/** The section's data as the settings API takes it. */
export const settingsOf = (file: DealRegistration): DealSettingsInput => ({
  approvalSlaDays: file.approval_sla_days,
  protectionDays: file.protection_days,
  extensionDays: file.extension_days,
  autoApprove: file.auto_approve.enabled,
  autoApproveBelow: file.auto_approve.below_amount,
  autoApproveAttributions: file.auto_approve.attributions,
});

/** A program's settings (saved, or the defaults it runs on) as the section writes them. */
export const sectionOf = (row: Omit<DealSettingsRow, 'programId' | 'updatedAt'>): DealRegistration => ({
  approval_sla_days: row.approvalSlaDays,
  protection_days: row.protectionDays,
  extension_days: row.extensionDays,
  auto_approve: {
    enabled: row.autoApprove,
    below_amount: row.autoApproveBelow,
    attributions: inAttributionOrder(row.autoApproveAttributions as Attribution[]),
  },
});

export const dealRegistrationSection: ProgramFileSection<DealRegistration> = {
  name: 'deal_registration',
  schema: dealRegistrationSchema,
  comment: 'Deal registration: approval SLA in business days, default protection and extension days, auto-approval.',
  read: async (tx, programId) => sectionOf(await settingsFor(tx, programId)),
  async write(tx, ctx, programId, to) {
    // the program file is another door to the settings: the same permission and checks as the settings API
    requireAccess(ctx.actor, 'deal.configure');
    await saveDealSettings(tx, ctx, programId, parseInput(dealSettingsBody, settingsOf(to)));
  },
};

/** Makes deal registration settings part of the program file; called where the modules are wired at start-up. */
export function registerDealProgramFile(): void {
  registerProgramFileSection(dealRegistrationSection);
}
