import {
  ActionIcon,
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, fieldErrors } from '../../api/client';
import {
  EVENT_LABELS,
  ONBOARDING_EVENTS,
  onboardingKeys,
  type OnboardingEvent,
  type OnboardingPlan,
  type PlanStep,
} from '../../api/onboarding';
import type { Program } from '../../api/programs';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { Section } from '../../components/Section';
import { useEditForm } from '../../components/useEditForm';

const NO_EVENT = '';
const EVENT_OPTIONS = [
  { value: NO_EVENT, label: 'Ticked by hand' },
  ...ONBOARDING_EVENTS.map((e) => ({ value: e, label: `When ${EVENT_LABELS[e]}` })),
];

type Row = PlanStep & { uid: number; keyEdited: boolean };

let uids = 0;
const slug = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 63);

/** Errors of `steps.N.field`, by step and field, so each shows under its input. */
function stepErrors(error: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (error instanceof ApiError)
    for (const e of error.errors) if (e.field.startsWith('steps.') && !out.has(e.field)) out.set(e.field, e.message);
  return out;
}

interface PlanFormProps {
  plan: OnboardingPlan;
  pending: boolean;
  error: unknown;
  onSubmit: (input: { days: number; steps: PlanStep[] }) => void;
  onCancel: () => void;
}

function PlanForm({ plan, pending, error, onSubmit, onCancel }: PlanFormProps) {
  const [days, setDays] = useState<number | string>(plan.days);
  const [rows, setRows] = useState<Row[]>(() => plan.steps.map((s) => ({ ...s, uid: uids++, keyEdited: true })));
  const errors = fieldErrors(error);
  const byStep = stepErrors(error);
  const change = (uid: number, patch: Partial<Row>) =>
    setRows((rs) =>
      rs.map((r) => {
        if (r.uid !== uid) return r;
        const next = { ...r, ...patch };
        // a new step's key follows its title until someone types a key
        if (patch.title !== undefined && !r.keyEdited) next.key = slug(patch.title);
        return next;
      }),
    );
  const move = (index: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      days: typeof days === 'number' ? days : Number(days),
      steps: rows.map(({ key, title, description, event }) => ({ key: key.trim(), title, description, event })),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={error} fields={['days', 'steps']} />
        <NumberInput
          label="Days to finish"
          description="From the approval of a partner; partners already onboarding keep their due date."
          required
          min={1}
          max={730}
          allowDecimal={false}
          value={days}
          onChange={setDays}
          error={errors.days}
          w={260}
        />
        {errors.steps && !byStep.size && (
          <Text size="sm" c="red.9" role="alert">
            {errors.steps}
          </Text>
        )}
        <Stack component="ol" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Steps">
          {rows.map((r, i) => {
            const n = i + 1;
            const err = (field: string) => byStep.get(`steps.${i}.${field}`);
            return (
              <Card key={r.uid} component="li" withBorder padding="sm">
                <Stack gap="xs">
                  <Group justify="space-between">
                    <Text size="sm" fw={600}>
                      Step {n}
                    </Text>
                    <Group gap={4}>
                      <ActionIcon
                        variant="default"
                        aria-label={`Move step ${n} up`}
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                      >
                        ↑
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        aria-label={`Move step ${n} down`}
                        disabled={i === rows.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        ↓
                      </ActionIcon>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Remove step ${n}`}
                        onClick={() => setRows((rs) => rs.filter((x) => x.uid !== r.uid))}
                      >
                        Remove
                      </Button>
                    </Group>
                  </Group>
                  <Group grow align="flex-start">
                    <TextInput
                      label={`Title of step ${n}`}
                      required
                      value={r.title}
                      onChange={(e) => change(r.uid, { title: e.currentTarget.value })}
                      error={err('title')}
                    />
                    <TextInput
                      label={`Key of step ${n}`}
                      description="Ticks stay with the key when you edit the list."
                      required
                      value={r.key}
                      onChange={(e) => change(r.uid, { key: e.currentTarget.value, keyEdited: true })}
                      error={err('key')}
                      ff="monospace"
                    />
                  </Group>
                  <Textarea
                    label={`Description of step ${n}`}
                    autosize
                    minRows={1}
                    value={r.description}
                    onChange={(e) => change(r.uid, { description: e.currentTarget.value })}
                    error={err('description')}
                  />
                  <NativeSelect
                    label={`How step ${n} is ticked`}
                    data={EVENT_OPTIONS}
                    value={r.event ?? NO_EVENT}
                    onChange={(e) =>
                      change(r.uid, { event: (e.currentTarget.value || null) as OnboardingEvent | null })
                    }
                    error={err('event')}
                    w={360}
                  />
                </Stack>
              </Card>
            );
          })}
        </Stack>
        <Group>
          <Button
            variant="default"
            onClick={() =>
              setRows((rs) => [
                ...rs,
                { key: '', title: '', description: '', event: null, uid: uids++, keyEdited: false },
              ])
            }
          >
            Add step
          </Button>
        </Group>
        <FormActions pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function PlanDetails({ plan }: { plan: OnboardingPlan }) {
  return (
    <Stack gap="sm">
      <Text size="sm">
        New partners have <strong>{plan.days === 1 ? '1 day' : `${plan.days} days`}</strong> from their approval to
        finish these steps.
        {!plan.custom && ' This is the built-in checklist; it is saved with the program when the first partner starts.'}
      </Text>
      <List type="ordered" spacing="xs" size="sm">
        {plan.steps.map((s) => (
          <List.Item key={s.key}>
            <Text size="sm" fw={600} component="span">
              {s.title}
            </Text>
            {s.description && (
              <Text size="sm" c="gray.9">
                {s.description}
              </Text>
            )}
            <Text size="xs" c="gray.8">
              {s.event ? `Ticks itself when ${EVENT_LABELS[s.event]}` : 'Ticked by hand'} · key{' '}
              <Text span ff="monospace" size="xs">
                {s.key}
              </Text>
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** The program's onboarding checklist and its days; admins and channel managers edit it. */
export function OnboardingTab({ program, editable }: { program: Program; editable: boolean }) {
  const queryClient = useQueryClient();
  const key = onboardingKeys.plan(program.id);
  const plan = useQuery({
    queryKey: key,
    queryFn: () => api.get<OnboardingPlan>(`/programs/${encodeURIComponent(program.id)}/onboarding`),
  });
  const { editing, edit, form } = useEditForm({
    mutationFn: (input: { days: number; steps: PlanStep[] }) =>
      api.put<OnboardingPlan>(`/programs/${encodeURIComponent(program.id)}/onboarding`, input),
    onSaved: (saved) => {
      queryClient.setQueryData(key, saved);
      void queryClient.invalidateQueries({ queryKey: onboardingKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
    message: 'Onboarding checklist saved',
  });

  if (plan.isPending) return <CenteredLoader label="Loading the onboarding checklist" />;
  if (plan.isError) return <ErrorAlert error={plan.error} />;
  return (
    <Section
      id="onboarding-heading"
      title={editing ? 'Edit the onboarding checklist' : 'Onboarding checklist'}
      actions={
        editable &&
        !editing && (
          <Button variant="default" onClick={edit}>
            Edit
          </Button>
        )
      }
    >
      {editing ? <PlanForm plan={plan.data} {...form} /> : <PlanDetails plan={plan.data} />}
    </Section>
  );
}
