import { useQueryClient } from '@tanstack/react-query';
import type { DealDetail } from '../../api/deals';

/** Cache keys of deal registrations: lists and the queue are keyed ['deals', <kind>, params]. */
export const dealKeys = {
  all: ['deals'] as const,
  one: (id: string) => ['deals', 'one', id] as const,
  list: ['deals', 'list'] as const,
  queue: ['deals', 'queue'] as const,
  queueCount: ['deals', 'queue-count'] as const,
  partner: (partnerId: string) => ['deals', 'partner', partnerId] as const,
  settings: (programId: string) => ['programs', 'deal-settings', programId] as const,
};

/**
 * After a decision: the registration as answered, and everything that may show it or what the decision
 * touched (the other side of a conflict, the queue, the mails sent, the audit log) read again.
 */
export function useDealChanged() {
  const queryClient = useQueryClient();
  return (detail: DealDetail) => {
    queryClient.setQueryData(dealKeys.one(detail.id), detail);
    void queryClient.invalidateQueries({
      queryKey: dealKeys.all,
      predicate: (q) => !(q.queryKey[1] === 'one' && q.queryKey[2] === detail.id),
    });
    void queryClient.invalidateQueries({ queryKey: ['mail'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}
