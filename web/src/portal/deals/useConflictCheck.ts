import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ConflictCheck, ConflictCheckInput } from '../../api/deals';

/** How long typing must pause before the customer is looked up. */
const PAUSE_MS = 400;

/**
 * While the partner types a customer's name or domain: whether it looks registered already. The answer never
 * says by whom; it is a warning, and the registration can still be submitted.
 */
export function useConflictCheck(input: { name: string; domain: string; dealId?: string; enabled: boolean }) {
  // one debounced string, so that a pause in either field starts one look-up
  const [typed] = useDebouncedValue(`${input.name.trim()}\n${input.domain.trim()}`, PAUSE_MS);
  const [customerName = '', customerDomain = ''] = typed.split('\n');
  const worthAsking = input.enabled && (customerName.length >= 2 || customerDomain.length > 0);
  const body: ConflictCheckInput = { customerName, customerDomain, dealId: input.dealId };
  const check = useQuery({
    queryKey: ['deals', 'conflict-check', customerName, customerDomain, input.dealId ?? null],
    queryFn: () => api.post<ConflictCheck>('/deals/conflict-check', body),
    enabled: worthAsking,
    // the last answer stays while the next one loads, so the warning does not flicker as the partner types
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
  return worthAsking && check.data?.likelyConflict ? check.data.message : null;
}
