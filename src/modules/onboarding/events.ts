import { and, eq, isNull } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Tx } from '../../platform/db/database.js';
import { currentAgreement, hasAcceptedCurrent } from '../agreements/queries.js';
import { enrollments } from '../enrollments/schema.js';
import { partnerTeamSize } from '../identity/users.service.js';
import { partners } from '../partners/schema.js';
import { completeIfDone, ensurePlan, type OnboardingRow, stepsOf, tick } from './plan.js';
import { profileComplete } from './rules/profile.js';
import { dueDate } from './rules/progress.js';
import type { OnboardingEvent } from './rules/steps.js';
import { teamStarted } from './rules/ticking.js';
import { onboardings } from './schema.js';

/**
 * What other modules tell onboarding. Both run in the caller's transaction, so a tick lands with the change
 * that earned it.
 */

/** Who ticked the steps whose events had happened before the onboarding started. */
export const ALREADY_DONE = 'already done when onboarding started';

const as = (label: string) => ({ actor: systemActor(label), requestId: null });

async function audit(tx: Tx, label: string, o: OnboardingRow, action: string, after: object): Promise<void> {
  await recordChange(tx, as(label), {
    action,
    objectType: 'onboarding',
    objectId: o.enrollmentId,
    partnerId: o.partnerId,
    before: null,
    after: { enrollmentId: o.enrollmentId, programId: o.programId, ...after },
  });
}

async function auditCompletion(tx: Tx, label: string, o: OnboardingRow): Promise<void> {
  if (await completeIfDone(tx, o)) await audit(tx, label, o, 'onboarding.completed', {});
}

/** The events that had happened before the onboarding started (training has no module to tell yet). */
async function eventsSoFar(
  tx: Tx,
  o: OnboardingRow,
  enrollment: { firstDealAt: Date | null },
): Promise<Set<OnboardingEvent>> {
  const happened = new Set<OnboardingEvent>();
  const [partner] = await tx.select().from(partners).where(eq(partners.id, o.partnerId));
  if (partner && profileComplete(partner)) happened.add('profile_completed');
  if (teamStarted(await partnerTeamSize(tx, o.partnerId))) happened.add('team_invited');
  // with no agreement published there is nothing accepted yet: the step waits for one (or for the vendor)
  if ((await currentAgreement(tx, o.programId)) && (await hasAcceptedCurrent(tx, o.programId, o.enrollmentId)))
    happened.add('agreement_accepted');
  if (enrollment.firstDealAt) happened.add('first_deal_registered');
  return happened;
}

/**
 * Starts a partner's onboarding in a program when the vendor approves its enrollment: saves the program's
 * built-in plan if it has none, sets the due date, and ticks the steps whose events happened already.
 * Idempotent: an enrollment has one onboarding, and a second start changes nothing. Runs in a vendor or
 * system scope (the first start of a program writes its plan).
 */
export async function startOnboarding(
  tx: Tx,
  input: { enrollmentId: string; partnerId: string; programId: string },
): Promise<void> {
  const [existing] = await tx
    .select({ id: onboardings.enrollmentId })
    .from(onboardings)
    .where(eq(onboardings.enrollmentId, input.enrollmentId));
  if (existing) return;
  const [enrollment] = await tx
    .select({
      partnerId: enrollments.partnerId,
      programId: enrollments.programId,
      firstDealAt: enrollments.firstDealAt,
    })
    .from(enrollments)
    .where(eq(enrollments.id, input.enrollmentId));
  if (!enrollment || enrollment.partnerId !== input.partnerId || enrollment.programId !== input.programId)
    throw new Error(`startOnboarding: enrollment ${input.enrollmentId} is not the partner's in this program`);
  const plan = await ensurePlan(tx, input.programId);
  const startedAt = new Date();
  const [row] = await tx
    .insert(onboardings)
    .values({ ...input, startedAt, dueAt: dueDate(startedAt, plan.days) })
    .onConflictDoNothing()
    .returning();
  // a concurrent start of the same enrollment won
  if (!row) return;
  const happened = await eventsSoFar(tx, row, enrollment);
  const ticked = await tick(
    tx,
    row,
    plan.steps.filter((s) => s.event && happened.has(s.event)).map((s) => s.id),
    ALREADY_DONE,
  );
  await audit(tx, 'onboarding', row, 'onboarding.started', {
    startedAt: row.startedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    steps: plan.steps.filter((s) => ticked.includes(s.id)).map((s) => s.key),
  });
  await auditCompletion(tx, 'onboarding', row);
}

/**
 * Ticks the steps that `event` completes for the partner: in one program when `programId` is given (e.g. an
 * agreement), otherwise in every program it is onboarding in (e.g. a completed profile). Completed
 * onboardings are left as they are; an onboarding whose last step this was is marked completed.
 */
export async function recordOnboardingEvent(
  tx: Tx,
  input: { partnerId: string; event: OnboardingEvent; programId?: string; actorLabel: string },
): Promise<void> {
  const open = await tx
    .select()
    .from(onboardings)
    .where(
      and(
        eq(onboardings.partnerId, input.partnerId),
        input.programId ? eq(onboardings.programId, input.programId) : undefined,
        isNull(onboardings.completedAt),
      ),
    );
  for (const o of open) {
    const steps = (await stepsOf(tx, o.programId)).filter((s) => s.event === input.event);
    const ticked = await tick(
      tx,
      o,
      steps.map((s) => s.id),
      input.actorLabel,
    );
    if (ticked.length === 0) continue;
    await audit(tx, input.actorLabel, o, 'onboarding.step_done', {
      event: input.event,
      steps: steps.filter((s) => ticked.includes(s.id)).map((s) => s.key),
    });
    await auditCompletion(tx, input.actorLabel, o);
  }
}

/** For identity: an invitation into a partner ticks "invite your team" once the team is more than one person. */
export async function recordTeamInvitation(tx: Tx, partnerId: string, actorLabel: string): Promise<void> {
  if (teamStarted(await partnerTeamSize(tx, partnerId)))
    await recordOnboardingEvent(tx, { partnerId, event: 'team_invited', actorLabel });
}
