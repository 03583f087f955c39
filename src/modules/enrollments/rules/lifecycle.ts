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

type Move = { from: EnrollmentStatus; to: EnrollmentStatus; by: readonly Mover[]; reasonRequired: boolean };

export const ENROLLMENT_MOVES: readonly Move[] = [
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

export function findMove(from: EnrollmentStatus, to: EnrollmentStatus): Move | undefined {
  return ENROLLMENT_MOVES.find((m) => m.from === from && m.to === to);
}

/** The statuses `by` may move an enrollment to from `from`. */
export function allowedMoves(from: EnrollmentStatus, by: Mover): EnrollmentStatus[] {
  return ENROLLMENT_MOVES.filter((m) => m.from === from && m.by.includes(by)).map((m) => m.to);
}

export type MoveCheck = { ok: true } | { ok: false; code: 'invalid_transition' | 'reason_required'; message: string };

export function checkMove(from: EnrollmentStatus, to: EnrollmentStatus, by: Mover, reason: string): MoveCheck {
  const move = findMove(from, to);
  if (!move || !move.by.includes(by)) {
    const allowed = allowedMoves(from, by);
    return {
      ok: false,
      code: 'invalid_transition',
      message: `cannot move from ${from} to ${to}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}`,
    };
  }
  if (move.reasonRequired && reason.trim() === '')
    return { ok: false, code: 'reason_required', message: `a reason is required to move to ${to}` };
  return { ok: true };
}

/** Statuses in which a partner takes part in the program (benefits, deals). */
export const PARTICIPATING: readonly EnrollmentStatus[] = ['active'];
/** Final statuses: nothing moves out of them. */
export const FINAL: readonly EnrollmentStatus[] = ['rejected', 'terminated'];
