import { Badge, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { DealQueuePage, DealQueueParams } from '../../api/deals';
import { dealKeys } from './cache';

/** How many registrations the queue holds under `params`, and how many are overdue; undefined while unknown. */
export function useDealQueueTotals(params: DealQueueParams, enabled = true) {
  const queue = useQuery({
    queryKey: [...dealKeys.queueCount, params],
    // the counts come with every page: the smallest page is enough
    queryFn: () => api.get<DealQueuePage>('/deals/queue', { ...params, limit: 1 }),
    select: ({ total, overdue }) => ({ total, overdue }),
    enabled,
    staleTime: 60_000,
  });
  return queue.data;
}

/** How many registrations of the user's partners wait for review, as "12"; null while unknown or none. */
export function useDealQueueCount(enabled: boolean): string | null {
  const totals = useDealQueueTotals({}, enabled);
  if (!enabled || !totals?.total) return null;
  return String(totals.total);
}

/** The count beside "Deals" in the navigation. */
export function QueueCount({ count }: { count: string }) {
  return (
    <Badge size="sm" circle={count.length < 3} color="red.9" variant="filled">
      {count}
      <VisuallyHidden> to review</VisuallyHidden>
    </Badge>
  );
}
