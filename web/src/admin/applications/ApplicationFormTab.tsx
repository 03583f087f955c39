import {
  Alert,
  Anchor,
  Button,
  CopyButton,
  Group,
  NumberInput,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApplicationForm } from '../../api/applications';
import { api, ApiError, fieldErrors } from '../../api/client';
import type { Program } from '../../api/programs';
import { useCan } from '../../auth/AuthContext';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { Section } from '../../components/Section';
import { type RuleRow, RulesEditor, rowsFromRules, rulesFromRows } from './RulesEditor';

const formKey = (programId: string) => ['programs', 'application-form', programId] as const;

function PublicLink({ form, program }: { form: ApplicationForm; program: Program }) {
  const url = `${window.location.origin}${form.publicPath}`;
  // from the program as the page shows it, which may have moved since the form was read
  const live = form.published && program.status === 'active' && !program.archivedAt;
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end">
        <TextInput label="Public link" value={url} readOnly w={420} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          )}
        </CopyButton>
        {live && (
          <Anchor href={form.publicPath} target="_blank" rel="noreferrer" size="sm" mb={8}>
            Open the form
          </Anchor>
        )}
      </Group>
      <Text size="sm">
        {live
          ? 'The form takes applications now: anyone with the link can apply, no sign-in needed.'
          : form.published
            ? `The form is published but closed while the program is ${program.archivedAt ? 'archived' : program.status}; it reopens when the program is active again.`
            : 'The form is not published: the link shows that the program is not taking applications.'}
      </Text>
    </Stack>
  );
}

function FormEditor({ form, program, editable }: { form: ApplicationForm; program: Program; editable: boolean }) {
  const [published, setPublished] = useState(form.published);
  const [intro, setIntro] = useState(form.intro);
  const [rows, setRows] = useState<RuleRow[]>(() => rowsFromRules(form.rules));
  const [passScore, setPassScore] = useState<number | string>(form.passScore);
  const [stale, setStale] = useState(false);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      api.put<ApplicationForm>(`/programs/${encodeURIComponent(program.id)}/application-form`, {
        published,
        intro: intro.trim(),
        rules: rulesFromRows(rows),
        passScore: typeof passScore === 'number' ? passScore : Number(passScore),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(formKey(program.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      setStale(false);
      notifications.show({ color: 'green', message: 'Application form saved' });
    },
  });
  const errors = fieldErrors(save.error);
  const serverErrors = save.error instanceof ApiError && !stale ? save.error.errors : [];
  const canPublish = program.status === 'active' && !program.archivedAt;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStale(false);
    save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={save.error} fields={['published', 'intro', 'rules', 'passScore']} />
        <Switch
          label="Published: take applications through the public form"
          description={
            canPublish || published ? undefined : `The program is ${program.status}; publish once it is active.`
          }
          checked={published}
          onChange={(e) => setPublished(e.currentTarget.checked)}
          disabled={!editable || (!canPublish && !published)}
          error={errors.published}
        />
        <Textarea
          label="Introduction"
          description="Shown above the form, after the program's description."
          autosize
          minRows={3}
          value={intro}
          onChange={(e) => setIntro(e.currentTarget.value)}
          error={errors.intro}
          readOnly={!editable}
        />
        <Section id="rules-heading" title="Eligibility rules">
          <Stack gap="sm">
            <Text size="sm">
              Each rule is met or not. The score is the weighted share of rules met, from 0 to 100; an application is
              eligible when every required rule is met and the score reaches the pass score. Applicants see what the
              rules ask for, never the weights.
            </Text>
            <RulesEditor
              rows={rows}
              onChange={setRows}
              onReshape={() => setStale(true)}
              serverErrors={serverErrors}
              disabled={!editable}
            />
          </Stack>
        </Section>
        <NumberInput
          label="Pass score"
          description="The least score (0–100) of an eligible application."
          min={0}
          max={100}
          allowDecimal={false}
          allowNegative={false}
          value={passScore}
          onChange={setPassScore}
          error={errors.passScore}
          readOnly={!editable}
          w={200}
        />
        {editable && <FormActions submitLabel="Save application form" pending={save.isPending} />}
      </Stack>
    </form>
  );
}

/** A program's public application form: publication, wording, eligibility rules and the link to share. */
export function ApplicationFormTab({ program }: { program: Program }) {
  const can = useCan();
  const form = useQuery({
    queryKey: formKey(program.id),
    queryFn: () => api.get<ApplicationForm>(`/programs/${encodeURIComponent(program.id)}/application-form`),
  });
  if (form.isPending) return <CenteredLoader label="Loading the application form" />;
  if (form.isError) return <ErrorAlert error={form.error} />;
  const editable = can('application.configure') && !program.archivedAt;
  return (
    <Stack gap="lg">
      <PublicLink form={form.data} program={program} />
      {program.archivedAt && (
        <Alert color="gray" variant="light">
          <Text size="sm">The program is archived: its form takes no applications.</Text>
        </Alert>
      )}
      <FormEditor key={form.data.updatedAt ?? 'new'} form={form.data} program={program} editable={editable} />
    </Stack>
  );
}
