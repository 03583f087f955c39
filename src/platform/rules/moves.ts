/** A status lifecycle as data: which moves exist, who may make each, and which need a reason. */
export type Move<S extends string, M extends string> = {
  from: S;
  to: S;
  by: readonly M[];
  reasonRequired: boolean;
};

export type MoveCheck = { ok: true } | { ok: false; code: 'invalid_transition' | 'reason_required'; message: string };

/** The look-ups every lifecycle needs, over one table of moves. */
export function lifecycle<S extends string, M extends string>(moves: readonly Move<S, M>[]) {
  const findMove = (from: S, to: S) => moves.find((m) => m.from === from && m.to === to);
  /** The statuses `by` may move to from `from`. */
  const allowedMoves = (from: S, by: M): S[] =>
    moves.filter((m) => m.from === from && m.by.includes(by)).map((m) => m.to);
  const checkMove = (from: S, to: S, by: M, reason: string): MoveCheck => {
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
  };
  return { findMove, allowedMoves, checkMove };
}
