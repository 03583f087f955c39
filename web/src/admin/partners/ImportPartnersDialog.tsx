import { Alert, Button, FileInput, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, requestRaw } from '../../api/client';
import type { PartnerImportResult } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScrollTable } from '../../components/ScrollTable';

interface Problem {
  row: number | null;
  field: string;
  message: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function send(text: string, dryRun: boolean) {
  return requestRaw<PartnerImportResult>(
    'POST',
    `/partners/import?dryRun=${dryRun}`,
    new Blob([text], { type: 'text/csv' }),
    'text/csv',
  );
}

/** The problems of a refused import: `rows[3].website` → row 3, column website. */
function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors.map((e) => {
    const m = /^rows\[(\d+)\]\.?(.*)$/.exec(e.field);
    return m
      ? { row: Number(m[1]), field: m[2] ?? '', message: e.message }
      : { row: null, field: e.field, message: e.message };
  });
}

function ProblemsTable({ problems }: { problems: Problem[] }) {
  return (
    <ScrollTable label="Import problems">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Row</Table.Th>
          <Table.Th>Column</Table.Th>
          <Table.Th>Problem</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {problems.map((p, i) => (
          <Table.Tr key={i}>
            <Table.Td>{p.row ?? '—'}</Table.Td>
            <Table.Td>{p.field || '—'}</Table.Td>
            <Table.Td>{p.message}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** Import partners from CSV: check first (a dry run), then import the same text. */
export function ImportPartnersDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [checkedText, setCheckedText] = useState<string | null>(null);

  const check = useMutation({
    mutationFn: (csv: string) => send(csv, true),
    onSuccess: (result, csv) => setCheckedText(result.problems.length === 0 ? csv : null),
  });
  const run = useMutation({
    mutationFn: (csv: string) => send(csv, false),
    onSuccess: (result) => {
      setCheckedText(null);
      void queryClient.invalidateQueries({ queryKey: ['partners'] });
      notifications.show({ color: 'green', message: `${plural(result.created, 'partner')} imported` });
    },
  });

  const changeText = (value: string) => {
    setText(value);
    check.reset();
    run.reset();
    setCheckedText(null);
  };
  const pickFile = (picked: File | null) => {
    setFile(picked);
    if (picked) void picked.text().then(changeText);
  };
  const close = () => {
    setText('');
    setFile(null);
    setCheckedText(null);
    check.reset();
    run.reset();
    onClose();
  };

  const ready = checkedText !== null && checkedText === text && !run.isSuccess;
  const refused = problemsOf(run.error);

  return (
    <Modal opened={opened} onClose={close} title="Import partners from CSV" size="xl">
      <Stack>
        <Text size="sm">
          Choose a CSV file or paste its text. Check it first: nothing is imported until every row is valid.
        </Text>
        <FileInput label="CSV file" accept=".csv,text/csv" value={file} onChange={pickFile} clearable />
        <Textarea
          label="CSV text"
          autosize
          minRows={6}
          maxRows={16}
          value={text}
          onChange={(e) => changeText(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        {check.error ? <ErrorAlert error={check.error} /> : null}
        {check.data && checkedText === null && check.data.problems.length > 0 && (
          <Stack gap="xs">
            <Text size="sm" fw={600} role="status">
              {plural(check.data.problems.length, 'problem')} found; fix them and check again.
            </Text>
            <ProblemsTable problems={check.data.problems} />
          </Stack>
        )}
        {ready && (
          <Alert color="green" variant="light" role="status">
            {plural(check.data?.rows ?? check.data?.created ?? 0, 'row')} ready to import.
          </Alert>
        )}
        {run.error ? (
          refused.length > 0 ? (
            <Stack gap="xs">
              <ErrorAlert error={run.error} title="Nothing was imported" />
              <ProblemsTable problems={refused} />
            </Stack>
          ) : (
            <ErrorAlert error={run.error} />
          )
        ) : null}
        {run.data && (
          <Alert color="green" variant="light" role="status">
            {plural(run.data.created, 'partner')} created.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {run.isSuccess ? 'Done' : 'Cancel'}
          </Button>
          <Button
            variant="default"
            onClick={() => check.mutate(text)}
            loading={check.isPending}
            disabled={!text.trim()}
          >
            Check
          </Button>
          <Button onClick={() => run.mutate(text)} loading={run.isPending} disabled={!ready}>
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
