import { formatMoney, MAX_MINOR_UNITS } from '../../../platform/money.js';
import { hasTwoDecimalsAtMost } from './criteria.js';

export const VALUE_TYPES = ['boolean', 'percent', 'money', 'quantity', 'days', 'text'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/**
 * A benefit value as people and files write it: boolean → true/false, percent → 0–100 with at most two
 * decimals, money → whole minor units of the program currency, quantity and days → whole and non-negative,
 * text → up to 500 characters.
 */
export type BenefitValue = boolean | number | string;

export const MAX_TEXT_VALUE = 500;
const MAX_WHOLE = 1_000_000_000;

/** The reason a value does not fit its type, or null when it does. */
export function valueProblem(type: ValueType, value: unknown): string | null {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'percent':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a percentage (a number from 0 to 100)';
      if (value < 0 || value > 100) return 'must be between 0 and 100';
      return hasTwoDecimalsAtMost(value) ? null : 'must have at most two decimals';
    case 'money':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return 'must be whole minor units of the program currency';
      return value < 0 || value > MAX_MINOR_UNITS ? `must be between 0 and ${MAX_MINOR_UNITS}` : null;
    case 'quantity':
    case 'days':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
      return value < 0 || value > MAX_WHOLE ? `must be between 0 and ${MAX_WHOLE}` : null;
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') return 'must be a non-empty text';
      return value.length > MAX_TEXT_VALUE ? `must be at most ${MAX_TEXT_VALUE} characters` : null;
  }
}

/**
 * Stored form: percentages as basis points (integer hundredths of a percent) so no float is ever stored;
 * everything else as written.
 */
export const toStored = (type: ValueType, value: BenefitValue): BenefitValue =>
  type === 'percent' ? Math.round((value as number) * 100) : type === 'text' ? (value as string).trim() : value;

export const fromStored = (type: ValueType, stored: BenefitValue): BenefitValue =>
  type === 'percent' ? (stored as number) / 100 : stored;

/** How a value reads in the console, the portal and the graph. */
export function formatValue(type: ValueType, value: BenefitValue, currency: string): string {
  switch (type) {
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'percent':
      return `${value}%`;
    case 'money':
      return formatMoney(value as number, currency);
    case 'days':
      return value === 1 ? '1 day' : `${value} days`;
    case 'quantity':
      return String(value);
    case 'text':
      return String(value);
  }
}
