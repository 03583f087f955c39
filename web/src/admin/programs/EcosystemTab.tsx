import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, fieldErrors } from '../../api/client';
import type { EcosystemNode, EcosystemType, Program } from '../../api/programs';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EditorModal } from '../../components/EditorModal';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { DescriptionField, TagsField } from '../../components/fields';
import { ModalFormActions } from '../../components/FormActions';
import { EmptyRow, ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useDialogMutation } from '../../components/useDialogMutation';
import { useRequiredText } from '../../components/useRequiredText';
import { Tags } from '../products/ProductList';
import { programKeys } from './cache';
import { errorsByPath } from './errors';
import {
  API_STYLES,
  ECOSYSTEM_SECTIONS,
  ECOSYSTEM_STATUSES,
  INTEGRATION_TYPES,
  propertyLabel,
  SHARE_MODELS,
  statusLabel,
} from './labels';

type Properties = Record<string, unknown>;

const optionsOf = (values: readonly string[], none?: string) => [
  ...(none ? [{ value: '', label: none }] : []),
  ...values.map((v) => ({ value: v, label: propertyLabel(v) })),
];

/** The type-specific columns of each section. */
const PROPERTY_COLUMNS: Record<EcosystemType, { header: string; render: (p: Properties) => ReactNode }[]> = {
  integration_partner: [{ header: 'Integration type', render: (p) => propertyLabel(p.integrationType) }],
  partner_revenue_share: [
    { header: 'Share model', render: (p) => propertyLabel(p.shareModel) },
    {
      header: 'Share',
      render: (p) => (typeof p.sharePercentage === 'number' ? `${p.sharePercentage}%` : '—'),
    },
  ],
  api_ecosystem: [{ header: 'API style', render: (p) => propertyLabel(p.apiStyle) }],
  developer_portal: [
    {
      header: 'Portal',
      render: (p) =>
        typeof p.portalUrl === 'string' && p.portalUrl ? (
          <Anchor href={p.portalUrl} target="_blank" rel="noreferrer noopener" size="sm">
            {p.portalUrl}
          </Anchor>
        ) : (
          '—'
        ),
    },
    { header: 'Sandbox', render: (p) => (p.sandboxAvailable ? 'Yes' : 'No') },
  ],
};

function defaultProperties(type: EcosystemType): Properties {
  switch (type) {
    case 'integration_partner':
      return { integrationType: null };
    case 'partner_revenue_share':
      return { shareModel: 'percentage', sharePercentage: null };
    case 'api_ecosystem':
      return { apiStyle: null };
    case 'developer_portal':
      return { portalUrl: null, sandboxAvailable: false };
  }
}

function PropertyFields({
  type,
  value,
  onChange,
  errors,
}: {
  type: EcosystemType;
  value: Properties;
  onChange: (p: Properties) => void;
  errors: Record<string, string>;
}) {
  const set = (patch: Properties) => onChange({ ...value, ...patch });
  const err = (field: string) => errors[`properties.${field}`];
  switch (type) {
    case 'integration_partner':
      return (
        <NativeSelect
          label="Integration type"
          data={optionsOf(INTEGRATION_TYPES, 'Not set')}
          value={(value.integrationType as string | null) ?? ''}
          onChange={(e) => set({ integrationType: e.currentTarget.value || null })}
          error={err('integrationType')}
        />
      );
    case 'partner_revenue_share':
      return (
        <Group grow align="flex-start">
          <NativeSelect
            label="Share model"
            required
            data={optionsOf(SHARE_MODELS)}
            value={(value.shareModel as string) ?? 'percentage'}
            onChange={(e) => set({ shareModel: e.currentTarget.value })}
            error={err('shareModel')}
          />
          <NumberInput
            label="Share percentage"
            description="0 to 100, up to two decimals; leave empty when not a fixed share."
            min={0}
            max={100}
            decimalScale={2}
            allowNegative={false}
            suffix="%"
            value={typeof value.sharePercentage === 'number' ? value.sharePercentage : ''}
            onChange={(v) => set({ sharePercentage: v === '' ? null : Number(v) })}
            error={err('sharePercentage')}
          />
        </Group>
      );
    case 'api_ecosystem':
      return (
        <NativeSelect
          label="API style"
          data={optionsOf(API_STYLES, 'Not set')}
          value={(value.apiStyle as string | null) ?? ''}
          onChange={(e) => set({ apiStyle: e.currentTarget.value || null })}
          error={err('apiStyle')}
        />
      );
    case 'developer_portal':
      return (
        <Stack>
          <TextInput
            label="Portal URL"
            type="url"
            placeholder="https://developers.example.com"
            value={(value.portalUrl as string | null) ?? ''}
            onChange={(e) => set({ portalUrl: e.currentTarget.value.trim() || null })}
            error={err('portalUrl')}
          />
          <Checkbox
            label="Sandbox available"
            checked={Boolean(value.sandboxAvailable)}
            onChange={(e) => set({ sandboxAvailable: e.currentTarget.checked })}
            error={err('sandboxAvailable')}
          />
        </Stack>
      );
  }
}

function NodeForm({
  program,
  type,
  node,
  onDone,
}: {
  program: Program;
  type: EcosystemType;
  node: EcosystemNode | null;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const title = useRequiredText(node?.title ?? '', 'Enter a title');
  const [description, setDescription] = useState(node?.description ?? '');
  const [tags, setTags] = useState<string[]>(node?.tags ?? []);
  const statuses = ECOSYSTEM_STATUSES[type];
  const [status, setStatus] = useState(statuses[0] ?? '');
  const [properties, setProperties] = useState<Properties>(() => ({
    ...defaultProperties(type),
    ...(node?.properties ?? {}),
  }));

  const save = useMutation({
    mutationFn: () => {
      const common = { title: title.value.trim(), description: description.trim(), tags, properties };
      return node
        ? api.patch<EcosystemNode>(`/ecosystem/${encodeURIComponent(node.id)}`, common)
        : api.post<EcosystemNode>(`/programs/${encodeURIComponent(program.id)}/ecosystem`, {
            type,
            ...common,
            ...(statuses.length > 0 ? { status } : {}),
          });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({
        predicate: (q) => q.queryKey.includes(program.id) && q.queryKey[1] !== 'one',
      });
      notifications.show({ color: 'green', message: `“${saved.title}” ${node ? 'saved' : 'added'}` });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  const byPath = errorsByPath(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.check()) return;
    save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={save.error} fields={['title', 'description', 'tags', 'status', 'properties']} />
        <TextInput label="Title" required {...title.props(errors.title)} data-autofocus />
        <DescriptionField minRows={2} value={description} onChange={setDescription} error={errors.description} />
        <TagsField value={tags} onChange={setTags} error={errors.tags} />
        {!node && statuses.length > 0 && (
          <NativeSelect
            label="Status"
            data={statuses.map((s) => ({ value: s, label: statusLabel(s) }))}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
            error={errors.status}
          />
        )}
        <PropertyFields type={type} value={properties} onChange={setProperties} errors={byPath} />
        <ModalFormActions pending={save.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function StatusCell({ node, editable }: { node: EcosystemNode; editable: boolean }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (status: string) => api.patch<EcosystemNode>(`/ecosystem/${encodeURIComponent(node.id)}`, { status }),
    onSuccess: (saved) => {
      queryClient.setQueryData<EcosystemNode[]>(programKeys.ecosystem(node.programId), (old) =>
        old?.map((n) => (n.id === saved.id ? saved : n)),
      );
      notifications.show({ color: 'green', message: `“${saved.title}” is now ${statusLabel(saved.status ?? '')}` });
    },
  });
  if (node.status === null) return <Text size="sm">—</Text>;
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <StatusBadge status={node.status} label={statusLabel(node.status)} />
        {editable && node.nextStatuses.length > 0 && (
          <NativeSelect
            size="xs"
            aria-label={`Change status of ${node.title}`}
            data={[
              { value: '', label: 'Move to…' },
              ...node.nextStatuses.map((s) => ({ value: s, label: statusLabel(s) })),
            ]}
            value=""
            disabled={change.isPending}
            onChange={(e) => {
              const next = e.currentTarget.value;
              if (next) change.mutate(next);
            }}
            w={130}
          />
        )}
      </Group>
      {change.error && <ErrorAlert error={change.error} />}
    </Stack>
  );
}

function DeleteNodeModal({ node, onClose }: { node: EcosystemNode | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { mutation: del, close } = useDialogMutation({
    mutationFn: (n: EcosystemNode) => api.delete(`/ecosystem/${encodeURIComponent(n.id)}`),
    onSuccess: (_, n) => {
      queryClient.setQueryData<EcosystemNode[]>(programKeys.ecosystem(n.programId), (old) =>
        old?.filter((x) => x.id !== n.id),
      );
      void queryClient.invalidateQueries({
        predicate: (q) => q.queryKey.includes(n.programId) && q.queryKey[1] !== 'one',
      });
      notifications.show({ color: 'green', message: `“${n.title}” deleted` });
    },
    onClose,
  });
  return (
    <ConfirmDialog
      opened={node !== null}
      onClose={close}
      title={node ? `Delete ${node.title}?` : 'Delete?'}
      error={<ErrorAlert error={del.error} />}
      confirmLabel="Delete"
      pending={del.isPending}
      onConfirm={() => node && del.mutate(node)}
    >
      <Text size="sm">It is removed from the program and from its graph.</Text>
    </ConfirmDialog>
  );
}

function EcosystemSection({
  program,
  type,
  title,
  singular,
  nodes,
  editable,
}: {
  program: Program;
  type: EcosystemType;
  title: string;
  singular: string;
  nodes: EcosystemNode[];
  editable: boolean;
}) {
  const [editing, setEditing] = useState<EcosystemNode | 'new' | null>(null);
  const [deleting, setDeleting] = useState<EcosystemNode | null>(null);
  const headingId = `ecosystem-${type}-heading`;
  const columns = PROPERTY_COLUMNS[type];
  const withStatus = ECOSYSTEM_STATUSES[type].length > 0;
  const colSpan = 3 + columns.length + (withStatus ? 1 : 0) + (editable ? 1 : 0);

  return (
    <Section
      id={headingId}
      title={title}
      actions={
        editable && (
          <Button variant="default" onClick={() => setEditing('new')}>
            Add {singular}
          </Button>
        )
      }
    >
      <ScrollTable label={title} miw={700}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Title</Table.Th>
            {withStatus && <Table.Th scope="col">Status</Table.Th>}
            {columns.map((c) => (
              <Table.Th scope="col" key={c.header}>
                {c.header}
              </Table.Th>
            ))}
            <Table.Th scope="col">Description</Table.Th>
            <Table.Th scope="col">Tags</Table.Th>
            {editable && <Table.Th scope="col">Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {nodes.length === 0 && <EmptyRow colSpan={colSpan}>None yet.</EmptyRow>}
          {nodes.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {n.title}
                </Text>
              </Table.Td>
              {withStatus && (
                <Table.Td>
                  <StatusCell node={n} editable={editable} />
                </Table.Td>
              )}
              {columns.map((c) => (
                <Table.Td key={c.header}>
                  <Text size="sm" component="div">
                    {c.render(n.properties)}
                  </Text>
                </Table.Td>
              ))}
              <Table.Td>
                <Text size="sm" lineClamp={3}>
                  {n.description || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tags tags={n.tags} />
              </Table.Td>
              {editable && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="default" aria-label={`Edit ${n.title}`} onClick={() => setEditing(n)}>
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Delete ${n.title}`}
                      onClick={() => setDeleting(n)}
                    >
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {editable && (
        <>
          <EditorModal
            editing={editing}
            onClose={() => setEditing(null)}
            size="lg"
            title={(n) => (n ? `Edit ${n.title}` : `Add ${singular}`)}
          >
            {(n) => <NodeForm program={program} type={type} node={n} onDone={() => setEditing(null)} />}
          </EditorModal>
          <DeleteNodeModal node={deleting} onClose={() => setDeleting(null)} />
        </>
      )}
    </Section>
  );
}

export function EcosystemTab({ program, editable }: { program: Program; editable: boolean }) {
  const nodes = useQuery({
    queryKey: programKeys.ecosystem(program.id),
    queryFn: () => api.get<EcosystemNode[]>(`/programs/${encodeURIComponent(program.id)}/ecosystem`),
  });
  if (nodes.isPending) {
    return <CenteredLoader label="Loading the ecosystem" />;
  }
  if (nodes.isError) return <ErrorAlert error={nodes.error} />;
  return (
    <Stack gap="xl">
      {ECOSYSTEM_SECTIONS.map((s) => (
        <EcosystemSection
          key={s.type}
          program={program}
          type={s.type}
          title={s.title}
          singular={s.singular}
          nodes={nodes.data.filter((n) => n.type === s.type)}
          editable={editable}
        />
      ))}
    </Stack>
  );
}
