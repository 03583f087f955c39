import { defineMailTemplate } from '../../platform/mail/templates.js';

// Plain text: it reads the same in any client and in the console.

export const invitationMail = defineMailTemplate({
  key: 'invitation',
  description: 'Sent to someone invited to the console or to a partner portal, with the link to accept.',
  subject: 'You are invited to {{invitedTo}}',
  body: [
    '{{inviter}} invited you to {{destination}} as {{role}}.',
    '',
    'Accept the invitation and choose your password here:',
    '{{link}}',
    '',
    'The link works once and expires in 7 days.',
  ].join('\n'),
  variables: {
    inviter: 'Ada Lovelace',
    role: 'partner admin',
    partnerName: 'Acme',
    invitedTo: 'Acme on Trellis',
    destination: "Acme's partner portal",
    link: 'https://trellis.example.com/accept-invite?token=example',
  },
});

/** The variables of an invitation: where it leads reads differently for the console and a partner portal. */
export function invitationVars(input: { link: string; role: string; partnerName: string | null; inviter: string }) {
  const { partnerName } = input;
  return {
    inviter: input.inviter,
    role: input.role.replaceAll('_', ' '),
    partnerName: partnerName ?? '',
    invitedTo: partnerName ? `${partnerName} on Trellis` : 'Trellis',
    destination: partnerName ? `${partnerName}'s partner portal` : 'the Trellis console',
    link: input.link,
  };
}

export const passwordResetMail = defineMailTemplate({
  key: 'password_reset',
  description: 'Sent when someone asks to reset the password of an account, with the link to choose a new one.',
  subject: 'Reset your Trellis password',
  body: [
    'Someone asked to reset the password of your Trellis account.',
    '',
    'Choose a new password here:',
    '{{link}}',
    '',
    'The link works once and expires in 1 hour. If it was not you, ignore this mail; your password stays as it is.',
  ].join('\n'),
  variables: {
    name: 'Ada Lovelace',
    link: 'https://trellis.example.com/reset-password?token=example',
  },
});
