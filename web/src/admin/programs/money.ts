/**
 * Money in the UI: people type major units ("10,000.00"), the API takes integer minor units of the program
 * currency. Conversions go through strings and integers only, never through a float multiplication.
 */

/** Digits after the decimal point: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The currency's symbol as English text shows it ("$", "€", "¥", "KWD"). */
export function currencySymbol(currency: string): string {
  try {
    const parts = new Intl.NumberFormat('en', { style: 'currency', currency }).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

/** The largest amount the API accepts (it stays exact as a JavaScript number). */
export const MAX_MINOR_UNITS = 1_000_000_000_000_000;

export type ParsedMoney = { ok: true; minor: number } | { ok: false; message: string };

/** "10,000.50" in USD → 1000050. Commas, spaces and underscores group digits; "." is the decimal point. */
export function parseMajor(text: string, currency: string): ParsedMoney {
  const digits = minorDigits(currency);
  const cleaned = text.trim().replace(/[,\s_]/g, '');
  if (cleaned === '') return { ok: false, message: 'Enter an amount' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    return {
      ok: false,
      message: `Enter an amount in ${currency}, like ${formatMajor(10_000 * 10 ** digits, currency)}`,
    };
  }
  const whole = match[1] ?? '';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) {
    return {
      ok: false,
      message: digits === 0 ? `${currency} has no minor units` : `${currency} has at most ${digits} decimals`,
    };
  }
  const minorText = `${whole}${fraction.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '') || '0';
  if (minorText.length > String(MAX_MINOR_UNITS).length || Number(minorText) > MAX_MINOR_UNITS) {
    return { ok: false, message: 'This amount is too large' };
  }
  return { ok: true, minor: Number(minorText) };
}

/** 1000050 in USD → "10,000.50" (no currency symbol; for inputs and plain text). */
export function formatMajor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = Math.abs(Math.trunc(minor))
    .toString()
    .padStart(digits + 1, '0');
  const whole = digits ? text.slice(0, -digits) : text;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${digits ? `.${text.slice(-digits)}` : ''}`;
}

/** 1000050 in USD → "10,000.50 USD": exact, with the currency code; the console's form, where currencies mix. */
export function formatAmount(minor: number | null | undefined, currency: string): string {
  return minor === null || minor === undefined ? '—' : `${formatMajor(minor, currency)} ${currency}`;
}

/** 4800050 in USD → "$48,000.50": the portal's form, in the reader's locale, never through a float. */
export function formatMoney(minor: number, currency: string): string {
  const plain = formatMajor(minor, currency).replace(/,/g, '');
  try {
    // Intl formats a decimal string exactly, digit for digit
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(plain as unknown as number);
  } catch {
    return `${formatMajor(minor, currency)} ${currency}`;
  }
}
