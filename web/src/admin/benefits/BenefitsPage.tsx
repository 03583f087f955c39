import { Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import { BENEFIT_CATEGORIES, BENEFIT_KEYS, VALUE_TYPES, type Benefit, type ValueType } from '../../api/programs';
import { useCan } from '../../auth/AuthContext';
import { useArchiveMutation } from '../../components/Archive';
import { CenteredLoader } from '../../components/CenteredLoader';
import { EditorModal } from '../../components/EditorModal';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { DescriptionField } from '../../components/fields';
import { ModalFormActions } from '../../components/FormActions';
import { capitalize } from '../../components/format';
import { ListFilters, useSearchText } from '../../components/ListFilters';
import { EmptyRow, ScrollTable } from '../../components/ScrollTable';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { useRequiredText } from '../../components/useRequiredText';
import { VALUE_TYPE_LABELS, WELL_KNOWN_BENEFITS, type BenefitKey } from '../programs/labels';

type Category = (typeof BENEFIT_CATEGORIES)[number];

interface BenefitInput {
  key?: BenefitKey;
  name: string;
  description: string;
  category: Category;
  valueType: ValueType;
}

const keyOptions = [
  { value: '', label: 'None (a custom benefit)' },
  ...BENEFIT_KEYS.map((k) => ({ value: k, label: `${k} — ${WELL_KNOWN_BENEFITS[k].name}` })),
];
const categoryOptions = BENEFIT_CATEGORIES.map((c) => ({ value: c, label: capitalize(c) }));
const valueTypeOptions = VALUE_TYPES.map((v) => ({ value: v, label: VALUE_TYPE_LABELS[v] }));

function BenefitForm({ benefit, onDone }: { benefit: Benefit | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [key, setKey] = useState<BenefitKey | ''>(benefit?.key ?? '');
  const name = useRequiredText(benefit?.name ?? '', 'Enter a name');
  const [description, setDescription] = useState(benefit?.description ?? '');
  const [category, setCategory] = useState<Category>(benefit?.category ?? 'sales');
  const [valueType, setValueType] = useState<ValueType>(benefit?.valueType ?? 'boolean');
  const known = key ? WELL_KNOWN_BENEFITS[key] : null;

  const save = useMutation({
    mutationFn: (input: BenefitInput) =>
      benefit
        ? api.patch<Benefit>(`/benefits/${encodeURIComponent(benefit.id)}`, {
            name: input.name,
            description: input.description,
            category: input.category,
            valueType: input.valueType,
          })
        : api.post<Benefit>('/benefits', input),
    onSuccess: (b) => {
      void queryClient.invalidateQueries({ queryKey: ['benefits'] });
      void queryClient.invalidateQueries({ queryKey: ['programs'] });
      notifications.show({ color: 'green', message: `Benefit “${b.name}” ${benefit ? 'saved' : 'created'}` });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);

  const chooseKey = (value: string) => {
    const k = value as BenefitKey | '';
    setKey(k);
    if (!k) return;
    const spec = WELL_KNOWN_BENEFITS[k];
    // the key decides the value type; the rest is a starting point to adjust
    setValueType(spec.valueType);
    setCategory(spec.category as Category);
    const previous = key ? WELL_KNOWN_BENEFITS[key] : null;
    if (!name.value.trim() || name.value === previous?.name) name.setValue(spec.name);
    if (!description.trim() || description === previous?.description) setDescription(spec.description);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.check()) return;
    save.mutate({
      ...(key ? { key } : {}),
      name: name.value.trim(),
      description: description.trim(),
      category,
      valueType: known ? known.valueType : valueType,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={save.error} fields={['key', 'name', 'description', 'category', 'valueType']} />
        {benefit ? (
          <TextInput
            label="Key"
            value={benefit.key ?? 'None (a custom benefit)'}
            readOnly
            description="The key of a benefit does not change."
          />
        ) : (
          <NativeSelect
            label="Key"
            description="A well-known key lets deal registration, commissions and MDF read this benefit's value."
            data={keyOptions}
            value={key}
            onChange={(e) => chooseKey(e.currentTarget.value)}
            error={errors.key}
            data-autofocus
          />
        )}
        <TextInput label="Name" required {...name.props(errors.name)} />
        <Group grow align="flex-start">
          <NativeSelect
            label="Category"
            data={categoryOptions}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value as Category)}
            error={errors.category}
          />
          <NativeSelect
            label="Value type"
            data={valueTypeOptions}
            value={known ? known.valueType : valueType}
            onChange={(e) => setValueType(e.currentTarget.value as ValueType)}
            disabled={Boolean(known)}
            description={known ? `Set by the key ${key}.` : undefined}
            error={errors.valueType}
          />
        </Group>
        <DescriptionField minRows={2} value={description} onChange={setDescription} error={errors.description} />
        <ModalFormActions pending={save.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function ArchiveButton({ benefit }: { benefit: Benefit }) {
  const queryClient = useQueryClient();
  const action = benefit.archivedAt ? 'restore' : 'archive';
  const mutation = useArchiveMutation<Benefit>({
    path: `/benefits/${encodeURIComponent(benefit.id)}`,
    onChanged: () => void queryClient.invalidateQueries({ queryKey: ['benefits'] }),
    message: (b, done) => (done === 'archive' ? `Benefit “${b.name}” archived` : `Benefit “${b.name}” restored`),
    onError: (error) => {
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : String(error) });
    },
  });
  return (
    <Button
      size="xs"
      variant="subtle"
      color={action === 'archive' ? 'red' : undefined}
      loading={mutation.isPending}
      onClick={() => mutation.mutate(action)}
      aria-label={`${action === 'archive' ? 'Archive' : 'Restore'} ${benefit.name}`}
    >
      {action === 'archive' ? 'Archive' : 'Restore'}
    </Button>
  );
}

export function BenefitsPage() {
  usePageTitle('Benefits');
  const can = useCan();
  const writable = can('benefit.write');
  const { text, setText, search } = useSearchText();
  const [archived, setArchived] = useState(false);
  const [editing, setEditing] = useState<Benefit | 'new' | null>(null);

  const benefits = useQuery({
    queryKey: ['benefits', { q: search, archived }],
    queryFn: () => api.get<Benefit[]>('/benefits', { q: search, archived: archived ? 'true' : undefined }),
  });

  const colSpan = writable ? 6 : 5;
  const table = () => {
    if (benefits.isPending) {
      return <CenteredLoader label="Loading benefits" />;
    }
    if (benefits.isError) return <ErrorAlert error={benefits.error} />;
    return (
      <ScrollTable label="Benefits" highlightOnHover miw={700}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Key</Table.Th>
            <Table.Th scope="col">Category</Table.Th>
            <Table.Th scope="col">Value type</Table.Th>
            <Table.Th scope="col">Description</Table.Th>
            {writable && <Table.Th scope="col">Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {benefits.data.length === 0 && (
            <EmptyRow colSpan={colSpan}>
              {search ? 'No benefits match.' : archived ? 'No archived benefits.' : 'No benefits yet.'}
            </EmptyRow>
          )}
          {benefits.data.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {b.name}
                  </Text>
                  {b.archivedAt && <StatusBadge status="archived" />}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff={b.key ? 'monospace' : undefined}>
                  {b.key ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{capitalize(b.category)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{VALUE_TYPE_LABELS[b.valueType] ?? b.valueType}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={3}>
                  {b.description || '—'}
                </Text>
              </Table.Td>
              {writable && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {!b.archivedAt && (
                      <Button size="xs" variant="default" aria-label={`Edit ${b.name}`} onClick={() => setEditing(b)}>
                        Edit
                      </Button>
                    )}
                    <ArchiveButton benefit={b} />
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    );
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Benefits</Title>
        {writable && <Button onClick={() => setEditing('new')}>New benefit</Button>}
      </Group>
      <Text size="sm" maw={720}>
        The catalog of benefits program tiers can award. Each program chooses its benefits and sets their values per
        tier on its Benefits tab.
      </Text>
      <ListFilters
        text={text}
        onText={setText}
        placeholder="Name, key or description"
        archived={{ checked: archived, onChange: setArchived }}
      />
      {table()}
      {writable && (
        <EditorModal
          editing={editing}
          onClose={() => setEditing(null)}
          title={(b) => (b ? `Edit ${b.name}` : 'New benefit')}
          size="lg"
        >
          {(b) => <BenefitForm benefit={b} onDone={() => setEditing(null)} />}
        </EditorModal>
      )}
    </Stack>
  );
}
