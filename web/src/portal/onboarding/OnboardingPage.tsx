import { Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { OnboardingChecklist } from './OnboardingChecklist';
import { myOnboardingsQuery } from './OnboardingProgress';

/** The partner's onboarding checklist in each program it joined, overdue ones first. */
export function OnboardingPage() {
  usePageTitle('Onboarding');
  const list = useQuery(myOnboardingsQuery);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Onboarding</Title>
        <Text size="sm">
          The steps to get started in each program you joined. Some tick themselves when they happen; tick the others
          when you have done them.
        </Text>
      </Stack>
      {list.isPending ? (
        <CenteredLoader py="xl" size="md" label="Loading your onboarding" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Text size="sm">You have no onboarding yet. It starts when the vendor approves you in a program.</Text>
      ) : (
        list.data.items.map((o) => (
          <Card key={o.enrollmentId} withBorder padding="lg">
            <OnboardingChecklist enrollmentId={o.enrollmentId} headingOrder={2} />
          </Card>
        ))
      )}
    </Stack>
  );
}
