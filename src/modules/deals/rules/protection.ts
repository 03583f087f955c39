import type { ExtensionStatus } from './lifecycle.js';

const DAY_MS = 86_400_000;
/** Partners are mailed this many days before protection ends. */
export const EXPIRY_WARNING_DAYS = 7;

/** The tier's `deal_protection_days` when it has one, else the program's default. */
export function protectionDaysFor(tierValue: number | null | undefined, programDefault: number): number {
  return typeof tierValue === 'number' && Number.isInteger(tierValue) && tierValue >= 0 ? tierValue : programDefault;
}

export const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);

/** Whether the week-before mail is due: protected, not warned yet, ending within the warning window. */
export function needsExpiryWarning(
  deal: { protectedUntil: Date | null; expiryWarnedAt: Date | null },
  now: Date,
): boolean {
  if (!deal.protectedUntil || deal.expiryWarnedAt) return false;
  return deal.protectedUntil.getTime() > now.getTime() && deal.protectedUntil <= addDays(now, EXPIRY_WARNING_DAYS);
}

export type ExtensionCheck = { ok: true } | { ok: false; message: string };

/** A partner asks once for an extension, while protected, in a program that grants them. */
export function checkExtensionRequest(
  deal: { status: string; extensionStatus: ExtensionStatus },
  extensionDays: number,
): ExtensionCheck {
  if (deal.status !== 'protected') return { ok: false, message: 'only a protected registration can be extended' };
  if (extensionDays <= 0) return { ok: false, message: 'this program grants no extensions' };
  if (deal.extensionStatus !== 'none') return { ok: false, message: 'an extension can be asked for once' };
  return { ok: true };
}

/** The channel manager answers a pending request while the registration is still protected. */
export function checkExtensionDecision(deal: { status: string; extensionStatus: ExtensionStatus }): ExtensionCheck {
  if (deal.extensionStatus !== 'requested') return { ok: false, message: 'no extension is waiting for an answer' };
  if (deal.status !== 'protected') return { ok: false, message: 'the registration is no longer protected' };
  return { ok: true };
}
