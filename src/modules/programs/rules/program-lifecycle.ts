import { lifecycleOf } from '../../../platform/graph/lifecycle.js';

/** A program's status follows the graph's OPERATIONAL lifecycle: planning → active → paused | completed | sunset. */
export const programLifecycle = lifecycleOf('partner_program');
export const PROGRAM_STATUSES = programLifecycle.statuses;

/** Partners see a program's ladder only while it runs. */
export const PARTNER_VISIBLE_STATUSES = ['active', 'paused'] as const;

export const PROGRAM_TYPES = [
  'reseller',
  'referral',
  'affiliate',
  'msp',
  'system_integrator',
  'technology',
  'consulting',
  'marketplace',
  'alliance',
] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];
