/** Shapes of the onboarding API: a program's checklist, and each partner's progress through it. */

export const ONBOARDING_EVENTS = [
  'agreement_accepted',
  'profile_completed',
  'team_invited',
  'training_completed',
  'first_deal_registered',
] as const;
export type OnboardingEvent = (typeof ONBOARDING_EVENTS)[number];

/** What ticks a step by itself, in the words partners read. */
export const EVENT_LABELS: Record<OnboardingEvent, string> = {
  agreement_accepted: 'the program agreement is accepted',
  profile_completed: 'the company profile is complete',
  team_invited: 'a colleague is invited',
  training_completed: 'the training is completed',
  first_deal_registered: 'the first deal is registered',
};

export type OnboardingStatus = 'open' | 'overdue' | 'completed';

export interface PlanStep {
  key: string;
  title: string;
  description: string;
  event: OnboardingEvent | null;
}

export interface OnboardingPlan {
  programId: string;
  days: number;
  /** False while the program uses the built-in checklist. */
  custom: boolean;
  steps: PlanStep[];
}

export interface Onboarding {
  enrollmentId: string;
  partnerId: string;
  partnerName: string;
  programId: string;
  programName: string;
  camUserId: string | null;
  camName: string | null;
  status: OnboardingStatus;
  done: number;
  total: number;
  percent: number;
  startedAt: string;
  dueAt: string;
  completedAt: string | null;
  daysLeft: number | null;
  daysOverdue: number | null;
  overdueNotifiedAt: string | null;
  firstDealAt: string | null;
  daysToFirstDeal: number | null;
}

export interface OnboardingStep extends PlanStep {
  id: string;
  done: boolean;
  doneBy: string | null;
  doneAt: string | null;
  /** Whether the signed-in user may tick or untick it by hand. */
  canTick: boolean;
}

export interface OnboardingChecklist extends Onboarding {
  steps: OnboardingStep[];
}

/** Cache keys: lists under ['onboardings', params], one checklist, one program's plan. */
export const onboardingKeys = {
  all: ['onboardings'] as const,
  checklist: (enrollmentId: string) => ['onboardings', 'checklist', enrollmentId] as const,
  plan: (programId: string) => ['programs', 'onboarding', programId] as const,
};
