import { Group, Progress, Stack, Text } from '@mantine/core';
import type { Onboarding, OnboardingStatus } from '../../api/onboarding';
import { formatDateTime } from '../../components/format';
import { StatusBadge } from '../../components/StatusBadge';

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

const STATUS_LABELS: Record<OnboardingStatus, string> = {
  open: 'In progress',
  overdue: 'Overdue',
  completed: 'Completed',
};

export function OnboardingStatusBadge({ status }: { status: OnboardingStatus }) {
  return <StatusBadge status={status} label={STATUS_LABELS[status]} />;
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** "12 days left", "3 days overdue" or "Completed on …", with the due date. */
export function dueText(o: Onboarding): string {
  if (o.completedAt) return `Completed on ${formatDate(o.completedAt)}`;
  if (o.daysOverdue !== null) return `${days(o.daysOverdue)} overdue (due ${formatDate(o.dueAt)})`;
  return `${days(o.daysLeft ?? 0)} left (due ${formatDate(o.dueAt)})`;
}

/** A progress bar named for what it measures, with the steps done in words beside it. */
export function OnboardingProgressBar({ onboarding: o, label }: { onboarding: Onboarding; label: string }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Progress
        value={o.percent}
        aria-label={label}
        color={o.status === 'overdue' ? 'red.8' : o.status === 'completed' ? 'green.8' : 'indigo.7'}
        size="lg"
        radius="sm"
        style={{ flex: 1, minWidth: 80 }}
      />
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {o.done} of {o.total} steps
      </Text>
    </Group>
  );
}

/** Progress and due date of one onboarding in a few lines, e.g. on the portal's home page. */
export function OnboardingSummary({ onboarding: o }: { onboarding: Onboarding }) {
  return (
    <Stack gap={4}>
      <Group gap="xs" justify="space-between">
        <Text size="sm" fw={600}>
          {o.programName || 'Program'}
        </Text>
        <OnboardingStatusBadge status={o.status} />
      </Group>
      <OnboardingProgressBar onboarding={o} label={`Onboarding in ${o.programName || 'the program'}`} />
      <Text size="xs" c="gray.8">
        {dueText(o)}
      </Text>
    </Stack>
  );
}

/** When a step was ticked and by whom, in a line. */
export const doneLine = (doneBy: string | null, doneAt: string | null) =>
  `Done ${doneAt ? formatDateTime(doneAt) : ''}${doneBy ? ` · ${doneBy}` : ''}`;
