import { and, eq, gte, isNotNull, isNull, lt, notInArray, or } from 'drizzle-orm';
import { actorPartnerId } from '../../platform/access/actor.js';
import { may, requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { Page } from '../../platform/http/pagination.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { enrollments } from '../enrollments/schema.js';
import { partners } from '../partners/schema.js';
import { programRefs } from '../programs/refs.js';
import {
  type ChecklistView,
  listOnboardingsQuery,
  type ListOnboardingsQuery,
  type OnboardingView,
  type PlanView,
  putPlanBody,
  type PutPlanInput,
} from './contracts.js';
import './mails.js';
import { completeIfDone, doneStepIds, openOnboardingsOf, savedDays, stepsOf, tick } from './plan.js';
import { DEFAULT_ONBOARDING_DAYS, DEFAULT_STEPS } from './rules/steps.js';
import { mayTick } from './rules/ticking.js';
import { onboardingPlans, onboardingProgress, onboardings, onboardingSteps } from './schema.js';
import { afterCursor, cursorOf, decodeCursor, listOrder, onboardingRows, onboardingViews } from './views.js';

async function assertProgram(tx: Tx, programId: string): Promise<void> {
  if (!(await programRefs(tx, [programId])).has(programId)) throw notFound('Program');
}

async function planView(tx: Tx, programId: string): Promise<PlanView> {
  const days = await savedDays(tx, programId);
  const steps = await stepsOf(tx, programId);
  const custom = days !== null || steps.length > 0;
  return {
    programId,
    days: days ?? DEFAULT_ONBOARDING_DAYS,
    custom,
    steps: (steps.length ? steps : DEFAULT_STEPS).map((s) => ({
      key: s.key,
      title: s.title,
      description: s.description,
      event: s.event ?? null,
    })),
  };
}

/** The program's checklist and days; the built-in one until the vendor edits it or a first partner starts. */
export async function getPlan(ctx: Ctx, programId: string): Promise<PlanView> {
  requireAccess(ctx.actor, 'onboarding.read');
  return read(ctx, async (tx) => {
    await assertProgram(tx, programId);
    return planView(tx, programId);
  });
}

/**
 * Replaces the checklist. A step keeps its id, and so its ticks, while its key stays; a step left out goes
 * with its ticks. Due dates of onboardings already started stay as they were promised; an open onboarding
 * whose remaining steps were all removed is completed.
 */
export async function putPlan(ctx: Ctx, programId: string, raw: PutPlanInput): Promise<PlanView> {
  requireAccess(ctx.actor, 'onboarding.configure');
  const input = parseInput(putPlanBody, raw);
  return write(ctx, 'onboarding.plan', async (tx) => {
    await assertProgram(tx, programId);
    const before = await planView(tx, programId);
    await tx
      .insert(onboardingPlans)
      .values({ programId, days: input.days })
      .onConflictDoUpdate({ target: onboardingPlans.programId, set: { days: input.days, updatedAt: new Date() } });
    const keys = input.steps.map((s) => s.key);
    await tx
      .delete(onboardingSteps)
      .where(and(eq(onboardingSteps.programId, programId), notInArray(onboardingSteps.key, keys)));
    for (const [position, s] of input.steps.entries()) {
      const fields = { title: s.title, description: s.description, event: s.event, position };
      await tx
        .insert(onboardingSteps)
        .values({ programId, key: s.key, ...fields })
        .onConflictDoUpdate({ target: [onboardingSteps.programId, onboardingSteps.key], set: fields });
    }
    for (const o of await openOnboardingsOf(tx, programId)) await completeWithAudit(tx, ctx, o);
    const after = await planView(tx, programId);
    await recordChange(tx, ctx, {
      action: 'onboarding_plan.updated',
      objectType: 'onboarding_plan',
      objectId: programId,
      partnerId: null,
      before: before.custom ? before : null,
      after,
    });
    return after;
  });
}

async function completeWithAudit(tx: Tx, ctx: Ctx, o: typeof onboardings.$inferSelect): Promise<void> {
  if (!(await completeIfDone(tx, o))) return;
  await recordChange(tx, ctx, {
    action: 'onboarding.completed',
    objectType: 'onboarding',
    objectId: o.enrollmentId,
    partnerId: o.partnerId,
    before: null,
    after: { enrollmentId: o.enrollmentId, programId: o.programId },
  });
}

/**
 * Vendor staff: every onboarding not yet completed (or of the status asked), overdue first, then by due date.
 * A partner: its own, whatever it asks for.
 */
export async function listOnboardings(ctx: Ctx, raw: ListOnboardingsQuery): Promise<Page<OnboardingView>> {
  requireAccess(ctx.actor, 'onboarding.read');
  const q = parseInput(listOnboardingsQuery, raw);
  const own = actorPartnerId(ctx.actor);
  const cursor = decodeCursor(q.cursor);
  const now = new Date();
  const status = {
    open: and(isNull(onboardings.completedAt), gte(onboardings.dueAt, now)),
    overdue: and(isNull(onboardings.completedAt), lt(onboardings.dueAt, now)),
    completed: isNotNull(onboardings.completedAt),
  };
  return read(ctx, async (tx) => {
    const rows = await onboardingRows(
      tx,
      and(
        own ? eq(onboardings.partnerId, own) : q.partnerId ? eq(onboardings.partnerId, q.partnerId) : undefined,
        q.programId ? eq(onboardings.programId, q.programId) : undefined,
        q.camUserId ? or(eq(enrollments.camUserId, q.camUserId), eq(partners.camUserId, q.camUserId)) : undefined,
        q.status ? status[q.status] : own ? undefined : isNull(onboardings.completedAt),
        // a rejected or terminated partner is no longer onboarding
        notInArray(enrollments.status, ['rejected', 'terminated']),
        afterCursor(cursor),
      ),
      { orderBy: listOrder, limit: q.limit + 1 },
    );
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    return {
      items: await onboardingViews(tx, items, now),
      nextCursor: rows.length > q.limit && last ? cursorOf(last.o) : null,
    };
  });
}

async function loadOnboarding(ctx: Ctx, tx: Tx, enrollmentId: string, lock = false) {
  const query = tx.select().from(onboardings).where(eq(onboardings.enrollmentId, enrollmentId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Onboarding');
  requireAccess(ctx.actor, 'onboarding.read', { partnerId: row.partnerId, what: 'Onboarding' });
  return row;
}

async function checklist(ctx: Ctx, tx: Tx, enrollmentId: string): Promise<ChecklistView> {
  const now = new Date();
  const [row] = await onboardingRows(tx, eq(onboardings.enrollmentId, enrollmentId));
  if (!row) throw notFound('Onboarding');
  const [view] = await onboardingViews(tx, [row], now);
  const steps = await stepsOf(tx, row.o.programId);
  const progress = new Map(
    (await tx.select().from(onboardingProgress).where(eq(onboardingProgress.enrollmentId, enrollmentId))).map((p) => [
      p.stepId,
      p,
    ]),
  );
  const ticker = actorPartnerId(ctx.actor) ? 'partner' : 'vendor';
  const mayTickAny = may(ctx.actor, 'onboarding.tick');
  return {
    ...view!,
    steps: steps.map((s) => {
      const p = progress.get(s.id);
      return {
        id: s.id,
        key: s.key,
        title: s.title,
        description: s.description,
        event: s.event ?? null,
        done: Boolean(p),
        doneBy: p?.doneBy ?? null,
        doneAt: p?.doneAt.toISOString() ?? null,
        canTick: mayTickAny && mayTick(ticker, { event: s.event ?? null }),
      };
    }),
  };
}

/** One enrollment's checklist: each step, whether it is done, by whom and when. */
export async function getChecklist(ctx: Ctx, enrollmentId: string): Promise<ChecklistView> {
  requireAccess(ctx.actor, 'onboarding.read');
  return read(ctx, async (tx) => {
    await loadOnboarding(ctx, tx, enrollmentId);
    return checklist(ctx, tx, enrollmentId);
  });
}

/**
 * Ticks (or unticks) a step by hand. Partners tick only steps no event completes; vendor staff tick any, e.g.
 * the sales training until a learning module reports it. Unticking a step of a completed onboarding reopens it.
 */
export async function setStepDone(
  ctx: Ctx,
  enrollmentId: string,
  stepId: string,
  done: boolean,
): Promise<ChecklistView> {
  requireAccess(ctx.actor, 'onboarding.tick');
  return write(ctx, done ? 'onboarding.tick' : 'onboarding.untick', async (tx) => {
    const o = await loadOnboarding(ctx, tx, enrollmentId, true);
    requireAccess(ctx.actor, 'onboarding.tick', { partnerId: o.partnerId, what: 'Onboarding' });
    const [step] = await tx
      .select()
      .from(onboardingSteps)
      .where(and(eq(onboardingSteps.id, stepId), eq(onboardingSteps.programId, o.programId)));
    if (!step) throw notFound('Step');
    if (!mayTick(actorPartnerId(ctx.actor) ? 'partner' : 'vendor', step))
      throw forbidden('This step is ticked by itself when it happens; ask your channel account manager otherwise');
    const change = (action: string) =>
      recordChange(tx, ctx, {
        action,
        objectType: 'onboarding',
        objectId: enrollmentId,
        partnerId: o.partnerId,
        before: null,
        after: { enrollmentId, programId: o.programId, steps: [step.key] },
      });
    if (done) {
      if ((await tick(tx, o, [step.id], ctx.actor.label)).length) await change('onboarding.step_done');
      await completeWithAudit(tx, ctx, o);
    } else if ((await doneStepIds(tx, enrollmentId)).has(step.id)) {
      await tx
        .delete(onboardingProgress)
        .where(and(eq(onboardingProgress.enrollmentId, enrollmentId), eq(onboardingProgress.stepId, step.id)));
      await change('onboarding.step_undone');
      if (o.completedAt) {
        await tx.update(onboardings).set({ completedAt: null }).where(eq(onboardings.enrollmentId, enrollmentId));
        await change('onboarding.reopened');
      }
    }
    return checklist(ctx, tx, enrollmentId);
  });
}
