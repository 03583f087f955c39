import { useQuery } from '@tanstack/react-query';
import type { EnrollmentWithAgreement } from '../../api/agreements';
import { api } from '../../api/client';

/** Memberships with an agreement to read: closed ones (rejected, terminated) and unsent drafts have none. */
const WITH_AGREEMENT = new Set(['submitted', 'approved', 'active', 'suspended']);

/** The partner's enrollments that concern an agreement, each with its agreement state. */
export const myEnrollmentsQuery = {
  queryKey: ['enrollments', 'mine', 'with-agreement'],
  queryFn: async () =>
    (await api.get<EnrollmentWithAgreement[]>('/enrollments')).filter((e) => WITH_AGREEMENT.has(e.status)),
};

/** True when the company has this membership's current agreement still to accept (a to-do for its admins). */
export const needsAcceptance = (e: EnrollmentWithAgreement) =>
  e.status !== 'submitted' && e.agreement !== null && !e.agreement.accepted;

/** For the portal home's to-dos: the memberships whose agreement waits for a partner admin, soonest deadline first. */
export function usePendingAgreements() {
  const query = useQuery(myEnrollmentsQuery);
  const pending = (query.data ?? [])
    .filter(needsAcceptance)
    .sort((a, b) => (a.agreement?.acceptBy ?? '9').localeCompare(b.agreement?.acceptBy ?? '9'));
  return { ...query, pending };
}

/** Where a partner reads (and accepts) one membership's agreement. */
export const agreementPath = (enrollmentId: string) => `/portal/agreements/${encodeURIComponent(enrollmentId)}`;
