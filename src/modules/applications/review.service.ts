import { and, asc, desc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { contains } from '../../platform/db/search.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { after, decodeCursor, type Page, toViewPage } from '../../platform/http/pagination.js';
import { queueTemplatedMail } from '../../platform/mail/templates.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { admitPartner } from '../enrollments/lifecycle.service.js';
import { createInvitation } from '../identity/invitations.service.js';
import { findUserByEmail } from '../identity/users.service.js';
import { createPartnerBody } from '../partners/contracts.js';
import { assertCam, insertPartner, partnerRefs, partnersByDomain } from '../partners/service.js';
import {
  type ApplicationDetailView,
  type ApplicationView,
  type ApprovalView,
  approveBody,
  type ApproveInput,
  listApplicationsQuery,
  type ListApplicationsQuery,
  rejectBody,
  type RejectInput,
} from './contracts.js';
import { applicationApprovedMail, applicationRejectedMail } from './mails.js';
import { applications } from './schema.js';
import { applicationDetail, type ApplicationRow, applicationViews } from './views.js';

/**
 * The review queue. Waiting applications come oldest first (first come, first served); a list of decided ones
 * (or of all) comes newest first.
 */
export async function listApplications(ctx: Ctx, raw: ListApplicationsQuery): Promise<Page<ApplicationView>> {
  requireAccess(ctx.actor, 'application.read');
  const q = parseInput(listApplicationsQuery, raw);
  const cursor = decodeCursor(q.cursor);
  const oldestFirst = q.status === 'received';
  const flagged = or(isNotNull(applications.duplicateOfId), isNotNull(applications.matchedPartnerId));
  return read(ctx, async (tx) => {
    const rows = await tx
      .select()
      .from(applications)
      .where(
        and(
          q.status ? eq(applications.status, q.status) : undefined,
          q.programId ? eq(applications.programId, q.programId) : undefined,
          q.eligible !== undefined ? eq(applications.eligible, q.eligible) : undefined,
          q.duplicate === true ? flagged : undefined,
          q.duplicate === false
            ? and(isNull(applications.duplicateOfId), isNull(applications.matchedPartnerId))
            : undefined,
          q.q
            ? or(
                contains(applications.companyName, q.q),
                contains(applications.domain, q.q),
                contains(applications.contactEmail, q.q),
              )
            : undefined,
          !cursor
            ? undefined
            : oldestFirst
              ? sql`(${applications.createdAt}, ${applications.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
              : after(cursor, applications.createdAt, applications.id),
        ),
      )
      .orderBy(
        ...(oldestFirst
          ? [asc(applications.createdAt), asc(applications.id)]
          : [desc(applications.createdAt), desc(applications.id)]),
      )
      .limit(q.limit + 1);
    return toViewPage(rows, q.limit, (page) => applicationViews(tx, page));
  });
}

async function load(tx: Tx, id: string, lock = false): Promise<ApplicationRow> {
  const query = tx.select().from(applications).where(eq(applications.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Application');
  return row;
}

export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationDetailView> {
  requireAccess(ctx.actor, 'application.read');
  return read(ctx, async (tx) => applicationDetail(tx, await load(tx, id)));
}

/** An application is decided once. */
async function loadUndecided(tx: Tx, id: string): Promise<ApplicationRow> {
  const row = await load(tx, id, true);
  if (row.status !== 'received') throw conflict(`The application was ${row.status} already`);
  return row;
}

/** Keeps the decision, with who took it and when, and audits it; answers the decided application. */
async function decide(
  tx: Tx,
  ctx: Ctx,
  before: ApplicationView,
  decision: Partial<ApplicationRow> & { status: 'approved' | 'rejected' },
  audited: object = {},
): Promise<ApplicationDetailView> {
  const [updated] = await tx
    .update(applications)
    .set({ ...decision, reviewedBy: ctx.actor.label, reviewedAt: new Date() })
    .where(eq(applications.id, before.id))
    .returning();
  const detail = await applicationDetail(tx, updated!);
  await recordChange(tx, ctx, {
    action: `application.${decision.status}`,
    objectType: 'application',
    objectId: before.id,
    partnerId: null,
    before,
    after: { ...detail, ...audited },
  });
  return detail;
}

/** The partner an approval admits: the one named, else the one of the same domain, else a new company. */
async function partnerFor(
  tx: Tx,
  ctx: Ctx,
  row: ApplicationRow,
  input: { partnerId?: string | undefined; camUserId?: string | null | undefined },
): Promise<{ id: string; name: string; created: boolean }> {
  if (input.partnerId) {
    const named = (await partnerRefs(tx, [input.partnerId])).get(input.partnerId);
    if (!named) throw invalid('partnerId', 'no such partner');
    return { id: named.id, name: named.name, created: false };
  }
  const matched = (await partnersByDomain(tx, [row.domain])).get(row.domain);
  if (matched) return { ...matched, created: false };
  const created = await insertPartner(
    tx,
    ctx,
    parseInput(createPartnerBody, {
      name: row.companyName,
      website: row.website,
      country: row.country,
      regions: row.regions,
      partnerTypes: row.partnerTypes,
      industries: row.industries,
      companySize: row.companySize,
      camUserId: input.camUserId ?? null,
      status: 'onboarding',
    }),
  );
  return { id: created.id, name: created.name, created: true };
}

/**
 * Approves an application in one transaction: the partner company (or the existing one of its domain), its
 * enrollment in the program (approved at the entry tier, onboarding started), the partner-admin invitation to
 * the contact unless the contact is a user already, and the mail to the applicant.
 */
export async function approveApplication(ctx: Ctx, id: string, raw: ApproveInput): Promise<ApprovalView> {
  requireAccess(ctx.actor, 'application.review');
  const input = parseInput(approveBody, raw);
  return write(ctx, 'application.approve', async (tx) => {
    const row = await loadUndecided(tx, id);
    await assertCam(tx, input.camUserId);
    const [before] = await applicationViews(tx, [row]);
    const partner = await partnerFor(tx, ctx, row, input);
    const reason = input.note ? `application approved: ${input.note}` : 'application approved';
    const enrollment = await admitPartner(tx, ctx, {
      partnerId: partner.id,
      programId: row.programId,
      reason,
      // a new company carries its manager itself; an existing one may get one for this program
      camUserId: partner.created ? null : (input.camUserId ?? null),
    });
    const existing = await findUserByEmail(tx, row.contactEmail);
    const invitation = existing
      ? null
      : await createInvitation(tx, ctx, { email: row.contactEmail, role: 'partner_admin', partnerId: partner.id });
    const detail = await decide(
      tx,
      ctx,
      before!,
      {
        status: 'approved',
        partnerId: partner.id,
        matchedPartnerId: partner.created ? row.matchedPartnerId : partner.id,
        reviewReason: input.note || null,
      },
      { enrollmentId: enrollment.id, invitationId: invitation?.id ?? null },
    );
    await queueTemplatedMail(tx, applicationApprovedMail, row.contactEmail, {
      name: row.contactName,
      companyName: partner.name,
      programName: detail.programName,
      nextStep: invitation
        ? 'We sent you a separate mail with a link to set up your account in the partner portal.'
        : `Sign in to the partner portal to get started: ${ctx.config.publicUrl}/login`,
    });
    return {
      application: detail,
      partner,
      enrollmentId: enrollment.id,
      invitation: invitation ? { id: invitation.id, email: invitation.email } : null,
    };
  });
}

/** Turns an application down; the reason is kept and mailed to the applicant. */
export async function rejectApplication(ctx: Ctx, id: string, raw: RejectInput): Promise<ApplicationDetailView> {
  requireAccess(ctx.actor, 'application.review');
  const input = parseInput(rejectBody, raw);
  return write(ctx, 'application.reject', async (tx) => {
    const row = await loadUndecided(tx, id);
    const [before] = await applicationViews(tx, [row]);
    const detail = await decide(tx, ctx, before!, { status: 'rejected', reviewReason: input.reason });
    await queueTemplatedMail(tx, applicationRejectedMail, row.contactEmail, {
      name: row.contactName,
      companyName: row.companyName,
      programName: detail.programName,
      reason: input.reason,
    });
    return detail;
  });
}
