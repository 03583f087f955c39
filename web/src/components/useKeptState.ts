import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type SetStateAction } from 'react';

/**
 * Component state that outlives the component for a while: unsaved edits in a tab survive switching to another
 * tab and back. It is kept in the query cache under `key`, so it is dropped with the rest of the cache on
 * sign-out, and forgotten like an unused query once nothing shows it. A new key starts from what is kept under
 * it (or `initial`).
 */
export function useKeptState<T>(key: readonly unknown[], initial: T) {
  const queryClient = useQueryClient();
  const id = JSON.stringify(key);
  const kept = (k: string) => queryClient.getQueryData<T>(JSON.parse(k) as unknown[]) ?? initial;
  const [state, setState] = useState(() => ({ id, value: kept(id) }));
  let current = state;
  if (state.id !== id) {
    current = { id, value: kept(id) };
    setState(current);
  }

  useEffect(() => {
    queryClient.setQueryData(JSON.parse(current.id) as unknown[], current.value);
  }, [queryClient, current.id, current.value]);

  const set = (action: SetStateAction<T>) =>
    setState((s) => ({
      id: s.id,
      value: typeof action === 'function' ? (action as (prev: T) => T)(s.value) : action,
    }));
  return [current.value, set] as const;
}
