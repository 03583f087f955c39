/** The profile fields a complete partner profile has filled in (what the "complete the profile" step asks). */
export type ProfileFields = {
  legalName: string;
  website: string;
  country: string | null;
  regions: readonly string[];
  partnerTypes: readonly string[];
  industries: readonly string[];
  companySize: string | null;
};

/** The fields still missing, in the order the portal's company page shows them. */
export function missingProfileFields(p: ProfileFields): (keyof ProfileFields)[] {
  const missing: (keyof ProfileFields)[] = [];
  if (!p.legalName.trim()) missing.push('legalName');
  if (!p.website.trim()) missing.push('website');
  if (!p.country) missing.push('country');
  if (p.regions.length === 0) missing.push('regions');
  if (p.partnerTypes.length === 0) missing.push('partnerTypes');
  if (p.industries.length === 0) missing.push('industries');
  if (!p.companySize) missing.push('companySize');
  return missing;
}

export const profileComplete = (p: ProfileFields): boolean => missingProfileFields(p).length === 0;
