import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useAuth } from './AuthContext';
import { homeFor } from './roles';

/** Posts to an endpoint that answers with a new session (setup, accepting an invitation), then goes home. */
export function useSessionPost(path: string, body: () => unknown) {
  const navigate = useNavigate();
  const { establish } = useAuth();
  return useMutation({
    mutationFn: async () => establish(await api.post<unknown>(path, body())),
    onSuccess: (user) => navigate(user ? homeFor(user) : '/login', { replace: true }),
  });
}
