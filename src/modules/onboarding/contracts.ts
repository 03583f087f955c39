import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { ONBOARDING_STATUSES } from './rules/progress.js';
import { ONBOARDING_EVENTS } from './rules/steps.js';

const stepKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be 1–63 lowercase letters, digits, dashes and underscores');

const planStep = z.object({
  key: stepKey,
  title: z.string().trim().min(1, 'give the step a title').max(200),
  description: z.string().trim().max(2000).default(''),
  event: z.enum(ONBOARDING_EVENTS).nullable().default(null),
});

export const planView = z
  .object({
    programId: z.uuid(),
    days: z.number().int(),
    /** False while the program still uses the built-in checklist (saved at the first onboarding or edit). */
    custom: z.boolean(),
    steps: z.array(planStep.extend({ description: z.string(), event: z.enum(ONBOARDING_EVENTS).nullable() })),
  })
  .meta({ id: 'OnboardingPlan' });
export type PlanView = z.infer<typeof planView>;

function duplicateKeys(steps: unknown[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    const key = (step as { key?: unknown } | null)?.key;
    if (typeof key !== 'string') return;
    if (seen.has(key.trim())) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'is used by another step' });
    seen.add(key.trim());
  });
}

export const putPlanBody = z
  .object({
    days: z.number().int('must be a whole number of days').min(1).max(730),
    steps: z
      .array(planStep.strict())
      .min(1, 'a checklist has at least one step')
      .max(50)
      // checked even when other steps are invalid, so that every problem is named at once
      .check(z.superRefine(duplicateKeys, { when: (payload) => Array.isArray(payload.value) })),
  })
  .strict();
export type PutPlanInput = z.input<typeof putPlanBody>;

const onboardingFields = {
  enrollmentId: z.uuid(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  programId: z.uuid(),
  programName: z.string(),
  /** The enrollment's channel account manager, else the partner's. */
  camUserId: z.uuid().nullable(),
  camName: z.string().nullable(),
  status: z.enum(ONBOARDING_STATUSES),
  done: z.number().int(),
  total: z.number().int(),
  percent: z.number().int(),
  startedAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  daysLeft: z.number().int().nullable(),
  daysOverdue: z.number().int().nullable(),
  overdueNotifiedAt: z.iso.datetime().nullable(),
  firstDealAt: z.iso.datetime().nullable(),
  /** From approval (or the start of onboarding) to the first deal. */
  daysToFirstDeal: z.number().int().nullable(),
};

export const onboardingView = z.object(onboardingFields).meta({ id: 'Onboarding' });
export type OnboardingView = z.infer<typeof onboardingView>;

export const checklistStepView = z
  .object({
    id: z.uuid(),
    key: z.string(),
    title: z.string(),
    description: z.string(),
    event: z.enum(ONBOARDING_EVENTS).nullable(),
    done: z.boolean(),
    doneBy: z.string().nullable(),
    doneAt: z.iso.datetime().nullable(),
    /** Whether the caller may tick or untick this step by hand. */
    canTick: z.boolean(),
  })
  .meta({ id: 'OnboardingStep' });
export type ChecklistStepView = z.infer<typeof checklistStepView>;

export const checklistView = z
  .object({ ...onboardingFields, steps: z.array(checklistStepView) })
  .meta({ id: 'OnboardingChecklist' });
export type ChecklistView = z.infer<typeof checklistView>;

export const listOnboardingsQuery = pageQuery.extend({
  programId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
  /** The enrollment's or the partner's channel account manager. */
  camUserId: z.uuid().optional(),
  /** Without it, vendor staff get every onboarding not yet completed; a partner gets all of its own. */
  status: z.enum(ONBOARDING_STATUSES).optional(),
});
export type ListOnboardingsQuery = z.input<typeof listOnboardingsQuery>;
