import { and, count, desc, eq, inArray, isNull, max } from 'drizzle-orm';
import { actorPartnerId } from '../../platform/access/actor.js';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import { sha256 } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { conflict, notFound } from '../../platform/errors.js';
import { queueTemplatedMail } from '../../platform/mail/templates.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { programEnrollmentsIn } from '../enrollments/service.js';
import { partnerAdmins } from '../identity/users.service.js';
import { partnerRefs } from '../partners/service.js';
import { assertEditable, loadProgram } from '../programs/programs.service.js';
import { programRefs } from '../programs/refs.js';
import {
  type AcceptanceView,
  type AgreementSummaryView,
  type AgreementView,
  createAgreementBody,
  type CreateAgreementInput,
  updateAgreementBody,
  type UpdateAgreementInput,
} from './contracts.js';
import { agreementToAcceptMail } from './mails.js';
import { currentAgreement } from './queries.js';
import { acceptanceDue, MUST_ACCEPT, reacceptDeadline } from './rules/reaccept.js';
import { agreementAcceptances, agreements } from './schema.js';
import { acceptanceViews, type AgreementRow, auditView, fullView, summaryView } from './views.js';

export async function loadAgreement(tx: Tx, id: string, lock = false): Promise<AgreementRow> {
  const query = tx.select().from(agreements).where(eq(agreements.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Agreement');
  return row;
}

function assertDraft(row: AgreementRow): void {
  if (row.publishedAt)
    throw conflict(`Version ${row.version} is published and its text is fixed; write a new version instead`);
}

/** The ids of a program's enrollments that have accepted `agreementId`. */
async function acceptedBy(tx: Tx, agreementId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ enrollmentId: agreementAcceptances.enrollmentId })
    .from(agreementAcceptances)
    .where(eq(agreementAcceptances.agreementId, agreementId));
  return new Set(rows.map((r) => r.enrollmentId));
}

/** Versions of one program → views, with their acceptance counts and, for the current one, who still must accept. */
async function summaries(tx: Tx, programId: string, rows: AgreementRow[]): Promise<AgreementSummaryView[]> {
  if (rows.length === 0) return [];
  const counts = await tx
    .select({ agreementId: agreementAcceptances.agreementId, n: count() })
    .from(agreementAcceptances)
    .where(
      inArray(
        agreementAcceptances.agreementId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(agreementAcceptances.agreementId);
  const countOf = new Map(counts.map((c) => [c.agreementId, Number(c.n)]));
  const current = await currentAgreement(tx, programId);
  let awaiting: number | null = null;
  if (current && rows.some((r) => r.id === current.id)) {
    const accepted = await acceptedBy(tx, current.id);
    const members = await programEnrollmentsIn(tx, programId, MUST_ACCEPT);
    awaiting = members.filter((m) => !accepted.has(m.id)).length;
  }
  return rows.map((r) =>
    summaryView(r, {
      current: r.id === current?.id,
      acceptanceCount: countOf.get(r.id) ?? 0,
      awaitingCount: r.id === current?.id ? awaiting : null,
    }),
  );
}

async function oneView(tx: Tx, row: AgreementRow): Promise<AgreementView> {
  const [summary] = await summaries(tx, row.programId, [row]);
  return fullView(summary!, row);
}

/** The versions of a program's agreement, newest first (a partner sees the published ones of running programs). */
export async function listAgreements(ctx: Ctx, programId: string): Promise<AgreementSummaryView[]> {
  requireAccess(ctx.actor, 'agreement.read');
  return read(ctx, async (tx) => {
    if (!(await programRefs(tx, [programId])).has(programId)) throw notFound('Program');
    const rows = await tx
      .select()
      .from(agreements)
      .where(eq(agreements.programId, programId))
      .orderBy(desc(agreements.version));
    return summaries(tx, programId, rows);
  });
}

export async function getAgreement(ctx: Ctx, id: string): Promise<AgreementView> {
  requireAccess(ctx.actor, 'agreement.read');
  return read(ctx, async (tx) => oneView(tx, await loadAgreement(tx, id)));
}

/** A new draft version; a program has at most one draft at a time, so versions publish in order. */
export async function createAgreement(ctx: Ctx, programId: string, raw: CreateAgreementInput): Promise<AgreementView> {
  requireAccess(ctx.actor, 'agreement.write');
  const input = parseInput(createAgreementBody, raw);
  return write(ctx, 'agreement.create', async (tx) => {
    // the program lock makes concurrent drafts take their version numbers in turn
    assertEditable(await loadProgram(tx, programId, true));
    const [draft] = await tx
      .select({ version: agreements.version })
      .from(agreements)
      .where(and(eq(agreements.programId, programId), isNull(agreements.publishedAt)));
    if (draft) throw conflict(`Version ${draft.version} is still a draft; edit or publish it first`);
    const [last] = await tx
      .select({ version: max(agreements.version) })
      .from(agreements)
      .where(eq(agreements.programId, programId));
    const [row] = await tx
      .insert(agreements)
      .values({ programId, version: (last?.version ?? 0) + 1, ...input })
      .returning();
    await recordChange(tx, ctx, {
      action: 'agreement.created',
      objectType: 'agreement',
      objectId: row!.id,
      partnerId: null,
      before: null,
      after: auditView(row!),
    });
    return oneView(tx, row!);
  });
}

export async function updateAgreement(ctx: Ctx, id: string, raw: UpdateAgreementInput): Promise<AgreementView> {
  requireAccess(ctx.actor, 'agreement.write');
  const input = parseInput(updateAgreementBody, raw);
  return write(ctx, 'agreement.update', async (tx) => {
    const current = await loadAgreement(tx, id, true);
    assertEditable(await loadProgram(tx, current.programId));
    assertDraft(current);
    const [row] = await tx
      .update(agreements)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(agreements.id, id))
      .returning();
    await recordChange(tx, ctx, {
      action: 'agreement.updated',
      objectType: 'agreement',
      objectId: id,
      partnerId: null,
      before: auditView(current),
      after: auditView(row!),
    });
    return oneView(tx, row!);
  });
}

export async function deleteAgreement(ctx: Ctx, id: string): Promise<void> {
  requireAccess(ctx.actor, 'agreement.write');
  await write(ctx, 'agreement.delete', async (tx) => {
    const current = await loadAgreement(tx, id, true);
    assertEditable(await loadProgram(tx, current.programId));
    assertDraft(current);
    await tx.delete(agreements).where(eq(agreements.id, id));
    await recordChange(tx, ctx, {
      action: 'agreement.deleted',
      objectType: 'agreement',
      objectId: id,
      partnerId: null,
      before: auditView(current),
      after: null,
    });
  });
}

/**
 * Publishing fixes the text (its SHA-256) and makes the version current. Every partner admitted to the program
 * is asked to accept it; those already in it keep their place until the deadline.
 */
export async function publishAgreement(ctx: Ctx, id: string): Promise<AgreementView> {
  requireAccess(ctx.actor, 'agreement.write');
  return write(ctx, 'agreement.publish', async (tx) => {
    const draft = await loadAgreement(tx, id, true);
    const program = await loadProgram(tx, draft.programId, true);
    assertEditable(program);
    assertDraft(draft);
    const now = new Date();
    const [row] = await tx
      .update(agreements)
      .set({
        sha256: sha256(draft.body),
        publishedAt: now,
        reacceptBy: reacceptDeadline(now, draft.acceptWithinDays),
        updatedAt: now,
      })
      .where(eq(agreements.id, id))
      .returning();
    await recordChange(tx, ctx, {
      action: 'agreement.published',
      objectType: 'agreement',
      objectId: id,
      partnerId: null,
      before: auditView(draft),
      after: auditView(row!),
    });
    await askToAccept(tx, ctx, row!, program.name);
    return oneView(tx, row!);
  });
}

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Mails the partner admins of every enrollment that now has this version to accept. */
async function askToAccept(tx: Tx, ctx: Ctx, agreement: AgreementRow, programName: string): Promise<void> {
  const accepted = await acceptedBy(tx, agreement.id);
  const members = await programEnrollmentsIn(tx, agreement.programId, MUST_ACCEPT);
  const names = await partnerRefs(
    tx,
    members.map((m) => m.partnerId),
  );
  for (const m of members) {
    const due = acceptanceDue(m.status, accepted.has(m.id), agreement.reacceptBy);
    if (!due.due) continue;
    const deadlineText = due.deadline
      ? `Please accept it by ${utc(due.deadline)}.`
      : 'Your membership becomes active once you accept it.';
    for (const admin of await partnerAdmins(tx, m.partnerId))
      await queueTemplatedMail(tx, agreementToAcceptMail, admin.email, {
        name: admin.name,
        partnerName: names.get(m.partnerId)?.name ?? '',
        programName,
        title: agreement.title,
        version: String(agreement.version),
        deadlineText,
        link: `${ctx.config.publicUrl}/portal/agreements`,
      });
  }
}

/** Who accepted a version, newest first (a partner sees only its own acceptances). */
export async function listAcceptances(ctx: Ctx, agreementId: string): Promise<AcceptanceView[]> {
  requireAccess(ctx.actor, 'agreement.read');
  const own = actorPartnerId(ctx.actor);
  return read(ctx, async (tx) => {
    await loadAgreement(tx, agreementId);
    const rows = await tx
      .select()
      .from(agreementAcceptances)
      .where(
        and(
          eq(agreementAcceptances.agreementId, agreementId),
          own ? eq(agreementAcceptances.partnerId, own) : undefined,
        ),
      )
      .orderBy(desc(agreementAcceptances.acceptedAt), desc(agreementAcceptances.id));
    return acceptanceViews(tx, rows, ctx.config.publicUrl);
  });
}
