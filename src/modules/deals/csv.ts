import { writeCsv } from '../../platform/csv.js';
import { minorDigits } from '../../platform/money.js';
import type { DealView } from './contracts.js';

export const DEAL_CSV_COLUMNS = [
  'reference',
  'status',
  'partner',
  'program',
  'customer',
  'domain',
  'country',
  'attribution',
  'currency',
  'amount',
  'expected_close',
  'won_amount',
  'close_date',
  'products',
  'owner',
  'channel_manager',
  'submitted_at',
  'sla_due_at',
  'overdue',
  'protected_until',
  'extension',
  'lost_reason',
] as const;

/** Minor units as a decimal in the currency's own digits: 4800000 USD → 48000.00 (exact, no floats). */
export function decimalAmount(minor: number | null, currency: string): string {
  if (minor === null) return '';
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** An amount as the deal mails write it: 4800000 USD → "48000.00 USD". */
export const amountText = (minor: number | null, currency: string): string =>
  `${decimalAmount(minor, currency)} ${currency}`;

// a spreadsheet runs a cell that starts like a formula: people's text never should
const cell = (text: string | null) => {
  const value = text ?? '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
};

export function writeDealCsv(items: DealView[]): string {
  return writeCsv(
    DEAL_CSV_COLUMNS,
    items.map((d) => [
      d.reference,
      d.status,
      cell(d.partnerName),
      cell(d.programName),
      cell(d.customerName),
      d.customerDomain ?? '',
      d.customerCountry ?? '',
      d.attribution,
      d.currency,
      decimalAmount(d.amount, d.currency),
      d.expectedCloseDate ?? '',
      decimalAmount(d.wonAmount, d.currency),
      d.closeDate ?? '',
      cell(d.products.map((p) => p.title).join('; ')),
      cell(d.ownerName),
      cell(d.camName),
      d.submittedAt ?? '',
      d.slaDueAt ?? '',
      d.overdue ? 'yes' : 'no',
      d.protectedUntil ?? '',
      d.extension.status,
      cell(d.lostReason),
    ]),
  );
}
