import { Button, Center, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { User } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAuth } from './AuthContext';
import { homeFor } from './roles';

export function FullPageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center component="main" mih="100vh">
      <Loader aria-label={label} />
    </Center>
  );
}

/**
 * Shows its children only to a signed-in user of the given kind: signed out goes to /login (and back after),
 * the other kind goes to its own area.
 */
export function RequireUser({ kind, children }: { kind: User['kind']; children: ReactNode }) {
  const { user, isLoading, error, retry } = useAuth();
  const location = useLocation();

  if (isLoading) return <FullPageLoader />;
  if (error) {
    return (
      <Center component="main" mih="100vh" p="md">
        <Stack maw={480}>
          <ErrorAlert error={error} title="Trellis could not load your session" />
          <Button onClick={retry}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.kind !== kind) return <Navigate to={homeFor(user)} replace />;
  return <>{children}</>;
}

/** Only allow same-site paths as a post-login destination. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return null;
  return next;
}
