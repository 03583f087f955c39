import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { allDone } from './rules/progress.js';
import { DEFAULT_ONBOARDING_DAYS, DEFAULT_STEPS } from './rules/steps.js';
import { onboardingPlans, onboardingProgress, onboardings, onboardingSteps } from './schema.js';

export type StepRow = typeof onboardingSteps.$inferSelect;
export type OnboardingRow = typeof onboardings.$inferSelect;

/** Queries of this module's own tables, shared by its services, its events and its job. */

export async function stepsOf(tx: Tx, programId: string): Promise<StepRow[]> {
  return tx
    .select()
    .from(onboardingSteps)
    .where(eq(onboardingSteps.programId, programId))
    .orderBy(asc(onboardingSteps.position), asc(onboardingSteps.key));
}

/** The program's plan as saved, or null while it still uses the built-in one. */
export async function savedDays(tx: Tx, programId: string): Promise<number | null> {
  const [plan] = await tx
    .select({ days: onboardingPlans.days })
    .from(onboardingPlans)
    .where(eq(onboardingPlans.programId, programId));
  return plan?.days ?? null;
}

/**
 * The program's plan, saving the built-in one the first time (90 days, the brief's five steps). Reads before
 * it writes, so a partner-scope caller (which may read plans but not write them) passes once a plan exists.
 */
export async function ensurePlan(tx: Tx, programId: string): Promise<{ days: number; steps: StepRow[] }> {
  let days = await savedDays(tx, programId);
  if (days === null) {
    await tx.insert(onboardingPlans).values({ programId, days: DEFAULT_ONBOARDING_DAYS }).onConflictDoNothing();
    days = (await savedDays(tx, programId)) ?? DEFAULT_ONBOARDING_DAYS;
  }
  let steps = await stepsOf(tx, programId);
  if (steps.length === 0) {
    await tx
      .insert(onboardingSteps)
      .values(DEFAULT_STEPS.map((s, position) => ({ programId, position, ...s })))
      .onConflictDoNothing();
    steps = await stepsOf(tx, programId);
  }
  return { days, steps };
}

export async function doneStepIds(tx: Tx, enrollmentId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ stepId: onboardingProgress.stepId })
    .from(onboardingProgress)
    .where(eq(onboardingProgress.enrollmentId, enrollmentId));
  return new Set(rows.map((r) => r.stepId));
}

/** Ticks steps of one onboarding; those ticked already keep their first tick. Returns the ids newly ticked. */
export async function tick(
  tx: Tx,
  o: Pick<OnboardingRow, 'enrollmentId' | 'partnerId'>,
  stepIds: string[],
  doneBy: string,
): Promise<string[]> {
  if (stepIds.length === 0) return [];
  const done = await doneStepIds(tx, o.enrollmentId);
  const fresh = stepIds.filter((id) => !done.has(id));
  if (fresh.length === 0) return [];
  await tx
    .insert(onboardingProgress)
    .values(fresh.map((stepId) => ({ enrollmentId: o.enrollmentId, partnerId: o.partnerId, stepId, doneBy })))
    .onConflictDoNothing();
  return fresh;
}

/** Marks an open onboarding completed when every step of its program is ticked; true when it just completed. */
export async function completeIfDone(tx: Tx, o: OnboardingRow): Promise<boolean> {
  if (o.completedAt) return false;
  const steps = await stepsOf(tx, o.programId);
  if (
    !allDone(
      steps.map((s) => s.id),
      await doneStepIds(tx, o.enrollmentId),
    )
  )
    return false;
  const updated = await tx
    .update(onboardings)
    .set({ completedAt: new Date() })
    .where(and(eq(onboardings.enrollmentId, o.enrollmentId), isNull(onboardings.completedAt)))
    .returning({ id: onboardings.enrollmentId });
  return updated.length > 0;
}

export async function openOnboardingsOf(tx: Tx, programId: string): Promise<OnboardingRow[]> {
  return tx
    .select()
    .from(onboardings)
    .where(and(eq(onboardings.programId, programId), isNull(onboardings.completedAt)));
}

export async function stepCount(tx: Tx, programId: string): Promise<number> {
  const [r] = await tx.select({ n: count() }).from(onboardingSteps).where(eq(onboardingSteps.programId, programId));
  return Number(r?.n ?? 0);
}
