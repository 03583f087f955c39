import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client';
import type { Session, User } from '../api/types';
import { roleMay, type Permission } from './roles';

export const SESSION_KEY = ['session'] as const;

interface AuthState {
  user: User | null;
  /** Whether the signed-in user may do an action (to show or hide its controls). */
  can: (permission: Permission) => boolean;
  isLoading: boolean;
  error: unknown;
  /** Use the session a sign-in answered, or load it again when none is given. */
  establish: (session?: unknown) => Promise<User | null>;
  signIn: (email: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

function isSession(value: unknown): value is Session {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<Session>;
  return !!v.user && typeof v.csrfToken === 'string';
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });

  const setSession = useCallback(
    (session: Session | null) => {
      setCsrfToken(session?.csrfToken ?? null);
      queryClient.setQueryData(SESSION_KEY, session);
    },
    [queryClient],
  );

  const establish = useCallback(
    async (session?: unknown) => {
      // Data cached for another user must never show.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      if (isSession(session)) {
        setSession(session);
        return session.user;
      }
      const fresh = await queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 0 });
      return fresh?.user ?? null;
    },
    [queryClient, setSession],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const session = await api.post<Session>('/auth/login', { email, password });
      const user = await establish(session);
      if (!user) throw new ApiError({ status: 401, code: 'unauthorized', detail: 'Sign-in failed' });
      return user;
    },
    [establish],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } catch {
      // Signed out either way: the local session is dropped below.
    } finally {
      setSession(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    }
  }, [queryClient, setSession]);

  const value = useMemo<AuthState>(
    () => ({
      user: query.data?.user ?? null,
      can: (permission: Permission) => {
        const session = query.data;
        if (!session) return false;
        if (Array.isArray(session.permissions)) return session.permissions.includes(permission);
        return roleMay(session.user.role, permission);
      },
      isLoading: query.isPending,
      error: query.error,
      establish,
      signIn,
      signOut,
      retry: () => void query.refetch(),
    }),
    [query.data, query.isPending, query.error, establish, signIn, signOut, query],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The permission check of the signed-in user. */
export function useCan(): (permission: Permission) => boolean {
  return useAuth().can;
}

/** The signed-in user, for pages that are only reachable signed in. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser needs a signed-in user');
  return user;
}
