import { defineMailTemplate } from '../../platform/mail/templates.js';

/** Sent once per onboarding, when its due date passes before the checklist is done. */
export const onboardingOverdueMail = defineMailTemplate({
  key: 'onboarding_overdue',
  description: 'To the partner admins and the channel account manager when a partner’s onboarding is overdue.',
  subject: 'Onboarding in {{programName}} is overdue for {{partnerName}}',
  body: [
    'Hello,',
    '',
    'The onboarding of {{partnerName}} in {{programName}} was due on {{dueDate}} and is not finished yet:',
    '{{done}} of {{total}} steps are done.',
    '',
    'Still to do:',
    '{{remainingSteps}}',
    '',
    'See the checklist here:',
    '{{link}}',
  ].join('\n'),
  variables: {
    partnerName: 'Acme Networks',
    programName: 'Reseller Program',
    dueDate: '2025-03-31',
    done: '3',
    total: '5',
    remainingSteps: '- Finish the sales training\n- Register your first deal',
    link: 'https://trellis.example.com/portal/onboarding',
  },
});
