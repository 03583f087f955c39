import { normalizeDomain } from '../../partners/rules/domain.js';

/**
 * Duplicate applications: a company is recognised by its website's normalized domain, so the same site written
 * another way (case, scheme, `www.`, port, path, trailing dot) is the same company, while another subdomain or
 * another registrable domain is not — exactly as far as `normalizeDomain` goes and no further.
 */
export const companyDomain = (website: string): string | null => normalizeDomain(website);

export function sameCompany(a: string, b: string): boolean {
  const x = companyDomain(a);
  return x !== null && x === companyDomain(b);
}

/** The application an incoming one duplicates: the earliest earlier one from the same domain (any program). */
export function earliestDuplicate<T extends { id: string; domain: string; createdAt: Date }>(
  earlier: readonly T[],
  domain: string,
): T | null {
  const same = earlier.filter((a) => a.domain === domain);
  same.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return same[0] ?? null;
}
