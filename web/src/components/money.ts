/**
 * Money in the web app: the API speaks integer minor units of a currency; people read and type major units.
 * Conversions work on decimal strings, never through a binary float.
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

/** Minor units → a plain major-unit decimal string: 100000 USD → "1000.00", 5 JPY → "5". */
export function minorToMajor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = Math.abs(Math.trunc(minor))
    .toString()
    .padStart(digits + 1, '0');
  const major = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return negative ? `-${major}` : major;
}

/** Minor units → "$1,000.00". */
export function formatMoney(minor: number, currency: string): string {
  try {
    // Intl formats a decimal string exactly, without going through a float
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(
      minorToMajor(minor, currency) as unknown as number,
    );
  } catch {
    return `${minorToMajor(minor, currency)} ${currency}`;
  }
}

export type MoneyParse = { ok: true; minor: number } | { ok: false; message: string };

/**
 * A major-unit amount as typed ("1,000.5", "$1000", "1 000.00") → whole minor units, exactly. Negative amounts
 * and more decimals than the currency has are refused.
 */
export function majorToMinor(input: string, currency: string): MoneyParse {
  const digits = minorDigits(currency);
  const text = input.replace(currencySymbol(currency), '').replace(/[\s,_']/g, '');
  if (text.startsWith('-')) return { ok: false, message: 'Must not be negative' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === '' && !match[2])) return { ok: false, message: 'Enter an amount, e.g. 1,000.00' };
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return {
      ok: false,
      message: digits ? `Use at most ${digits} decimal${digits === 1 ? '' : 's'}` : `${currency} has no decimals`,
    };
  }
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}` || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, message: 'The amount is too large' };
  return { ok: true, minor };
}
