import { type DealStatus, isFinal } from './lifecycle.js';

/**
 * One collision of a registration waiting in `conflict`: the registration it collided with (its status, and
 * when it last changed) or a house account; both empty once the house account was deleted.
 */
export type Collision = {
  withDealId: string | null;
  withStatus: DealStatus | null;
  withChangedAt: Date | null;
  houseAccountId: string | null;
};

const lapsed = (c: Collision) =>
  c.withDealId !== null && c.houseAccountId === null && c.withStatus !== null && isFinal(c.withStatus);

/**
 * The holder is no longer active: the conflict collided with registrations only, and every one of them is final
 * now. A house account (or one deleted since, whose link is empty) or a registration still active does not count.
 */
export function holderLapsed(collisions: readonly Collision[]): boolean {
  return collisions.length > 0 && collisions.every(lapsed);
}

/**
 * The registration whose move made the holder lapse: the last of them to change (a final registration changes no
 * more), then the greatest id, so that two moves in one transaction still name one. Its event alone mails.
 */
export function lastToLapse(collisions: readonly Collision[]): string | null {
  if (!holderLapsed(collisions)) return null;
  const key = (c: Collision) => [c.withChangedAt?.getTime() ?? 0, c.withDealId ?? ''] as const;
  const last = collisions.reduce((a, b) => {
    const [ta, ia] = key(a);
    const [tb, ib] = key(b);
    return tb > ta || (tb === ta && ib > ia) ? b : a;
  });
  return last.withDealId;
}
