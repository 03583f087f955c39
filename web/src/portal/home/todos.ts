import type { Deal } from '../../api/deals';
import type { Onboarding } from '../../api/onboarding';
import type { Enrollment } from '../../api/programs';
import type { Partner } from '../../api/types';
import { daysText, dealName, endingSoon } from '../deals/format';
import { dealPath, editDealPath } from '../deals/queries';
import { formatDate } from '../onboarding/progress';

export interface Todo {
  id: string;
  text: string;
  /** Where it gets done. */
  to: string;
  linkLabel: string;
  /** Overdue or blocking: listed first and marked. */
  urgent: boolean;
}

/** The profile fields onboarding asks for (the server's completeness rule says the same). */
export function missingProfileFields(p: Partner): string[] {
  const missing: string[] = [];
  if (!p.legalName) missing.push('legal name');
  if (!p.website) missing.push('website');
  if (!p.country) missing.push('country');
  if (p.regions.length === 0) missing.push('regions');
  if (p.partnerTypes.length === 0) missing.push('partner types');
  if (p.industries.length === 0) missing.push('industries');
  if (!p.companySize) missing.push('company size');
  return missing;
}

/** What the partner's people have to do next, from its memberships and profile; the most pressing first. */
export function todosOf(input: {
  enrollments: Enrollment[];
  onboardings: Onboarding[];
  partner: Partner | undefined;
  isAdmin: boolean;
  /** The company's drafts and protected registrations. */
  deals: Deal[];
  /** The signed-in user: their own drafts are theirs to finish. */
  userId: string;
}): Todo[] {
  const todos: Todo[] = [];
  const bySoonestEnd = [...input.deals].sort((a, b) => (a.protectedUntil ?? '').localeCompare(b.protectedUntil ?? ''));
  for (const d of bySoonestEnd) {
    const left = endingSoon(d);
    if (left !== null)
      todos.push({
        id: `deal-protection-${d.id}`,
        text: `Protection of ${dealName(d)} ends on ${formatDate(d.protectedUntil!)} (${daysText(left)}): close it won or lost${d.actions.includes('requestExtension') ? ', or ask for an extension' : ''}.`,
        to: dealPath(d.id),
        linkLabel: 'Open the deal',
        urgent: true,
      });
  }
  for (const d of input.deals)
    if (d.status === 'draft' && d.ownerUserId === input.userId)
      todos.push({
        id: `deal-draft-${d.id}`,
        text: `${dealName(d)} is a draft: submit it to register the customer.`,
        to: editDealPath(d.id),
        linkLabel: 'Finish the registration',
        urgent: false,
      });
  for (const e of input.enrollments) {
    const a = e.agreement;
    if (a && !a.accepted && (e.status === 'approved' || e.status === 'active' || e.status === 'suspended')) {
      const by = a.acceptBy ? ` by ${formatDate(a.acceptBy)}` : '';
      todos.push({
        id: `agreement-${e.id}`,
        text: input.isAdmin
          ? `Accept the ${e.programName} agreement (version ${a.version})${by}${e.status === 'approved' ? ' to start in the program' : ''}.`
          : `A partner admin of your company must accept the ${e.programName} agreement${by}.`,
        to: `/portal/agreements/${encodeURIComponent(e.id)}`,
        linkLabel: input.isAdmin ? 'Read and accept' : 'See the agreement',
        urgent: e.status === 'approved' || Boolean(a.acceptBy && new Date(a.acceptBy) < new Date()),
      });
    }
    if (e.status === 'draft' && input.isAdmin)
      todos.push({
        id: `draft-${e.id}`,
        text: `Your request to join ${e.programName} is a draft: submit it for review.`,
        to: '/portal/programs',
        linkLabel: 'Open programs',
        urgent: false,
      });
  }
  for (const o of input.onboardings) {
    if (o.status === 'completed') continue;
    const left = o.total - o.done;
    todos.push({
      id: `onboarding-${o.enrollmentId}`,
      text:
        o.status === 'overdue'
          ? `Onboarding in ${o.programName} is overdue: ${left} of ${o.total} steps left.`
          : `Finish onboarding in ${o.programName}: ${left} of ${o.total} steps left, due ${formatDate(o.dueAt)}.`,
      to: '/portal/onboarding',
      linkLabel: 'Open the checklist',
      urgent: o.status === 'overdue',
    });
  }
  if (input.partner && input.isAdmin) {
    const missing = missingProfileFields(input.partner);
    if (missing.length)
      todos.push({
        id: 'profile',
        text: `Complete your company profile: ${missing.join(', ')}.`,
        to: '/portal/company',
        linkLabel: 'Edit the profile',
        urgent: false,
      });
  }
  return todos.sort((a, b) => Number(b.urgent) - Number(a.urgent));
}
