import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { partnerRefs, partnersByDomain } from '../partners/service.js';
import { programRefs } from '../programs/refs.js';
import type { ApplicationDetailView, ApplicationView } from './contracts.js';
import { applications } from './schema.js';

export type ApplicationRow = typeof applications.$inferSelect;

const ref = (map: Map<string, { id: string; name: string }>, id: string | null) => {
  const found = id ? map.get(id) : undefined;
  return found ? { id: found.id, name: found.name } : null;
};

/**
 * Views of applications. An application still waiting shows the partner its domain matches now, not only at
 * submission, so a company approved meanwhile is offered instead of a second one.
 */
export async function applicationViews(tx: Tx, rows: ApplicationRow[]): Promise<ApplicationView[]> {
  const programs = await programRefs(
    tx,
    rows.map((r) => r.programId),
  );
  const duplicateIds = rows.map((r) => r.duplicateOfId).filter((x): x is string => x !== null);
  const duplicates = new Map(
    duplicateIds.length
      ? (
          await tx
            .select({
              id: applications.id,
              companyName: applications.companyName,
              status: applications.status,
              createdAt: applications.createdAt,
            })
            .from(applications)
            .where(inArray(applications.id, duplicateIds))
        ).map((d) => [d.id, { ...d, createdAt: d.createdAt.toISOString() }])
      : [],
  );
  const live = await partnersByDomain(
    tx,
    rows.filter((r) => r.status === 'received').map((r) => r.domain),
  );
  const partners = await partnerRefs(
    tx,
    rows.flatMap((r) => [r.matchedPartnerId, r.partnerId]),
  );
  return rows.map((r) => ({
    id: r.id,
    programId: r.programId,
    programName: programs.get(r.programId)?.name ?? '',
    companyName: r.companyName,
    website: r.website,
    domain: r.domain,
    country: r.country,
    regions: r.regions,
    partnerTypes: r.partnerTypes,
    industries: r.industries,
    companySize: r.companySize,
    contactName: r.contactName,
    contactEmail: r.contactEmail,
    message: r.message,
    score: r.score,
    eligible: r.eligible,
    eligibility: r.eligibility,
    status: r.status,
    duplicateOf: (r.duplicateOfId && duplicates.get(r.duplicateOfId)) || null,
    matchedPartner:
      ref(partners, r.matchedPartnerId) ?? (r.status === 'received' ? (live.get(r.domain) ?? null) : null),
    partner: ref(partners, r.partnerId),
    reviewReason: r.reviewReason,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** One application with the other applications from its domain. */
export async function applicationDetail(tx: Tx, row: ApplicationRow): Promise<ApplicationDetailView> {
  const [view] = await applicationViews(tx, [row]);
  const others = await tx
    .select({
      id: applications.id,
      companyName: applications.companyName,
      programId: applications.programId,
      status: applications.status,
      createdAt: applications.createdAt,
    })
    .from(applications)
    .where(and(eq(applications.domain, row.domain), ne(applications.id, row.id)))
    .orderBy(asc(applications.createdAt), asc(applications.id))
    .limit(50);
  const programs = await programRefs(
    tx,
    others.map((o) => o.programId),
  );
  return {
    ...view!,
    sameDomain: others.map((o) => ({
      id: o.id,
      companyName: o.companyName,
      programName: programs.get(o.programId)?.name ?? '',
      status: o.status,
      createdAt: o.createdAt.toISOString(),
    })),
  };
}
