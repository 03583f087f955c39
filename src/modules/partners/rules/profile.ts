/** The vocabulary of a partner's profile; lists here are what the console and the CSV import accept. */
export const PARTNER_STATUSES = ['prospect', 'onboarding', 'active', 'inactive', 'churned'] as const;
export const PARTNER_TYPES = [
  'reseller',
  'distributor',
  'referral',
  'affiliate',
  'msp',
  'system_integrator',
  'technology',
  'consulting',
  'agency',
  'marketplace',
] as const;
export const REGIONS = [
  'north_america',
  'latin_america',
  'europe',
  'middle_east',
  'africa',
  'asia_pacific',
  'oceania',
] as const;
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+'] as const;

/** Countries by ISO 3166-1 alpha-2 code, as the runtime knows them. */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** Codes the runtime names but which are not countries (unions, the UN, private-use codes). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
export const isCountry = (code: string): boolean => {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  try {
    // retired codes (DD, SU, YU…) are aliases of today's countries, not countries of their own
    if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) return false;
    const name = regionNames.of(code);
    return name !== code && name !== 'Unknown Region';
  } catch {
    return false;
  }
};

/** The fields a partner admin may change on its own profile; the rest is the vendor's. */
export const PARTNER_EDITABLE = [
  'name',
  'legalName',
  'website',
  'country',
  'regions',
  'industries',
  'companySize',
] as const;
