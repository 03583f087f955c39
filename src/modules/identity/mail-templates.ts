/** Mail texts of the identity module. Plain text: it reads the same in any client and in the console. */
export function invitationMail(input: { link: string; role: string; partnerName: string | null; inviter: string }) {
  const where = input.partnerName ? `${input.partnerName}'s partner portal` : 'the Trellis console';
  return {
    template: 'invitation',
    subject: `You are invited to ${input.partnerName ? input.partnerName + ' on Trellis' : 'Trellis'}`,
    text: [
      `${input.inviter} invited you to ${where} as ${input.role.replace('_', ' ')}.`,
      '',
      'Accept the invitation and choose your password here:',
      input.link,
      '',
      'The link works once and expires in 7 days.',
    ].join('\n'),
  };
}

export function passwordResetMail(input: { link: string }) {
  return {
    template: 'password_reset',
    subject: 'Reset your Trellis password',
    text: [
      'Someone asked to reset the password of your Trellis account.',
      '',
      'Choose a new password here:',
      input.link,
      '',
      'The link works once and expires in 1 hour. If it was not you, ignore this mail; your password stays as it is.',
    ].join('\n'),
  };
}
