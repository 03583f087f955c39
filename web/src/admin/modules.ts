import type { Permission } from '../auth/roles';

export interface ConsoleModule {
  label: string;
  /** Path under /console ('' for Home). */
  path: string;
  comingSoon?: boolean;
  /** What the module will do, shown while it is not built yet. */
  description: string;
  /** Shown in the navigation only to users who may do this. */
  permission?: Permission;
}

export const CONSOLE_MODULES: ConsoleModule[] = [
  { label: 'Home', path: '', description: 'An overview of your channel.' },
  { label: 'Products', path: 'products', description: 'The products partners sell, build on and integrate with.' },
  { label: 'Partners', path: 'partners', description: 'The partner companies and their people.' },
  {
    label: 'Applications',
    path: 'applications',
    permission: 'application.read',
    description: 'Companies that applied to a program through its public form, scored and waiting for review.',
  },
  {
    label: 'Programs',
    path: 'programs',
    permission: 'program.read',
    description:
      'Run reseller, referral, affiliate, MSP, system integrator, technology, consulting, marketplace and alliance programs, each with its currency, eligibility rules, agreement, tier ladder, benefits and policies.',
  },
  {
    label: 'Onboarding',
    path: 'onboarding',
    permission: 'onboarding.read',
    description: 'New partners working through their programs’ onboarding checklists, overdue first.',
  },
  {
    label: 'Benefits',
    path: 'benefits',
    permission: 'benefit.read',
    description:
      'The catalog of benefits that program tiers award: discounts, commissions, deal protection, MDF and more.',
  },
  {
    label: 'Graph',
    path: 'graph',
    description: 'Products, their partner programs, tiers and ecosystem as one graph to explore and download.',
  },
  {
    label: 'Deals',
    path: 'deals',
    permission: 'deal.read',
    description:
      'Partners register opportunities; Trellis checks them for channel conflict, first come first served, and channel managers approve them and protect them for the tier’s deal protection period.',
  },
  {
    label: 'House accounts',
    path: 'house-accounts',
    permission: 'house_account.read',
    description:
      'Customers your own sales team holds, which partner registrations may not take, and how closely names are matched.',
  },
  {
    label: 'Incentives',
    path: 'incentives',
    comingSoon: true,
    description:
      'Commissions, referral bounties, SPIFFs, volume rebates, resale margins and marketplace revenue share accrue from won deals in an append-only ledger that finance approves, pays in batches and exports.',
  },
  {
    label: 'MDF',
    path: 'mdf',
    comingSoon: true,
    description:
      'Market development funds: budget a fund per program and quarter, allocate it to partners, co-fund their activities and settle their claims with proof of performance.',
  },
  {
    label: 'Learning',
    path: 'learning',
    comingSoon: true,
    description:
      'Courses by role track, learning paths, certifications with validity and renewal, and partner specializations, with certificates anyone can verify.',
  },
  {
    label: 'Content',
    path: 'content',
    comingSoon: true,
    description:
      'A library of decks, battlecards and campaign kits, visible by program, tier and role, with owners, review dates and co-branded downloads.',
  },
  {
    label: 'Integrations',
    path: 'integrations',
    comingSoon: true,
    description:
      'Technology partners submit integration listings that, once reviewed, appear in a public catalogue; webhooks and the REST API keep your CRM in sync.',
  },
  {
    label: 'Analytics',
    path: 'analytics',
    comingSoon: true,
    description:
      'Partner-sourced and influenced revenue, pipeline, win rates, MDF return, ROPI, partner health and revenue attribution, each as a number, a trend and a CSV.',
  },
];

export const SETTINGS_MODULES: { label: string; path: string; permission?: Permission }[] = [
  { label: 'Users', path: 'users' },
  { label: 'API keys', path: 'api-keys', permission: 'apikey.manage' },
  { label: 'Audit log', path: 'audit', permission: 'audit.read' },
  { label: 'Mail', path: 'mail', permission: 'mail.read' },
];
