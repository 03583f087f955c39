import { lifecycle, type Move, type MoveCheck } from '../../../platform/rules/moves.js';

/** The deal registration lifecycle: a pure table of who may move a registration from which status to which. */
export const DEAL_STATUSES = [
  'draft',
  'submitted',
  'conflict',
  'approved',
  'protected',
  'rejected',
  'withdrawn',
  'expired',
  'won',
  'lost',
] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** Registrations that hold their customer: the earliest of these wins, any later match is a conflict. */
export const ACTIVE_DEAL_STATUSES = ['submitted', 'approved', 'protected'] as const satisfies readonly DealStatus[];
/** Waiting for a channel manager. */
export const QUEUE_STATUSES = ['submitted', 'conflict'] as const satisfies readonly DealStatus[];
/** Nothing moves out of these. */
export const FINAL_DEAL_STATUSES = ['rejected', 'withdrawn', 'expired', 'won', 'lost'] as const;

export const ATTRIBUTIONS = ['sourced', 'influenced'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

export const EXTENSION_STATUSES = ['none', 'requested', 'granted', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** `system` moves happen by themselves: auto-approval, the end of protection. */
export type DealMover = 'partner' | 'vendor' | 'system';

export const DEAL_MOVES: readonly Move<DealStatus, DealMover>[] = [
  // submission: the conflict check decides which of the two
  { from: 'draft', to: 'submitted', by: ['partner'], reasonRequired: false },
  { from: 'draft', to: 'conflict', by: ['partner'], reasonRequired: false },
  // approval protects for the tier's days; `approved` is approval in a program that protects for 0 days
  { from: 'submitted', to: 'protected', by: ['vendor', 'system'], reasonRequired: false },
  { from: 'submitted', to: 'approved', by: ['vendor', 'system'], reasonRequired: false },
  { from: 'submitted', to: 'rejected', by: ['vendor'], reasonRequired: true },
  { from: 'submitted', to: 'withdrawn', by: ['partner'], reasonRequired: false },
  // a conflict is resolved in favour of one side: this one is approved, or rejected
  { from: 'conflict', to: 'protected', by: ['vendor'], reasonRequired: false },
  { from: 'conflict', to: 'approved', by: ['vendor'], reasonRequired: false },
  { from: 'conflict', to: 'rejected', by: ['vendor'], reasonRequired: true },
  { from: 'conflict', to: 'withdrawn', by: ['partner'], reasonRequired: false },
  // an approved registration loses to a conflict resolved the other way
  { from: 'approved', to: 'rejected', by: ['vendor'], reasonRequired: true },
  { from: 'protected', to: 'rejected', by: ['vendor'], reasonRequired: true },
  { from: 'protected', to: 'expired', by: ['system'], reasonRequired: false },
  { from: 'approved', to: 'won', by: ['partner', 'vendor'], reasonRequired: false },
  { from: 'approved', to: 'lost', by: ['partner', 'vendor'], reasonRequired: true },
  { from: 'protected', to: 'won', by: ['partner', 'vendor'], reasonRequired: false },
  { from: 'protected', to: 'lost', by: ['partner', 'vendor'], reasonRequired: true },
];

export const {
  findMove: findDealMove,
  allowedMoves: allowedDealMoves,
  checkMove: checkDealMove,
} = lifecycle(DEAL_MOVES);
export type { MoveCheck };

export const isActive = (status: DealStatus): boolean => (ACTIVE_DEAL_STATUSES as readonly string[]).includes(status);
export const isFinal = (status: DealStatus): boolean => (FINAL_DEAL_STATUSES as readonly string[]).includes(status);

/** The status approval leads to: protected for some days, or approved without an end when the days are 0. */
export const approvedStatus = (protectionDays: number): 'protected' | 'approved' =>
  protectionDays > 0 ? 'protected' : 'approved';
