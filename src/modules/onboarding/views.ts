import { asc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database.js';
import { decodeCursorOf, encodeCursorOf } from '../../platform/http/pagination.js';
import { enrollments } from '../enrollments/schema.js';
import { staffRefs } from '../identity/users.service.js';
import { partners } from '../partners/schema.js';
import { programRefs } from '../programs/refs.js';
import type { OnboardingView } from './contracts.js';
import { daysLeft, daysToFirstDeal, onboardingStatus, progressOf } from './rules/progress.js';
import { onboardingProgress, onboardings, onboardingSteps } from './schema.js';

/** An onboarding with what its views need from the enrollment and the partner (read, never written here). */
export async function onboardingRows(tx: Tx, where: SQL | undefined, page?: { orderBy: SQL[]; limit: number }) {
  const query = tx
    .select({
      o: onboardings,
      partnerName: partners.name,
      partnerCam: partners.camUserId,
      enrollmentCam: enrollments.camUserId,
      approvedAt: enrollments.approvedAt,
      firstDealAt: enrollments.firstDealAt,
      total:
        sql`(select count(*) from ${onboardingSteps} where ${onboardingSteps.programId} = ${onboardings.programId})`.mapWith(
          Number,
        ),
      done: sql`(select count(*) from ${onboardingProgress} where ${onboardingProgress.enrollmentId} = ${onboardings.enrollmentId})`.mapWith(
        Number,
      ),
      // until the deals module records first_deal_at, the tick of the first-deal step says when it happened
      firstDealTick:
        sql`(select min(${onboardingProgress.doneAt}) from ${onboardingProgress} join ${onboardingSteps} on ${onboardingSteps.id} = ${onboardingProgress.stepId} where ${onboardingProgress.enrollmentId} = ${onboardings.enrollmentId} and ${onboardingSteps.event} = 'first_deal_registered')`.mapWith(
          onboardingProgress.doneAt,
        ),
    })
    .from(onboardings)
    .innerJoin(enrollments, eq(enrollments.id, onboardings.enrollmentId))
    .innerJoin(partners, eq(partners.id, onboardings.partnerId))
    .where(where);
  return page ? query.orderBy(...page.orderBy).limit(page.limit) : query;
}
export type OnboardingJoinedRow = Awaited<ReturnType<typeof onboardingRows>>[number];

export async function onboardingViews(tx: Tx, rows: OnboardingJoinedRow[], now: Date): Promise<OnboardingView[]> {
  const cams = await staffRefs(
    tx,
    rows.map((r) => r.enrollmentCam ?? r.partnerCam),
  );
  const programs = await programRefs(
    tx,
    rows.map((r) => r.o.programId),
  );
  return rows.map((r) => {
    const camUserId = r.enrollmentCam ?? r.partnerCam;
    const firstDealAt = r.firstDealAt ?? (r.firstDealTick as Date | null);
    return {
      enrollmentId: r.o.enrollmentId,
      partnerId: r.o.partnerId,
      partnerName: r.partnerName,
      programId: r.o.programId,
      programName: programs.get(r.o.programId)?.name ?? '',
      camUserId,
      camName: camUserId ? (cams.get(camUserId)?.name ?? null) : null,
      status: onboardingStatus(r.o, now),
      ...progressOf(r.done, r.total),
      startedAt: r.o.startedAt.toISOString(),
      dueAt: r.o.dueAt.toISOString(),
      completedAt: r.o.completedAt?.toISOString() ?? null,
      ...daysLeft(r.o, now),
      overdueNotifiedAt: r.o.overdueNotifiedAt?.toISOString() ?? null,
      firstDealAt: firstDealAt?.toISOString() ?? null,
      daysToFirstDeal: daysToFirstDeal(r.approvedAt ?? r.o.startedAt, firstDealAt),
    };
  });
}

/**
 * The list's order in SQL: unfinished before completed, then due date, then id. Among unfinished ones the
 * earlier due dates are the overdue ones, so this is `compareOnboardings` — and, unlike the status, it does
 * not change while someone pages through the list.
 */
export const completedLast = sql<boolean>`(${onboardings.completedAt} is not null)`;
export const listOrder = [completedLast, asc(onboardings.dueAt), asc(onboardings.enrollmentId)];

const cursorSchema = z.object({ done: z.boolean(), at: z.iso.datetime(), id: z.uuid() });
type Cursor = z.infer<typeof cursorSchema>;

export const cursorOf = (o: OnboardingJoinedRow['o']): string =>
  encodeCursorOf({ done: o.completedAt !== null, at: o.dueAt.toISOString(), id: o.enrollmentId });

export const decodeCursor = (cursor: string | undefined) => decodeCursorOf(cursorSchema, cursor);

/** Rows strictly after the cursor in the list's ascending order. */
export function afterCursor(c: Cursor | null): SQL | undefined {
  if (!c) return undefined;
  return sql`(${completedLast}, ${onboardings.dueAt}, ${onboardings.enrollmentId}) > (${c.done}, ${c.at}::timestamptz, ${c.id}::uuid)`;
}
