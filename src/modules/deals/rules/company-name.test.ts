import { describe, expect, it } from 'vitest';
import { normalizeCompanyName } from './company-name.js';

describe('company names for conflict matching', () => {
  // the same company, written as partners write it
  it.each([
    ['Acme Inc.', 'Acme'],
    ['ACME, INC', 'Acme'],
    ['acme incorporated', 'acme'],
    ['Acme Corp', 'Acme'],
    ['Acme Corporation', 'Acme'],
    ['Acme Ltd', 'Acme'],
    ['Acme Limited', 'Acme'],
    ['Acme LLC', 'Acme'],
    ['Acme, L.L.C.', 'Acme'],
    ['Müller GmbH', 'Muller'],
    ['Mueller GmbH & Co. KG', 'Mueller'],
    ['Société Générale S.A.', 'Societe Generale'],
    ['Philips N.V.', 'Philips'],
    ['Ahold Delhaize BV', 'Ahold Delhaize'],
    ['Nokia Oyj', 'Nokia'],
    ['Atlassian Pty Ltd', 'Atlassian'],
    ['Toyota K.K.', 'Toyota'],
    ['Acme Holding Co. Ltd.', 'Acme Holding'],
    ['The Home Depot, Inc.', 'Home Depot'],
    ['Procter & Gamble Co', 'Procter and Gamble'],
    ['  Procter  and   Gamble ', 'Procter & Gamble'],
    ['Fiat S.p.A.', 'Fiat'],
    ['Telefónica, S.A.', 'Telefonica'],
  ])('%s is the same company as %s', (a, b) => {
    expect(normalizeCompanyName(a)).toBe(normalizeCompanyName(b));
  });

  // near misses that must stay different companies
  it.each([
    ['Acme', 'Acne'],
    ['Acme Inc', 'Acme Industries Inc'],
    ['American Airlines', 'American Express'],
    ['Delta Air Lines', 'Delta Dental'],
    ['The Company', 'Company Group'],
  ])('%s is not %s', (a, b) => {
    expect(normalizeCompanyName(a)).not.toBe(normalizeCompanyName(b));
  });

  // a legal form alone, or a name that is only a legal form, is kept rather than emptied
  it.each([
    ['Limited', 'limited'],
    ['The Company', 'company'],
    ['Inc.', 'inc'],
    ['S.A.', 's a'],
    ['The', 'the'],
    ['***', ''],
  ])('%s keeps %j', (name, expected) => {
    expect(normalizeCompanyName(name)).toBe(expected);
  });
});
