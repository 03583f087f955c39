/** Where an onboarding stands: pure functions of its dates, its ticks and the time asked about. */
export const ONBOARDING_STATUSES = ['open', 'overdue', 'completed'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

export type Dates = { dueAt: Date; completedAt: Date | null };

/** Overdue once the due time has passed without completion; a completed onboarding is never overdue. */
export function onboardingStatus(o: Dates, now: Date): OnboardingStatus {
  if (o.completedAt) return 'completed';
  return now.getTime() > o.dueAt.getTime() ? 'overdue' : 'open';
}

/** Whole days: days left counted up (due in an hour is 1 day left), days overdue counted down but at least 1. */
export function daysLeft(o: Dates, now: Date): { daysLeft: number | null; daysOverdue: number | null } {
  const status = onboardingStatus(o, now);
  if (status === 'completed') return { daysLeft: null, daysOverdue: null };
  const ms = o.dueAt.getTime() - now.getTime();
  return status === 'overdue'
    ? { daysLeft: null, daysOverdue: Math.max(1, Math.floor(-ms / DAY_MS)) }
    : { daysLeft: Math.ceil(ms / DAY_MS), daysOverdue: null };
}

export function dueDate(startedAt: Date, days: number): Date {
  return new Date(startedAt.getTime() + days * DAY_MS);
}

/** Done and total steps, and the share done in whole percent (an empty checklist counts as done). */
export function progressOf(done: number, total: number): { done: number; total: number; percent: number } {
  return { done, total, percent: total === 0 ? 100 : Math.floor((done * 100) / total) };
}

/** Every step of the checklist is ticked. */
export function allDone(stepIds: readonly string[], doneIds: ReadonlySet<string>): boolean {
  return stepIds.every((id) => doneIds.has(id));
}

/** Whole days from approval (or start) to the first deal; null until there is one. */
export function daysToFirstDeal(from: Date, firstDealAt: Date | null): number | null {
  if (!firstDealAt) return null;
  return Math.max(0, Math.floor((firstDealAt.getTime() - from.getTime()) / DAY_MS));
}

/** Overdue first, then open, then completed; within each the earliest due date first, then by id. */
const STATUS_RANK: Record<OnboardingStatus, number> = { overdue: 0, open: 1, completed: 2 };

export type Sortable = Dates & { enrollmentId: string };

export function compareOnboardings(now: Date): (a: Sortable, b: Sortable) => number {
  return (a, b) =>
    STATUS_RANK[onboardingStatus(a, now)] - STATUS_RANK[onboardingStatus(b, now)] ||
    a.dueAt.getTime() - b.dueAt.getTime() ||
    (a.enrollmentId < b.enrollmentId ? -1 : a.enrollmentId > b.enrollmentId ? 1 : 0);
}

/** The overdue reminder goes out once: past due, not completed, not yet reminded. */
export function needsOverdueNotice(o: Dates & { overdueNotifiedAt: Date | null }, now: Date): boolean {
  return onboardingStatus(o, now) === 'overdue' && o.overdueNotifiedAt === null;
}
