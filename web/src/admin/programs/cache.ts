import { useQueryClient } from '@tanstack/react-query';
import type { Program } from '../../api/programs';

/** Cache keys of one program and what hangs off it. */
export const programKeys = {
  one: (id: string) => ['programs', 'one', id] as const,
  history: (id: string) => ['programs', 'history', id] as const,
  tiers: (id: string) => ['programs', 'tiers', id] as const,
  ecosystem: (id: string) => ['programs', 'ecosystem', id] as const,
  enrollments: (id: string) => ['programs', 'enrollments', id] as const,
};

/** Keeps the caches that show a program in step after it changed. */
export function useProgramChanged(id: string) {
  const queryClient = useQueryClient();
  return (p: Program) => {
    queryClient.setQueryData(programKeys.one(id), p);
    // the lists (keyed ['programs', params]); the program's tiers, history… stay as they are
    void queryClient.invalidateQueries({ queryKey: ['programs'], predicate: (q) => typeof q.queryKey[1] === 'object' });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}
