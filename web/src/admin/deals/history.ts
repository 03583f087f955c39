import type { DealEvent } from '../../api/deals';

/**
 * The history in the order things happened. Events written in one transaction share their time, and their ids
 * say nothing of order: within one time, creation comes first and status moves follow each other (the move
 * out of a status after the move into it).
 */
export function inOrder(events: DealEvent[]): DealEvent[] {
  const groups = new Map<string, DealEvent[]>();
  for (const e of events) groups.set(e.createdAt, [...(groups.get(e.createdAt) ?? []), e]);
  return [...groups.entries()]
    .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
    .flatMap(([, group]) => {
      const created = group.filter((e) => e.kind === 'created');
      const moves = group.filter((e) => e.kind === 'status');
      const rest = group.filter((e) => e.kind !== 'created' && e.kind !== 'status');
      const chained: DealEvent[] = [];
      let left = moves;
      while (left.length) {
        // the next move starts from a status no remaining move leads to
        const next = left.find((m) => !left.some((o) => o !== m && o.toStatus === m.fromStatus)) ?? left[0]!;
        chained.push(next);
        left = left.filter((m) => m !== next);
      }
      return [...created, ...chained, ...rest];
    });
}
