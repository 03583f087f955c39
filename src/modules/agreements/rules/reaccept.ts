import type { EnrollmentStatus } from '../../enrollments/rules/lifecycle.js';

const DAY_MS = 86_400_000;

/** Enrollments that must hold an acceptance of the current agreement: admitted by the vendor and not ended. */
export const MUST_ACCEPT: readonly EnrollmentStatus[] = ['approved', 'active', 'suspended'];

/** Partners already in the program keep their place while they re-read, so they get a deadline. */
const KEEP_PLACE: readonly EnrollmentStatus[] = ['active', 'suspended'];

/** The moment partners already in the program must have accepted a version published at `publishedAt`. */
export function reacceptDeadline(publishedAt: Date, acceptWithinDays: number): Date {
  return new Date(publishedAt.getTime() + acceptWithinDays * DAY_MS);
}

export type AcceptanceDue = { due: false } | { due: true; deadline: Date | null };

/**
 * Whether an enrollment has the current agreement to accept, and by when: an approved newcomer simply stays
 * approved until it accepts (no deadline); an active or suspended member has until the version's deadline.
 */
export function acceptanceDue(
  status: EnrollmentStatus,
  acceptedCurrent: boolean,
  reacceptBy: Date | null,
): AcceptanceDue {
  if (acceptedCurrent || !MUST_ACCEPT.includes(status)) return { due: false };
  return { due: true, deadline: KEEP_PLACE.includes(status) ? reacceptBy : null };
}
