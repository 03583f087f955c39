import type { Tx } from '../../platform/db/database.js';
import { currentAgreement, hasAcceptedCurrent } from '../agreements/queries.js';
import type { EnrollmentView } from './contracts.js';
import type { enrollments } from './schema.js';
import { memberRefs } from './refs.js';

export type EnrollmentRow = typeof enrollments.$inferSelect;

const DAY_MS = 86_400_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Rows → views, with names looked up in batches and the agreement state of enrollments that need one. */
export async function enrollmentViews(tx: Tx, rows: EnrollmentRow[]): Promise<EnrollmentView[]> {
  const { partners, programs, tiers, cams } = await memberRefs(tx, rows);
  const views: EnrollmentView[] = [];
  for (const r of rows) {
    const current = await currentAgreement(tx, r.programId);
    const accepted = current ? await hasAcceptedCurrent(tx, r.programId, r.id) : true;
    views.push({
      id: r.id,
      partnerId: r.partnerId,
      partnerName: partners.get(r.partnerId)?.name ?? '',
      programId: r.programId,
      programName: programs.get(r.programId)?.name ?? '',
      tierId: r.tierId,
      tierName: r.tierId ? (tiers.get(r.tierId)?.name ?? null) : null,
      status: r.status,
      camUserId: r.camUserId,
      camName: r.camUserId ? (cams.get(r.camUserId)?.name ?? null) : null,
      startDate: r.startDate,
      renewalDate: r.renewalDate,
      submittedAt: iso(r.submittedAt),
      approvedAt: iso(r.approvedAt),
      activatedAt: iso(r.activatedAt),
      firstDealAt: iso(r.firstDealAt),
      daysToFirstDeal:
        r.firstDealAt && r.approvedAt
          ? Math.max(0, Math.floor((r.firstDealAt.getTime() - r.approvedAt.getTime()) / DAY_MS))
          : null,
      agreement: current
        ? {
            id: current.id,
            version: current.version,
            title: current.title,
            accepted,
            // a deadline concerns partners already in the program; a new one simply is not active until it accepts
            acceptBy: !accepted && (r.status === 'active' || r.status === 'suspended') ? iso(current.reacceptBy) : null,
          }
        : null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    });
  }
  return views;
}
