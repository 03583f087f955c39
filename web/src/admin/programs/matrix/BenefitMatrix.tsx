import { ActionIcon, Alert, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../../api/client';
import type { Benefit, BenefitValue, Matrix, Program } from '../../../api/programs';
import { useCan } from '../../../auth/AuthContext';
import { CenteredLoader } from '../../../components/CenteredLoader';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NotAwarded } from '../../../components/NotAwarded';
import { ScrollTable } from '../../../components/ScrollTable';
import { useKeptState } from '../../../components/useKeptState';
import { CellInput } from './CellInput';
import { cellKey, type Draft, parseDraft, toDraft, valuesByCell, valueTypeHint } from './cells';

type Cell = { tierId: string; benefitId: string; value: BenefitValue | null };

export const matrixKey = (programId: string) => ['programs', 'matrix', programId] as const;

function sentence(message: string): string {
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}

/** The program's tier × benefit matrix; an editor for those who may change programs. */
export function BenefitMatrix({ program }: { program: Program }) {
  const can = useCan();
  const queryClient = useQueryClient();
  const editable = can('program.write') && !program.archivedAt;

  const matrix = useQuery({
    queryKey: matrixKey(program.id),
    queryFn: () => api.get<Matrix>(`/programs/${encodeURIComponent(program.id)}/matrix`),
  });
  const catalog = useQuery({
    queryKey: ['benefits'],
    queryFn: () => api.get<Benefit[]>('/benefits'),
    enabled: editable,
  });

  /** Cells touched since the last save, by cell key. */
  const [drafts, setDrafts] = useKeptState<Record<string, Draft>>(['kept', 'matrix-drafts', program.id], {});
  /** Messages shown on cells: from checking the drafts, or from the server. */
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [toAdd, setToAdd] = useState<string | null>(null);
  const [toRemove, setToRemove] = useState<Benefit | null>(null);

  const afterChange = (m: Matrix) => {
    queryClient.setQueryData(matrixKey(program.id), m);
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };

  const save = useMutation({
    mutationFn: (values: Cell[]) => api.patch<Matrix>(`/programs/${encodeURIComponent(program.id)}/matrix`, { values }),
    onSuccess: (m, values) => {
      afterChange(m);
      setDrafts({});
      setCellErrors({});
      notifications.show({
        color: 'green',
        message: `${values.length} benefit value${values.length === 1 ? '' : 's'} saved`,
      });
    },
    onError: (error, values) => {
      if (!(error instanceof ApiError)) return;
      const next: Record<string, string> = {};
      for (const e of error.errors) {
        const match = /^values\.(\d+)(?:\.|$)/.exec(e.field);
        const cell = match ? values[Number(match[1])] : undefined;
        if (!cell) continue;
        const key = cellKey(cell.tierId, cell.benefitId);
        if (!(key in next)) next[key] = sentence(e.message);
      }
      setCellErrors(next);
    },
  });

  const rows = useMutation({
    mutationFn: (input: { benefitIds: string[]; message: string }) =>
      api.put<Matrix>(`/programs/${encodeURIComponent(program.id)}/benefits`, { benefitIds: input.benefitIds }),
    onSuccess: (m, input) => {
      afterChange(m);
      // drafts of rows that are gone go with them
      const kept = new Set(m.benefits.map((b) => b.id));
      const keep = (key: string) => kept.has(key.slice(key.indexOf(':') + 1));
      setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([k]) => keep(k))));
      setCellErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => keep(k))));
      notifications.show({ color: 'green', message: input.message });
    },
  });

  if (matrix.isPending) {
    return <CenteredLoader label="Loading the benefits" />;
  }
  if (matrix.isError) return <ErrorAlert error={matrix.error} />;

  const m = matrix.data;
  const currency = m.currency || program.currency;
  const tiers = [...m.tiers].sort((a, b) => a.rank - b.rank);
  const values = valuesByCell(m);
  const benefitIds = m.benefits.map((b) => b.id);

  // What would be sent: the touched cells whose value differs from the stored one.
  const changes: Cell[] = [];
  const invalid: Record<string, string> = {};
  for (const b of m.benefits) {
    for (const t of tiers) {
      const key = cellKey(t.id, b.id);
      if (!(key in drafts)) continue;
      const parsed = parseDraft(b.valueType, drafts[key] ?? null, currency);
      if (!parsed.ok) {
        invalid[key] = parsed.message;
        continue;
      }
      const stored = values.get(key)?.value ?? null;
      if (parsed.value !== stored) changes.push({ tierId: t.id, benefitId: b.id, value: parsed.value });
    }
  }
  const invalidCount = Object.keys(invalid).length;
  const changedKeys = new Set([...changes.map((c) => cellKey(c.tierId, c.benefitId)), ...Object.keys(invalid)]);
  const pendingCount = changedKeys.size;

  const edit = (key: string, draft: Draft) => {
    setDrafts((d) => ({ ...d, [key]: draft }));
    setCellErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
  };

  const onSave = () => {
    if (invalidCount > 0) {
      setCellErrors((e) => ({ ...e, ...invalid }));
      return;
    }
    if (changes.length > 0) save.mutate(changes);
  };
  const onDiscard = () => {
    setDrafts({});
    setCellErrors({});
    save.reset();
  };

  const move = (index: number, by: -1 | 1) => {
    const ids = [...benefitIds];
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    const name = m.benefits[index]?.name ?? 'Benefit';
    rows.mutate({ benefitIds: ids, message: `${name} moved ${by < 0 ? 'up' : 'down'}` });
  };

  const used = new Set(benefitIds);
  const addable = (catalog.data ?? [])
    .filter((b) => !b.archivedAt && !used.has(b.id))
    .map((b) => ({ value: b.id, label: b.name }));
  const addName = (catalog.data ?? []).find((b) => b.id === toAdd)?.name ?? 'Benefit';

  const busy = save.isPending || rows.isPending;

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} size="h3">
          Benefits by tier
        </Title>
        <Text size="sm" c="gray.8">
          {editable
            ? 'Each row is a benefit, each column a tier. Leave a cell empty (—) when the tier does not award the benefit.'
            : 'What each tier of the program awards. A dash means the tier does not award the benefit.'}
          {currency && ` Amounts are in ${currency}.`}
        </Text>
        {can('program.write') && program.archivedAt && (
          <Text size="sm">The program is archived; restore it to change its benefits.</Text>
        )}
      </Stack>

      {tiers.length === 0 && (
        <Alert color="gray" variant="light" title="No tiers yet">
          <Text size="sm">
            The program has no tiers. Add tiers on the Tiers tab: each tier becomes a column here, the entry tier first.
          </Text>
        </Alert>
      )}
      {m.benefits.length === 0 && (
        <Alert color="gray" variant="light" title="No benefits yet">
          <Text size="sm">
            {editable
              ? 'Add a benefit from the catalog below: each benefit becomes a row, with a value for every tier.'
              : 'The program does not list any benefits yet.'}
          </Text>
        </Alert>
      )}

      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSave();
        }}
      >
        <Stack gap="md">
          {m.benefits.length > 0 && (
            <ScrollTable label={`Benefits of ${program.name} by tier`} striped={false} withRowBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" miw={180}>
                    Benefit
                  </Table.Th>
                  {tiers.map((t, i) => (
                    <Table.Th key={t.id} scope="col">
                      {t.name}
                      {i === 0 && (
                        <Text size="xs" c="gray.8" fw={400}>
                          Entry tier
                        </Text>
                      )}
                    </Table.Th>
                  ))}
                  {editable && <Table.Th scope="col">Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {m.benefits.map((b, index) => (
                  <Table.Tr key={b.id}>
                    <Table.Th scope="row" fw={400}>
                      <Text size="sm" fw={600}>
                        {b.name}
                      </Text>
                      <Text size="xs" c="gray.8">
                        {valueTypeHint(b.valueType, currency)}
                      </Text>
                    </Table.Th>
                    {tiers.map((t) => {
                      const key = cellKey(t.id, b.id);
                      const stored = values.get(key);
                      if (!editable) {
                        return <Table.Td key={t.id}>{stored ? stored.display : <NotAwarded />}</Table.Td>;
                      }
                      const draft =
                        key in drafts ? (drafts[key] ?? null) : toDraft(b.valueType, stored?.value, currency);
                      return (
                        <Table.Td
                          key={t.id}
                          data-changed={changedKeys.has(key) || undefined}
                          bg={changedKeys.has(key) ? 'yellow.0' : undefined}
                          style={{ verticalAlign: 'top' }}
                        >
                          <CellInput
                            type={b.valueType}
                            label={`${b.name} for ${t.name}`}
                            draft={draft}
                            currency={currency}
                            error={cellErrors[key]}
                            disabled={save.isPending}
                            onChange={(d) => edit(key, d)}
                          />
                        </Table.Td>
                      );
                    })}
                    {editable && (
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Group gap={4} wrap="nowrap">
                          <ActionIcon
                            variant="default"
                            aria-label={`Move ${b.name} up`}
                            disabled={index === 0 || busy}
                            onClick={() => move(index, -1)}
                          >
                            <span aria-hidden="true">↑</span>
                          </ActionIcon>
                          <ActionIcon
                            variant="default"
                            aria-label={`Move ${b.name} down`}
                            disabled={index === m.benefits.length - 1 || busy}
                            onClick={() => move(index, 1)}
                          >
                            <span aria-hidden="true">↓</span>
                          </ActionIcon>
                          <Button
                            size="compact-sm"
                            variant="outline"
                            color="red"
                            aria-label={`Remove ${b.name}`}
                            disabled={busy}
                            onClick={() => setToRemove(b)}
                          >
                            Remove
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}

          {editable && (
            <>
              {Object.keys(cellErrors).length > 0 ? (
                <Alert color="red" variant="light" title="Please correct the highlighted cells" role="alert">
                  <Text size="sm">Nothing was saved.</Text>
                </Alert>
              ) : (
                <ErrorAlert error={save.error} />
              )}
              {tiers.length > 0 && m.benefits.length > 0 && (
                <Group gap="sm">
                  <Button type="submit" loading={save.isPending} disabled={pendingCount === 0 || rows.isPending}>
                    Save changes
                  </Button>
                  <Button
                    variant="default"
                    onClick={onDiscard}
                    disabled={Object.keys(drafts).length === 0 || save.isPending}
                  >
                    Discard
                  </Button>
                  <Text size="sm" c="gray.8" aria-live="polite">
                    {pendingCount === 0
                      ? 'No unsaved changes.'
                      : `${pendingCount} unsaved change${pendingCount === 1 ? '' : 's'}.`}
                  </Text>
                </Group>
              )}
            </>
          )}
        </Stack>
      </form>

      {editable && (
        <>
          <section aria-labelledby={`add-benefit-${program.id}`}>
            <Title order={3} size="h4" id={`add-benefit-${program.id}`} mb="xs">
              Add a benefit row
            </Title>
            <ErrorAlert error={rows.error} />
            {catalog.isError ? (
              <ErrorAlert error={catalog.error} />
            ) : (
              <Group align="flex-end" gap="sm">
                <Select
                  label="Benefit to add"
                  placeholder={catalog.isPending ? 'Loading the catalog…' : 'Choose from the catalog'}
                  data={addable}
                  value={toAdd}
                  onChange={setToAdd}
                  searchable
                  nothingFoundMessage={
                    catalog.data && addable.length === 0
                      ? 'Every benefit of the catalog is already a row'
                      : 'No benefit matches'
                  }
                  w={320}
                  disabled={catalog.isPending}
                />
                <Button
                  onClick={() => {
                    if (!toAdd) return;
                    rows.mutate(
                      { benefitIds: [...benefitIds, toAdd], message: `${addName} added` },
                      { onSuccess: () => setToAdd(null) },
                    );
                  }}
                  disabled={!toAdd}
                  loading={rows.isPending && !!rows.variables?.message.endsWith('added')}
                >
                  Add benefit
                </Button>
              </Group>
            )}
            {catalog.data && catalog.data.length === 0 && (
              <Text size="sm" mt="xs">
                The benefits catalog is empty: create benefits in the catalog first.
              </Text>
            )}
          </section>
        </>
      )}

      <ConfirmDialog
        opened={toRemove !== null}
        onClose={() => setToRemove(null)}
        title="Remove a benefit row"
        confirmLabel="Remove benefit"
        pending={rows.isPending}
        onConfirm={() => {
          const b = toRemove;
          if (!b) return;
          rows.mutate(
            { benefitIds: benefitIds.filter((id) => id !== b.id), message: `${b.name} removed` },
            { onSettled: () => setToRemove(null) },
          );
        }}
      >
        <Text size="sm">
          Remove <strong>{toRemove?.name}</strong> from {program.name}? Its values in every tier are removed with it.
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}
