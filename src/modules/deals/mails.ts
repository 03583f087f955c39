import { defineMailTemplate } from '../../platform/mail/templates.js';

const deal = {
  reference: 'DR-1042',
  customerName: 'Globex Ltd',
  programName: 'Reseller Program',
};

export const dealSubmittedMail = defineMailTemplate({
  key: 'deal_submitted',
  description: "To the partner's channel account manager (or the admins) when a partner registers a deal.",
  subject: '{{partnerName}} registered {{customerName}} ({{reference}})',
  body: [
    '{{partnerName}} registered {{customerName}} in {{programName}}: {{amount}}, closing {{closeDate}}.',
    '{{conflictText}}',
    'Please decide by {{dueDate}}:',
    '{{link}}',
  ].join('\n'),
  variables: {
    ...deal,
    partnerName: 'Acme Consulting',
    amount: '48000.00 USD',
    closeDate: '2027-03-31',
    conflictText: 'It conflicts with an earlier registration or a house account.',
    dueDate: '2026-11-24',
    link: 'https://trellis.example/console/deals/…',
  },
});

export const dealConflictMail = defineMailTemplate({
  key: 'deal_conflict',
  description: 'To the partner when its registration matches a customer someone already holds (never says who).',
  subject: 'Your registration {{reference}} needs review',
  body: [
    'Hello {{name}},',
    '',
    'Your registration of {{customerName}} ({{reference}}) matches a customer that is already registered or',
    'handled directly. Your channel manager will review it and let you know.',
    '',
    '{{link}}',
  ].join('\n'),
  variables: { ...deal, name: 'Dana', link: 'https://trellis.example/portal/deals/…' },
});

export const dealApprovedMail = defineMailTemplate({
  key: 'deal_approved',
  description:
    "To the partner when its registration is approved (and protected); with the channel manager's reason when a conflict was resolved in its favour.",
  subject: 'Approved: {{customerName}} ({{reference}})',
  body: [
    'Hello {{name}},',
    '',
    'Your registration of {{customerName}} is approved. {{protectionText}}{{reasonText}}',
    '',
    '{{link}}',
  ].join('\n'),
  variables: {
    ...deal,
    name: 'Dana',
    protectionText: 'It is protected until 2027-01-20.',
    // empty unless a conflict was resolved in the partner's favour: then the channel manager's reason
    reasonText: '\n\nThe conflict was resolved in your favour. Reason: Your team has the relationship.',
    link: 'https://trellis.example/portal/deals/…',
  },
});

export const dealRejectedMail = defineMailTemplate({
  key: 'deal_rejected',
  description: 'To the partner when its registration is rejected, with the reason.',
  subject: 'Not approved: {{customerName}} ({{reference}})',
  body: [
    'Hello {{name}},',
    '',
    'Your registration of {{customerName}} was not approved.',
    '',
    'Reason: {{reason}}',
    '',
    '{{link}}',
  ].join('\n'),
  variables: {
    ...deal,
    name: 'Dana',
    reason: 'The customer is handled directly.',
    link: 'https://trellis.example/portal/deals/…',
  },
});

export const dealConflictHolderLapsedMail = defineMailTemplate({
  key: 'deal_conflict_holder_lapsed',
  description:
    'To the channel account manager (or the admins) when no registration a conflict collided with is active any more: it can be resolved.',
  subject: 'Conflict can be resolved: {{customerName}} ({{reference}})',
  body: [
    '{{partnerName}} registered {{customerName}} ({{reference}}) in {{programName}}; it waits for review as a conflict.',
    '',
    'What it collided with is no longer active: {{holders}}. It can be resolved now; resolving it in its favour',
    'rejects whoever holds the customer at that moment.',
    '',
    '{{link}}',
  ].join('\n'),
  variables: {
    ...deal,
    partnerName: 'Acme Consulting',
    holders: 'DR-1041 (withdrawn)',
    link: 'https://trellis.example/console/deals/…',
  },
});

export const dealExtensionRequestedMail = defineMailTemplate({
  key: 'deal_extension_requested',
  description: 'To the channel account manager when a partner asks to extend a protected registration.',
  subject: '{{partnerName}} asks to extend {{reference}}',
  body: [
    '{{partnerName}} asks to extend the protection of {{customerName}} ({{reference}}), now until {{protectedUntil}}.',
    '',
    'Reason: {{reason}}',
    '',
    '{{link}}',
  ].join('\n'),
  variables: {
    ...deal,
    partnerName: 'Acme Consulting',
    protectedUntil: '2027-01-20',
    reason: 'The customer moved the decision to next quarter.',
    link: 'https://trellis.example/console/deals/…',
  },
});

export const dealExtensionDecidedMail = defineMailTemplate({
  key: 'deal_extension_decided',
  description: 'To the partner when its extension request is granted or refused.',
  subject: 'Extension {{decision}}: {{customerName}} ({{reference}})',
  body: [
    'Hello {{name}},',
    '',
    'Your extension request for {{customerName}} was {{decision}}. {{detail}}',
    '',
    '{{link}}',
  ].join('\n'),
  variables: {
    ...deal,
    name: 'Dana',
    decision: 'granted',
    detail: 'It is now protected until 2027-02-19.',
    link: 'https://trellis.example/portal/deals/…',
  },
});

export const dealExpiringMail = defineMailTemplate({
  key: 'deal_expiring',
  description: 'To the partner a week before the protection of a registration ends.',
  subject: 'Protection ends soon: {{customerName}} ({{reference}})',
  body: [
    'Hello {{name}},',
    '',
    'The protection of {{customerName}} ends on {{protectedUntil}}. Close it as won or lost before then,',
    'or ask for an extension{{extensionText}}.',
    '',
    '{{link}}',
  ].join('\n'),
  variables: {
    ...deal,
    name: 'Dana',
    protectedUntil: '2027-01-20',
    extensionText: ' (30 days, once)',
    link: 'https://trellis.example/portal/deals/…',
  },
});

export const dealExpiredMail = defineMailTemplate({
  key: 'deal_expired',
  description: 'To the partner when the protection of a registration has ended and the customer is free again.',
  subject: 'Protection ended: {{customerName}} ({{reference}})',
  body: [
    'Hello {{name}},',
    '',
    'The protection of {{customerName}} ended on {{protectedUntil}}; the customer is open to registration again.',
    '',
    '{{link}}',
  ].join('\n'),
  variables: { ...deal, name: 'Dana', protectedUntil: '2027-01-20', link: 'https://trellis.example/portal/deals/…' },
});

const won = { ...deal, amount: '51250.50 USD', closeDate: '2026-12-15' };
const lost = { ...deal, reason: 'The customer chose a competitor.' };

export const dealWonByPartnerMail = defineMailTemplate({
  key: 'deal_won_by_partner',
  description: "To the partner's channel account manager (or the admins) when a partner closes a registration as won.",
  subject: '{{partnerName}} won {{customerName}} ({{reference}})',
  body: [
    '{{partnerName}} closed {{customerName}} ({{reference}}) in {{programName}} as won: {{amount}}, closed on {{closeDate}}.',
    '',
    '{{link}}',
  ].join('\n'),
  variables: { ...won, partnerName: 'Acme Consulting', link: 'https://trellis.example/console/deals/…' },
});

export const dealLostByPartnerMail = defineMailTemplate({
  key: 'deal_lost_by_partner',
  description: "To the partner's channel account manager (or the admins) when a partner closes a registration as lost.",
  subject: '{{partnerName}} lost {{customerName}} ({{reference}})',
  body: [
    '{{partnerName}} closed {{customerName}} ({{reference}}) in {{programName}} as lost.',
    '',
    'Reason: {{reason}}',
    '',
    '{{link}}',
  ].join('\n'),
  variables: { ...lost, partnerName: 'Acme Consulting', link: 'https://trellis.example/console/deals/…' },
});

export const dealWonByVendorMail = defineMailTemplate({
  key: 'deal_won_by_vendor',
  description: 'To the partner when the channel team closes its registration as won.',
  subject: 'Closed won: {{customerName}} ({{reference}})',
  body: [
    'Hello {{name}},',
    '',
    'The channel team closed your registration of {{customerName}} as won: {{amount}}, closed on {{closeDate}}.',
    '',
    '{{link}}',
  ].join('\n'),
  variables: { ...won, name: 'Dana', link: 'https://trellis.example/portal/deals/…' },
});

export const dealLostByVendorMail = defineMailTemplate({
  key: 'deal_lost_by_vendor',
  description: 'To the partner when the channel team closes its registration as lost, with the reason.',
  subject: 'Closed lost: {{customerName}} ({{reference}})',
  body: [
    'Hello {{name}},',
    '',
    'The channel team closed your registration of {{customerName}} as lost.',
    '',
    'Reason: {{reason}}',
    '',
    '{{link}}',
  ].join('\n'),
  variables: { ...lost, name: 'Dana', link: 'https://trellis.example/portal/deals/…' },
});
