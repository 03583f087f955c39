import { describe, expect, it } from 'vitest';
import { isCountry } from './profile.js';

describe('countries', () => {
  it.each([
    ['DE', true],
    ['GB', true],
    ['XK', true],
    ['de', false],
    ['DD', false], // East Germany: now DE
    ['SU', false], // Soviet Union: now RU
    ['YU', false],
    ['UK', false], // an alias of GB
    ['ZZ', false],
    ['EU', false], // a union, not a country
    ['UN', false],
    ['DEU', false],
  ])('%s is a country: %s', (code, expected) => {
    expect(isCountry(code)).toBe(expected);
  });
});
