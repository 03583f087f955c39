/** Events that tick an onboarding step by themselves. */
export const ONBOARDING_EVENTS = [
  'agreement_accepted',
  'profile_completed',
  'team_invited',
  'training_completed',
  'first_deal_registered',
] as const;
export type OnboardingEvent = (typeof ONBOARDING_EVENTS)[number];

export const DEFAULT_ONBOARDING_DAYS = 90;

/** The checklist a program starts with (the brief's five steps). */
export const DEFAULT_STEPS: readonly { key: string; title: string; description: string; event: OnboardingEvent }[] = [
  {
    key: 'accept_agreement',
    title: 'Accept the program agreement',
    description: 'A partner admin reads and accepts the current agreement.',
    event: 'agreement_accepted',
  },
  {
    key: 'complete_profile',
    title: 'Complete the company profile',
    description: 'Legal name, website, country, regions, partner types, industries and size.',
    event: 'profile_completed',
  },
  {
    key: 'invite_team',
    title: 'Invite your team',
    description: 'Invite at least one colleague to the portal.',
    event: 'team_invited',
  },
  {
    key: 'sales_training',
    title: 'Finish the sales training',
    description: 'Complete the program’s sales training.',
    event: 'training_completed',
  },
  {
    key: 'first_deal',
    title: 'Register your first deal',
    description: 'Register an opportunity you are working on.',
    event: 'first_deal_registered',
  },
];
