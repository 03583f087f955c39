import { Alert, Anchor, Button, Code, FileButton, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { API_BASE, api, ApiError } from '../../../api/client';
import type { PlanResult, Program } from '../../../api/programs';
import { useCan } from '../../../auth/AuthContext';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useKeptState } from '../../../components/useKeptState';

/** The largest program file the API takes (badges included). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const PROGRAM_SCHEMA_URL = `${API_BASE}/schemas/program.json`;

function changeCount(n: number): string {
  return n === 0 ? 'No changes' : `${n} change${n === 1 ? '' : 's'}`;
}

/** The problems of a file, each with where it is in the file (`tiers[1].criteria[0].metric`). */
function FileErrors({ error, title }: { error: unknown; title: string }) {
  if (!(error instanceof ApiError) || error.errors.length === 0) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {error.detail && error.errors.length > 1 && (
        <Text size="sm" mb="xs">
          {error.errors.length} problems were found.
        </Text>
      )}
      <List size="sm" spacing={4}>
        {error.errors.map((e, i) => (
          <List.Item key={`${e.field}-${i}`}>
            {e.field && e.field !== 'source' ? (
              <>
                <Code>{e.field}</Code> {e.message}
              </>
            ) : (
              e.message
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** A plan's outcome: the number of changes and the printable diff. */
function PlanSummary({ plan, program, heading }: { plan: PlanResult; program: Program; heading: string }) {
  const other = plan.key !== program.key;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {heading}: {changeCount(plan.changes.length)}
        {plan.changes.length === 0 && ' — the program already matches the file.'}
      </Text>
      {other && (
        <Alert color="yellow" variant="light" title="This file describes another program">
          <Text size="sm">
            The file’s key is <Code>{plan.key}</Code>, not <Code>{program.key}</Code>.{' '}
            {plan.programId
              ? 'Applying it changes that program, not this one.'
              : 'Applying it creates a new program with that key.'}
          </Text>
        </Alert>
      )}
      {plan.summary && (
        <Code block style={{ whiteSpace: 'pre-wrap' }}>
          {plan.summary}
        </Code>
      )}
    </Stack>
  );
}

/** Programs as code for one program: download its file, and plan then apply an edited one. */
export function ProgramFilePanel({ program }: { program: Program }) {
  const can = useCan();
  const queryClient = useQueryClient();
  const writable = can('program.write');
  const [source, setSource] = useKeptState(['kept', 'program-file', program.id], '');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const exportUrl = `${API_BASE}/programs/${encodeURIComponent(program.id)}/export`;

  const plan = useMutation({
    mutationFn: (text: string) => api.post<PlanResult>('/programs/plan', { source: text }),
  });
  const apply = useMutation({
    mutationFn: (text: string) => api.post<PlanResult>('/programs/apply', { source: text }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['programs'] });
      void queryClient.invalidateQueries({ queryKey: ['ladders'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      notifications.show({
        color: 'green',
        message: `Program file applied: ${changeCount(result.changes.length).toLowerCase()}`,
      });
    },
  });

  // Apply only what was planned: the same text, planned without errors, not applied yet.
  const planned = plan.isSuccess && plan.variables === source;
  const canApply = planned && !(apply.isSuccess && apply.variables === source);

  const onText = (text: string) => {
    setSource(text);
    setFileProblem(null);
    if (apply.isSuccess || apply.isError) apply.reset();
  };

  const loadFile = async (file: File | null) => {
    if (!file) return;
    if (!/\.(ya?ml|json)$/i.test(file.name)) {
      setFileProblem(`${file.name} is not a YAML or JSON file (.yaml, .yml or .json).`);
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setFileProblem(`${file.name} is larger than 2 MiB, the most a program file may be.`);
      return;
    }
    try {
      onText(await file.text());
      plan.reset();
    } catch {
      setFileProblem(`${file.name} could not be read.`);
    }
  };

  return (
    <Stack gap="xl">
      <section aria-labelledby="program-export-heading">
        <Title order={2} size="h3" id="program-export-heading" mb="xs">
          Export
        </Title>
        <Text size="sm" mb="sm">
          The whole program — tiers, criteria, benefits and their values, ecosystem — as one YAML file to review, keep
          in version control, or apply to another Trellis.
        </Text>
        <Group gap="md">
          <Button component="a" href={exportUrl} download variant="default">
            Download YAML
          </Button>
          <Anchor href={PROGRAM_SCHEMA_URL} target="_blank" rel="noreferrer" size="sm">
            JSON Schema of the program file
          </Anchor>
        </Group>
      </section>

      <section aria-labelledby="program-import-heading">
        <Title order={2} size="h3" id="program-import-heading" mb="xs">
          Import
        </Title>
        <Text size="sm" mb="sm">
          Paste or load a program file (YAML or JSON). Plan shows what would change without changing anything; Apply
          makes exactly the planned changes. The program it changes is the one named by the file’s key.
        </Text>
        <Stack gap="sm">
          <Textarea
            label="Program file"
            description={`Format trellis.program/v1, e.g. as downloaded above.`}
            value={source}
            onChange={(e) => onText(e.currentTarget.value)}
            autosize
            minRows={8}
            maxRows={24}
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          />
          {fileProblem && (
            <Text size="sm" c="red.9" role="alert">
              {fileProblem}
            </Text>
          )}
          <Group gap="sm">
            <FileButton
              onChange={(f) => void loadFile(f)}
              accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
            >
              {(props) => (
                <Button variant="default" {...props}>
                  Load file…
                </Button>
              )}
            </FileButton>
            <Button
              variant={planned ? 'default' : 'filled'}
              onClick={() => plan.mutate(source)}
              loading={plan.isPending}
              disabled={source.trim() === ''}
            >
              Plan
            </Button>
            {writable && (
              <Button onClick={() => apply.mutate(source)} loading={apply.isPending} disabled={!canApply}>
                Apply
              </Button>
            )}
            {plan.isSuccess && plan.variables !== source && (
              <Text size="sm" c="gray.8">
                The text changed since the last plan: plan it again before applying.
              </Text>
            )}
          </Group>
          {!writable && (
            <Text size="sm" c="gray.8">
              You may plan a file to see what it would change; applying needs an admin or a channel manager.
            </Text>
          )}

          <div aria-live="polite">
            {plan.isError && <FileErrors error={plan.error} title="The file has problems" />}
            {apply.isError && <FileErrors error={apply.error} title="The file was not applied" />}
            {apply.isSuccess && apply.variables === source ? (
              <Stack gap="xs">
                <Alert color="green" variant="light" title="Applied">
                  <Text size="sm">
                    {apply.data.changes.length === 0
                      ? `No changes were needed: ${apply.data.key} already matched the file.`
                      : `${changeCount(apply.data.changes.length)} made to ${apply.data.key}.`}
                  </Text>
                </Alert>
                {apply.data.summary && (
                  <Code block style={{ whiteSpace: 'pre-wrap' }}>
                    {apply.data.summary}
                  </Code>
                )}
              </Stack>
            ) : (
              plan.isSuccess &&
              plan.variables === source && <PlanSummary plan={plan.data} program={program} heading="Plan" />
            )}
          </div>
        </Stack>
      </section>
    </Stack>
  );
}
