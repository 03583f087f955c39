import { COMPANY_SIZES, PARTNER_TYPES, REGIONS } from '../../partners/rules/profile.js';

/** The partner vocabulary in plain English, for the public form and the words of eligibility rules. */
const REGION_LABELS: Record<(typeof REGIONS)[number], string> = {
  north_america: 'North America',
  latin_america: 'Latin America',
  europe: 'Europe',
  middle_east: 'Middle East',
  africa: 'Africa',
  asia_pacific: 'Asia Pacific',
  oceania: 'Oceania',
};
const TYPE_LABELS: Record<(typeof PARTNER_TYPES)[number], string> = {
  reseller: 'Reseller',
  distributor: 'Distributor',
  referral: 'Referral partner',
  affiliate: 'Affiliate',
  msp: 'Managed service provider (MSP)',
  system_integrator: 'System integrator',
  technology: 'Technology partner',
  consulting: 'Consulting',
  agency: 'Agency',
  marketplace: 'Marketplace',
};

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

export const countryLabel = (code: string): string => {
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
};
export const regionLabel = (r: string): string => REGION_LABELS[r as keyof typeof REGION_LABELS] ?? r;
export const typeLabel = (t: string): string => TYPE_LABELS[t as keyof typeof TYPE_LABELS] ?? t;
export const sizeLabel = (s: string): string => `${s} employees`;

/** "a", "a or b", "a, b or c". */
export function anyOf(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** The choices of the public form's fields, with their labels. */
export const vocabularies = () => ({
  regions: REGIONS.map((value) => ({ value, label: regionLabel(value) })),
  partnerTypes: PARTNER_TYPES.map((value) => ({ value, label: typeLabel(value) })),
  companySizes: COMPANY_SIZES.map((value) => ({ value, label: sizeLabel(value) })),
});
