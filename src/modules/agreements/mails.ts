import { defineMailTemplate } from '../../platform/mail/templates.js';

export const agreementToAcceptMail = defineMailTemplate({
  key: 'agreement_to_accept',
  description:
    'To the partner admins when a new version of a program agreement is published and awaits their acceptance.',
  subject: 'Agreement to accept: {{title}} ({{programName}})',
  body: [
    'Hello {{name}},',
    '',
    'Version {{version}} of "{{title}}" for {{programName}} is published.',
    '{{deadlineText}}',
    '',
    'Read and accept it for {{partnerName}} in your partner portal:',
    '{{link}}',
  ].join('\n'),
  variables: {
    name: 'Dana',
    partnerName: 'Acme Consulting',
    programName: 'Reseller Program',
    title: 'Partner agreement',
    version: '2',
    deadlineText: 'Please accept it by 2025-07-01 12:00 UTC.',
    link: 'https://trellis.example/portal/agreements',
  },
});
