import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { onboardingKeys, type Onboarding } from '../../api/onboarding';
import type { Page } from '../../api/types';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OnboardingSummary } from './progress';

/** GET /onboardings as a partner: its own onboardings, overdue first. */
export const myOnboardingsQuery = {
  queryKey: [...onboardingKeys.all, 'mine'] as const,
  queryFn: () => api.get<Page<Onboarding>>('/onboardings', { limit: 100 }),
};

/**
 * A compact summary of the partner's onboardings (progress bar and due date per program), linking to the
 * checklists. `completed` also lists finished ones; by default only those still to do.
 */
export function OnboardingProgress({ completed = false }: { completed?: boolean }) {
  const list = useQuery(myOnboardingsQuery);
  if (list.isPending) return <CenteredLoader py="sm" label="Loading your onboarding" />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const items = list.data.items.filter((o) => completed || o.status !== 'completed');
  if (items.length === 0) {
    return (
      <Text size="sm">
        {list.data.items.length ? 'Your onboarding is complete in every program.' : 'You have no onboarding yet.'}
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <Stack component="ul" gap="md" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((o) => (
          <li key={o.enrollmentId}>
            <OnboardingSummary onboarding={o} />
          </li>
        ))}
      </Stack>
      <Anchor component={Link} to="/portal/onboarding" size="sm">
        Open the checklists
      </Anchor>
    </Stack>
  );
}
