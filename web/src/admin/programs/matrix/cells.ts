import type { BenefitValue, Matrix, ValueType } from '../../../api/programs';
import { currencySymbol, formatMajor, parseMajor } from '../money';
import { VALUE_TYPE_LABELS } from '../labels';

/**
 * What a matrix cell's input holds while it is being edited: booleans as true/false, everything else as the
 * text typed (money in major units). null, or an empty text, means "not awarded".
 */
export type Draft = boolean | string | null;

export const cellKey = (tierId: string, benefitId: string): string => `${tierId}:${benefitId}`;

/** The matrix's values by cell key. */
export function valuesByCell(matrix: Matrix): Map<string, Matrix['values'][number]> {
  return new Map(matrix.values.map((v) => [cellKey(v.tierId, v.benefitId), v]));
}

/** A stored value as its input shows it. */
export function toDraft(type: ValueType, value: BenefitValue | undefined, currency: string): Draft {
  if (value === undefined) return type === 'boolean' ? null : '';
  switch (type) {
    case 'boolean':
      return value === true;
    case 'money':
      // plain digits for the input, which groups them itself
      return typeof value === 'number' ? formatMajor(value, currency).replace(/,/g, '') : String(value);
    case 'percent':
    case 'quantity':
    case 'days':
    case 'text':
      return String(value);
  }
}

export type Parsed = { ok: true; value: BenefitValue | null } | { ok: false; message: string };

/**
 * A draft as the API wants it (null clears the cell). Only the shape is checked here; the ranges (0–100, at
 * most 500 characters, …) are the server's to rule on, so its messages show on the cell.
 */
export function parseDraft(type: ValueType, draft: Draft, currency: string): Parsed {
  if (draft === null) return { ok: true, value: null };
  if (type === 'boolean') return { ok: true, value: draft === true };
  const text = String(draft).trim();
  if (text === '') return { ok: true, value: null };
  switch (type) {
    case 'money': {
      const money = parseMajor(text.replace(currencySymbol(currency), ''), currency);
      return money.ok ? { ok: true, value: money.minor } : { ok: false, message: money.message };
    }
    case 'percent': {
      const n = Number(text.replace(/%$/, '').replace(/,/g, ''));
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: 'Enter a percentage, e.g. 12.5' };
    }
    case 'quantity':
    case 'days': {
      const n = Number(text.replace(/,/g, ''));
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: 'Enter a whole number' };
    }
    case 'text':
      return { ok: true, value: String(draft) };
  }
}

/** A hint under the benefit's name: what kind of value its cells take. */
export function valueTypeHint(type: ValueType, currency: string): string {
  if (type !== 'money') return VALUE_TYPE_LABELS[type];
  const symbol = currencySymbol(currency);
  return `${VALUE_TYPE_LABELS.money} (${symbol === currency ? currency : `${symbol}, ${currency}`})`;
}
