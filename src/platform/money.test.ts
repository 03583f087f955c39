import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, isCurrency, MAX_MINOR_UNITS, minorDigits } from './money.js';

/** Reads a formatted amount back into minor units, digits only: what a person would read off the screen. */
const readBack = (text: string) => Number(text.replace(/[^0-9-]/g, ''));

describe('money', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KWD', 3],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(isCurrency(currency)).toBe(true);
    expect(minorDigits(currency)).toBe(digits);
  });

  it.each(['usd', 'XXXX', 'ABC', ''])('%j is not a currency', (code) => {
    expect(isCurrency(code)).toBe(false);
  });

  it('formats every amount exactly, whatever its size and currency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_MINOR_UNITS }),
        fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'CHF'),
        (minor, currency) => {
          expect(readBack(formatMoney(minor, currency))).toBe(minor);
        },
      ),
    );
  });
});
