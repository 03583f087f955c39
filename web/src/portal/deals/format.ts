import type { Attribution, Deal, DealStatus } from '../../api/deals';
import { formatMoney } from '../../admin/programs/money';

/** Statuses in the partner's words: a conflict is a registration a channel manager still has to look at. */
export const DEAL_STATUS_LABELS: Record<DealStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  conflict: 'Needs review',
  approved: 'Approved',
  protected: 'Protected',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  won: 'Won',
  lost: 'Lost',
};

export const ATTRIBUTION_LABELS: Record<Attribution, string> = {
  sourced: 'Sourced',
  influenced: 'Influenced',
};

/** Protection ending within this many days is pointed out (the server mails a reminder at the same point). */
export const ENDING_SOON_DAYS = 7;
const DAY_MS = 86_400_000;

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A calendar day ("2026-03-01") as the reader writes dates; read in UTC so it never slips to the day before. */
export const formatDay = (day: string | null): string => (day ? dayFormat.format(new Date(`${day}T00:00:00Z`)) : '—');

/** The date of an instant, in the reader's time zone. */
export const formatDate = (iso: string | null): string => (iso ? dateFormat.format(new Date(iso)) : '—');

/** Whole days from now until `iso`, rounded up (0 once it has passed). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / DAY_MS));
}

export const daysText = (n: number) => (n === 0 ? 'ends today' : n === 1 ? '1 day left' : `${n} days left`);

/** When protection of a protected registration ends within the warning window, the days left; else null. */
export function endingSoon(deal: Pick<Deal, 'status' | 'protectedUntil'>, now = Date.now()): number | null {
  if (deal.status !== 'protected' || !deal.protectedUntil) return null;
  const left = daysUntil(deal.protectedUntil, now);
  return left <= ENDING_SOON_DAYS ? left : null;
}

/** An amount in minor units of its currency, or a dash. */
export const moneyText = (minor: number | null, currency: string) =>
  minor === null ? '—' : formatMoney(minor, currency);

/** "DR-12 (Contoso)": how a registration is named in sentences. */
export const dealName = (deal: Pick<Deal, 'reference' | 'customerName'>) => `${deal.reference} (${deal.customerName})`;

/** Today as the API writes a calendar day, in the reader's time zone. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The form's name for each field the API may find fault with. */
export const FIELD_LABELS: Record<string, string> = {
  programId: 'Program',
  customerName: 'Company name',
  customerDomain: 'Web domain',
  customerCountry: 'Country',
  contactName: 'Contact name',
  contactEmail: 'Contact email',
  contactPhone: 'Contact phone',
  contactTitle: 'Contact title',
  productIds: 'Products',
  amount: 'Estimated amount',
  expectedCloseDate: 'Expected close date',
  attribution: 'Your part in it',
  notes: 'Notes',
};

/** What a submission came to, in a sentence for the notification that follows it. */
export function submittedMessage(deal: Pick<Deal, 'reference' | 'status' | 'protectedUntil'>): {
  color: string;
  message: string;
} {
  if (deal.status === 'conflict')
    return {
      color: 'yellow',
      message: `${deal.reference} is registered and needs review: another registration or account covers this customer. Your registration is kept and a channel manager will review it.`,
    };
  if (deal.status === 'protected')
    return {
      color: 'green',
      message: `${deal.reference} is approved and protected until ${formatDate(deal.protectedUntil)}.`,
    };
  if (deal.status === 'approved') return { color: 'green', message: `${deal.reference} is approved.` };
  return { color: 'green', message: `${deal.reference} is registered and waits for a channel manager’s review.` };
}

/** A random UUID (version 4) for an Idempotency-Key, also where `crypto.randomUUID` is missing (plain http). */
export function randomUuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
