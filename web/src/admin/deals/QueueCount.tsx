import { Badge, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Deal } from '../../api/deals';
import type { Page } from '../../api/types';
import { dealKeys } from './cache';

const PAGE = 100;

/** How many registrations of the user's partners wait for review, as "12" or "100+"; null while unknown or none. */
export function useDealQueueCount(enabled: boolean): string | null {
  const queue = useQuery({
    queryKey: dealKeys.queueCount,
    // one page of the user's own queue: the count the navigation shows needs nothing more
    queryFn: () => api.get<Page<Deal>>('/deals/queue', { limit: PAGE }),
    enabled,
    staleTime: 60_000,
  });
  const n = queue.data?.items.length ?? 0;
  if (!enabled || n === 0) return null;
  return queue.data?.nextCursor ? `${PAGE}+` : String(n);
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
