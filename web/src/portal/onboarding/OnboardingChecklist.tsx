import { Checkbox, Group, Stack, Text, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import {
  EVENT_LABELS,
  onboardingKeys,
  type OnboardingChecklist as Checklist,
  type OnboardingStep,
} from '../../api/onboarding';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { doneLine, dueText, OnboardingProgressBar, OnboardingStatusBadge } from './progress';

/** GET /enrollments/{id}/onboarding: one enrollment's checklist with each step's state. */
export function checklistQuery(enrollmentId: string) {
  return {
    queryKey: onboardingKeys.checklist(enrollmentId),
    queryFn: () => api.get<Checklist>(`/enrollments/${encodeURIComponent(enrollmentId)}/onboarding`),
  };
}

function stepNote(step: OnboardingStep): string {
  if (step.done) return doneLine(step.doneBy, step.doneAt);
  if (step.event) {
    const when = `Ticks itself when ${EVENT_LABELS[step.event]}`;
    return step.canTick ? `${when}; you may also tick it by hand.` : `${when}.`;
  }
  return step.canTick ? 'Tick it when it is done.' : 'Not done yet.';
}

function StepText({ step }: { step: OnboardingStep }) {
  return (
    <>
      {step.description && (
        <Text size="sm" component="span" display="block" c="gray.9">
          {step.description}
        </Text>
      )}
      <Text size="xs" component="span" display="block" c="gray.8">
        {stepNote(step)}
      </Text>
    </>
  );
}

/** A step the user cannot tick: its state in words and a mark, readable rather than a greyed-out checkbox. */
function ReadOnlyStep({ step }: { step: OnboardingStep }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon
        size={20}
        radius="xl"
        variant={step.done ? 'filled' : 'outline'}
        color={step.done ? 'green.9' : 'gray.7'}
        aria-hidden
      >
        {step.done ? '✓' : ''}
      </ThemeIcon>
      <div>
        <Text size="sm" fw={600}>
          <VisuallyHidden>{step.done ? 'Done: ' : 'To do: '}</VisuallyHidden>
          {step.title}
        </Text>
        <StepText step={step} />
      </div>
    </Group>
  );
}

function StepItem({ step, enrollmentId }: { step: OnboardingStep; enrollmentId: string }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (done: boolean) => {
      const path = `/enrollments/${encodeURIComponent(enrollmentId)}/onboarding/steps/${encodeURIComponent(step.id)}/done`;
      return done ? api.post<Checklist>(path) : api.delete<Checklist>(path);
    },
    onSuccess: (checklist) => {
      queryClient.setQueryData(onboardingKeys.checklist(enrollmentId), checklist);
      // the lists and summaries show the progress too
      void queryClient.invalidateQueries({
        queryKey: onboardingKeys.all,
        predicate: (q) => q.queryKey[1] !== 'checklist',
      });
      if (checklist.status === 'completed' && !checklist.steps.some((s) => !s.done))
        notifications.show({ color: 'green', message: `Onboarding in ${checklist.programName} is complete` });
    },
    onError: (error) =>
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : 'The step was not saved' }),
  });
  if (!step.canTick) {
    return (
      <li>
        <ReadOnlyStep step={step} />
      </li>
    );
  }
  return (
    <li>
      <Checkbox
        // shows the click at once; the server's answer replaces it
        checked={toggle.isPending ? toggle.variables : step.done}
        // not disabled while saving, so that keyboard focus stays on the box
        onChange={(e) => {
          if (!toggle.isPending) toggle.mutate(e.currentTarget.checked);
        }}
        label={
          <Text size="sm" fw={600} component="span">
            {step.title}
          </Text>
        }
        description={
          <span>
            <StepText step={step} />
          </span>
        }
      />
    </li>
  );
}

interface OnboardingChecklistProps {
  enrollmentId: string;
  /** The heading level of the checklist's title (the program's name); none when the page names it already. */
  headingOrder?: 2 | 3 | 4;
}

/** A partner's onboarding checklist in one program: progress, due date, and each step to tick. */
export function OnboardingChecklist({ enrollmentId, headingOrder }: OnboardingChecklistProps) {
  const checklist = useQuery(checklistQuery(enrollmentId));
  if (checklist.isPending) return <CenteredLoader label="Loading the checklist" />;
  if (checklist.isError) return <ErrorAlert error={checklist.error} />;
  const c = checklist.data;
  const headingId = `onboarding-${c.enrollmentId}`;
  const name = c.programName || 'the program';
  return (
    <Stack gap="sm" aria-labelledby={headingOrder ? headingId : undefined} component="section">
      <Group justify="space-between" align="center">
        {headingOrder ? (
          <Title order={headingOrder} size="h4" id={headingId}>
            {c.programName || 'Program'}
          </Title>
        ) : (
          <span />
        )}
        <OnboardingStatusBadge status={c.status} />
      </Group>
      <OnboardingProgressBar onboarding={c} label={`Onboarding in ${name}`} />
      <Text size="sm">{dueText(c)}</Text>
      <Stack
        component="ul"
        gap="sm"
        aria-label={`Steps of the onboarding in ${name}`}
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {c.steps.map((s) => (
          <StepItem key={s.id} step={s} enrollmentId={c.enrollmentId} />
        ))}
      </Stack>
    </Stack>
  );
}
