import { and, desc, eq } from 'drizzle-orm';
import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { activateIfReady, lockEnrollment } from '../enrollments/lifecycle.service.js';
import { visibleEnrollment } from '../enrollments/service.js';
import { partnerAdmins } from '../identity/users.service.js';
import { recordOnboardingEvent } from '../onboarding/events.js';
import { programRefs } from '../programs/refs.js';
import { acceptBody, type AcceptanceView, type AcceptInput, type EnrollmentAgreementView } from './contracts.js';
import { checkAcceptance } from './rules/accept.js';
import { acceptanceDue } from './rules/reaccept.js';
import { currentVersion } from './queries.js';
import { agreementAcceptances } from './schema.js';
import { acceptanceViews, type AcceptanceRow, type AgreementRow } from './views.js';

const system = { kind: 'system' } as const;

async function acceptanceOf(tx: Tx, agreementId: string, enrollmentId: string): Promise<AcceptanceRow | null> {
  const [row] = await tx
    .select()
    .from(agreementAcceptances)
    .where(and(eq(agreementAcceptances.agreementId, agreementId), eq(agreementAcceptances.enrollmentId, enrollmentId)));
  return row ?? null;
}

const actorOf = ({ actor }: Ctx) => ({
  type: actor.type,
  role: actor.type === 'user' || actor.type === 'api_key' ? actor.role : undefined,
});

/** A published version's identity: its text's hash is set once it is published. */
const published = (row: AgreementRow) => ({ id: row.id, version: row.version, sha256: row.sha256 ?? '' });

/** What an enrollment has to accept: the current version and its text, whether it is accepted, and by when. */
export async function enrollmentAgreement(ctx: Ctx, enrollmentId: string): Promise<EnrollmentAgreementView> {
  requireAccess(ctx.actor, 'agreement.read');
  return read(ctx, async (tx) => {
    const enrollment = await visibleEnrollment(tx, enrollmentId);
    const current = await currentVersion(tx, enrollment.programId);
    const acceptance = current ? await acceptanceOf(tx, current.id, enrollment.id) : null;
    const due = acceptanceDue(enrollment.status, !current || Boolean(acceptance), current?.reacceptBy ?? null);
    const mayAccept =
      current !== null &&
      !acceptance &&
      actorPartnerId(ctx.actor) === enrollment.partnerId &&
      checkAcceptance({
        actor: actorOf(ctx),
        status: enrollment.status,
        current: published(current),
        request: { agreementId: current.id, sha256: published(current).sha256 },
      }).ok;
    const program = (await programRefs(tx, [enrollment.programId])).get(enrollment.programId);
    return {
      enrollmentId: enrollment.id,
      enrollmentStatus: enrollment.status,
      programId: enrollment.programId,
      programName: program?.name ?? '',
      agreement: current && {
        id: current.id,
        version: current.version,
        title: current.title,
        body: current.body,
        sha256: current.sha256!,
        publishedAt: current.publishedAt!.toISOString(),
      },
      accepted: !current || Boolean(acceptance),
      acceptance: acceptance ? ((await acceptanceViews(tx, [acceptance], ctx.config.publicUrl))[0] ?? null) : null,
      acceptBy: due.due && due.deadline ? due.deadline.toISOString() : null,
      mayAccept,
      admins: (await partnerAdmins(tx, enrollment.partnerId)).map((a) => ({ name: a.name })),
    };
  });
}

/**
 * A partner admin accepts the version it read: the id and SHA-256 it sends must be the current version's, so
 * a text that changed under the reader is refused. A second click answers the acceptance already kept.
 */
export async function acceptAgreement(
  ctx: Ctx,
  enrollmentId: string,
  raw: AcceptInput,
): Promise<{ acceptance: AcceptanceView; created: boolean }> {
  const input = parseInput(acceptBody, raw);
  return write(ctx, 'agreement.accept', async (tx) => {
    const enrollment = await lockEnrollment(tx, enrollmentId);
    requireAccess(ctx.actor, 'agreement.accept', { partnerId: enrollment.partnerId, what: 'Enrollment' });
    const current = await currentVersion(tx, enrollment.programId);
    const check = checkAcceptance({
      actor: actorOf(ctx),
      status: enrollment.status,
      current: current && published(current),
      request: input,
    });
    if (!check.ok)
      throw new AppError(check.code, `${check.field}: ${check.message}`, [
        { field: check.field, message: check.message },
      ]);
    const agreement = current!;
    const existing = await acceptanceOf(tx, agreement.id, enrollment.id);
    if (existing)
      return { acceptance: (await acceptanceViews(tx, [existing], ctx.config.publicUrl))[0]!, created: false };
    const user = (await partnerAdmins(tx, enrollment.partnerId)).find((a) => a.id === ctx.actor.id);
    if (!user) throw forbidden('Only an active partner admin accepts the agreement for the company');
    const [row] = await tx
      .insert(agreementAcceptances)
      .values({
        agreementId: agreement.id,
        programId: enrollment.programId,
        enrollmentId: enrollment.id,
        partnerId: enrollment.partnerId,
        userId: user.id,
        userName: user.name,
        userEmail: user.email,
        ipAddress: ctx.ip ?? '',
        userAgent: ctx.userAgent ?? '',
        sha256: agreement.sha256!,
      })
      .returning();
    const [view] = await acceptanceViews(tx, [row!], ctx.config.publicUrl);
    await recordChange(tx, ctx, {
      action: 'agreement.accepted',
      objectType: 'agreement_acceptance',
      objectId: row!.id,
      partnerId: enrollment.partnerId,
      before: null,
      after: view!,
    });
    await activateIfReady(tx, ctx, enrollment.id);
    await recordOnboardingEvent(tx, {
      partnerId: enrollment.partnerId,
      programId: enrollment.programId,
      event: 'agreement_accepted',
      actorLabel: ctx.actor.label,
    });
    return { acceptance: view!, created: true };
  });
}

/** Every acceptance an enrollment gave, newest first: old versions stay as evidence. */
export async function enrollmentAcceptances(ctx: Ctx, enrollmentId: string): Promise<AcceptanceView[]> {
  requireAccess(ctx.actor, 'agreement.read');
  const rows = await read(ctx, async (tx) => {
    await visibleEnrollment(tx, enrollmentId);
    return tx
      .select()
      .from(agreementAcceptances)
      .where(eq(agreementAcceptances.enrollmentId, enrollmentId))
      .orderBy(desc(agreementAcceptances.acceptedAt), desc(agreementAcceptances.id));
  });
  // the caller may see these rows; the versions they name may belong to a program partners no longer see
  return ctx.db.run(system, (tx) => acceptanceViews(tx, rows, ctx.config.publicUrl));
}
