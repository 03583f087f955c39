/**
 * Money is integer minor units with an ISO 4217 currency, never a float. This is the one place that knows how
 * many minor digits a currency has and how to show an amount.
 */
const KNOWN = new Set(Intl.supportedValuesOf('currency'));

export const isCurrency = (code: string): boolean => /^[A-Z]{3}$/.test(code) && KNOWN.has(code);

/** Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The largest amount we accept anywhere: fits a bigint column and stays exact as a JavaScript number. */
export const MAX_MINOR_UNITS = 1_000_000_000_000_000;

/** Formats minor units exactly (string arithmetic, no float division). */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const major = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  const formatted = new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    // Intl accepts decimal strings and formats them without going through a binary float
    `${negative ? '-' : ''}${major}` as unknown as number,
  );
  return formatted;
}
