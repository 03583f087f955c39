export interface PortalModule {
  label: string;
  path: string;
  comingSoon?: boolean;
  description: string;
}

export const PORTAL_MODULES: PortalModule[] = [
  { label: 'Home', path: '', description: 'Your company and your team.' },
  { label: 'Company', path: 'company', description: 'Your company profile: name, website, regions and logo.' },
  { label: 'Team', path: 'team', description: 'The people of your company in Trellis.' },
  { label: 'Products', path: 'products', description: 'The products you sell and build on.' },
  {
    label: 'Deals',
    path: 'deals',
    description:
      'Register your opportunities, see whether they are approved and protected, extend protection once, and close them won or lost.',
  },
  {
    label: 'Programs',
    path: 'programs',
    description: 'The programs open to you: their tiers, what each tier awards, and where you stand.',
  },
  {
    label: 'Agreements',
    path: 'agreements',
    description: 'The agreements of your programs: read them, accept them, and keep the receipts.',
  },
  {
    label: 'Onboarding',
    path: 'onboarding',
    description: 'The steps to get started in each program you joined, and how far you are.',
  },
  {
    label: 'Learning',
    path: 'learning',
    comingSoon: true,
    description:
      'Courses and learning paths for sales, pre-sales, technical and support roles, and the certifications they earn.',
  },
  {
    label: 'Content',
    path: 'content',
    comingSoon: true,
    description: 'Decks, battlecards and campaign kits for your programs and tier, with co-branded downloads.',
  },
];
