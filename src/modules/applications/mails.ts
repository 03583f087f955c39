import { defineMailTemplate } from '../../platform/mail/templates.js';

export const applicationReceivedMail = defineMailTemplate({
  key: 'application_received',
  description: 'To the applicant when an application to a program arrives through the public form.',
  subject: 'We received your application to {{programName}}',
  body: [
    'Hello {{name}},',
    '',
    'Thank you for applying to {{programName}} on behalf of {{companyName}}.',
    'Our team reviews every application and will write to you with the decision.',
    '',
    'Your reference: {{reference}}',
  ].join('\n'),
  variables: {
    name: 'Dana',
    companyName: 'Acme Consulting',
    programName: 'Reseller Program',
    reference: '0b6f2a9e-…',
  },
});

export const applicationToReviewMail = defineMailTemplate({
  key: 'application_to_review',
  description: 'To the reviewers (admins and channel managers) when an application arrives.',
  subject: 'New application to {{programName}}: {{companyName}}',
  body: [
    '{{companyName}} ({{domain}}) applied to {{programName}}.',
    'Score {{score}} of 100, {{eligibility}}.{{duplicateText}}',
    '',
    'Review it here:',
    '{{link}}',
  ].join('\n'),
  variables: {
    companyName: 'Acme Consulting',
    domain: 'acme.example',
    programName: 'Reseller Program',
    score: '80',
    eligibility: 'eligible',
    duplicateText: ' The domain applied before.',
    link: 'https://trellis.example/console/applications/…',
  },
});

export const applicationApprovedMail = defineMailTemplate({
  key: 'application_approved',
  description: 'To the applicant when a reviewer approves the application.',
  subject: 'Welcome to {{programName}}',
  body: ['Hello {{name}},', '', 'Good news: {{companyName}} is approved for {{programName}}.', '{{nextStep}}'].join(
    '\n',
  ),
  variables: {
    name: 'Dana',
    companyName: 'Acme Consulting',
    programName: 'Reseller Program',
    nextStep: 'We sent you a separate mail with a link to set up your account in the partner portal.',
  },
});

export const applicationRejectedMail = defineMailTemplate({
  key: 'application_rejected',
  description: 'To the applicant when a reviewer turns the application down; the reason is included.',
  subject: 'Your application to {{programName}}',
  body: [
    'Hello {{name}},',
    '',
    'Thank you for your interest. We are sorry: the application of {{companyName}} to {{programName}} was not accepted.',
    '',
    'Reason: {{reason}}',
  ].join('\n'),
  variables: {
    name: 'Dana',
    companyName: 'Acme Consulting',
    programName: 'Reseller Program',
    reason: 'We are not looking for partners in your region at the moment.',
  },
});
