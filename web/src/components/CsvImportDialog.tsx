import { Alert, Button, FileInput, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError, requestRaw } from '../api/client';
import { ErrorAlert } from './ErrorAlert';
import { ScrollTable } from './ScrollTable';

interface Problem {
  row: number | null;
  field: string;
  message: string;
}

/** What every import answers: how many rows the file had and the problems of each. */
export interface CsvImportResult {
  rows?: number;
  problems: { row: number; field: string; message: string }[];
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
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

interface CsvImportDialogProps<R extends CsvImportResult> {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** The import route under /api/v1; it takes `?dryRun=` and a `text/csv` body. */
  path: string;
  /** The lists to refresh once imported. */
  queryKey: readonly unknown[];
  /** What a clean check says the import will do, e.g. “3 rows ready to import.” */
  ready: (result: R) => string;
  /** What the import did, e.g. “3 partners created.” */
  done: (result: R) => string;
  /** More about the file: its columns, how rows are matched. */
  help?: ReactNode;
}

/** Import a CSV file: check first (a dry run), then import the same text. */
export function CsvImportDialog<R extends CsvImportResult>(props: CsvImportDialogProps<R>) {
  const { opened, onClose, title, path, queryKey, ready: readyText, done, help } = props;
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [checkedText, setCheckedText] = useState<string | null>(null);

  const send = (csv: string, dryRun: boolean) =>
    requestRaw<R>('POST', `${path}?dryRun=${dryRun}`, new Blob([csv], { type: 'text/csv' }), 'text/csv');
  const check = useMutation({
    mutationFn: (csv: string) => send(csv, true),
    onSuccess: (result, csv) => setCheckedText(result.problems.length === 0 ? csv : null),
  });
  const run = useMutation({
    mutationFn: (csv: string) => send(csv, false),
    onSuccess: (result) => {
      setCheckedText(null);
      void queryClient.invalidateQueries({ queryKey });
      notifications.show({ color: 'green', message: done(result) });
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
    <Modal opened={opened} onClose={close} title={title} size="xl">
      <Stack>
        <Text size="sm">
          Choose a CSV file or paste its text. Check it first: nothing is imported until every row is valid.
        </Text>
        {help}
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
        {ready && check.data && (
          <Alert color="green" variant="light" role="status">
            {readyText(check.data)}
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
            {done(run.data)}
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
