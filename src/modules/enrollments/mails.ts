import { defineMailTemplate } from '../../platform/mail/templates.js';

export const enrollmentSubmittedMail = defineMailTemplate({
  key: 'enrollment_submitted',
  description: 'To the channel account manager (or the admins) when a partner asks to join a program.',
  subject: '{{partnerName}} asks to join {{programName}}',
  body: ['{{partnerName}} asked to join {{programName}}.', '', 'Review the request here:', '{{link}}'].join('\n'),
  variables: {
    partnerName: 'Acme Consulting',
    programName: 'Reseller Program',
    link: 'https://trellis.example/console/partners/…',
  },
});

export const enrollmentApprovedMail = defineMailTemplate({
  key: 'enrollment_approved',
  description: 'To the partner admins when the vendor approves their enrollment in a program.',
  subject: 'Welcome to {{programName}}',
  body: [
    'Hello {{name}},',
    '',
    '{{partnerName}} is approved for {{programName}}{{tierText}}.',
    '{{nextStep}}',
    '',
    'Your partner portal:',
    '{{link}}',
  ].join('\n'),
  variables: {
    name: 'Dana',
    partnerName: 'Acme Consulting',
    programName: 'Reseller Program',
    tierText: ' at the Registered tier',
    nextStep: 'To start, accept the program agreement in the portal.',
    link: 'https://trellis.example/portal',
  },
});

export const enrollmentRejectedMail = defineMailTemplate({
  key: 'enrollment_rejected',
  description: 'To the partner admins when the vendor turns down their request to join a program.',
  subject: 'Your request to join {{programName}}',
  body: [
    'Hello {{name}},',
    '',
    'We are sorry: {{partnerName}} was not accepted into {{programName}}.',
    '',
    'Reason: {{reason}}',
  ].join('\n'),
  variables: {
    name: 'Dana',
    partnerName: 'Acme Consulting',
    programName: 'Reseller Program',
    reason: 'Outside our territory.',
  },
});

export const enrollmentStatusMail = defineMailTemplate({
  key: 'enrollment_status_changed',
  description: 'To the partner admins when an enrollment is suspended, reinstated or terminated.',
  subject: 'Your {{programName}} membership is {{status}}',
  body: [
    'Hello {{name}},',
    '',
    'The membership of {{partnerName}} in {{programName}} is now {{status}}.',
    '',
    'Reason: {{reason}}',
  ].join('\n'),
  variables: {
    name: 'Dana',
    partnerName: 'Acme Consulting',
    programName: 'Reseller Program',
    status: 'suspended',
    reason: 'Unpaid invoices.',
  },
});
