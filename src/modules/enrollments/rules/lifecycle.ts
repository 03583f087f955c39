import { lifecycle, type Move, type MoveCheck } from '../../../platform/rules/moves.js';

/** The enrollment lifecycle: a pure table of who may move an enrollment from which status to which. */
export const ENROLLMENT_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'active',
  'rejected',
  'suspended',
  'terminated',
] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** `system` moves happen by themselves: approval + accepted agreement makes an enrollment active. */
export type Mover = 'partner' | 'vendor' | 'system';

export const ENROLLMENT_MOVES: readonly Move<EnrollmentStatus, Mover>[] = [
  { from: 'draft', to: 'submitted', by: ['partner', 'vendor'], reasonRequired: false },
  { from: 'submitted', to: 'approved', by: ['vendor'], reasonRequired: false },
  { from: 'submitted', to: 'rejected', by: ['vendor'], reasonRequired: true },
  { from: 'approved', to: 'active', by: ['system'], reasonRequired: false },
  { from: 'active', to: 'suspended', by: ['vendor'], reasonRequired: true },
  { from: 'suspended', to: 'active', by: ['vendor'], reasonRequired: false },
  { from: 'approved', to: 'terminated', by: ['vendor'], reasonRequired: true },
  { from: 'active', to: 'terminated', by: ['vendor'], reasonRequired: true },
  { from: 'suspended', to: 'terminated', by: ['vendor'], reasonRequired: true },
];

export const { findMove, allowedMoves, checkMove } = lifecycle(ENROLLMENT_MOVES);
export type { MoveCheck };

/** Statuses in which a partner takes part in the program (benefits, deals). */
export const PARTICIPATING: readonly EnrollmentStatus[] = ['active'];
/** Final statuses: nothing moves out of them. */
export const FINAL: readonly EnrollmentStatus[] = ['rejected', 'terminated'];
