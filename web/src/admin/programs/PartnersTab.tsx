import { Anchor, Button, Group, Modal, NativeSelect, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, fieldErrors } from '../../api/client';
import type { Enrollment, Program, Tier, TierChange } from '../../api/programs';
import type { Page, Partner } from '../../api/types';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { ReasonField } from '../../components/fields';
import { ModalFormActions } from '../../components/FormActions';
import { DateTime } from '../../components/format';
import { EmptyRow, ScrollTable } from '../../components/ScrollTable';
import { useRequiredText } from '../../components/useRequiredText';
import { programKeys } from './cache';
import { useTiers } from './TiersTab';

const NO_TIER = '';

function tierOptions(tiers: Tier[] | undefined) {
  return [
    { value: NO_TIER, label: 'No tier' },
    ...[...(tiers ?? [])].sort((a, b) => a.rank - b.rank).map((t) => ({ value: t.id, label: t.name })),
  ];
}

function useEnrollmentChanged(programId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: programKeys.enrollments(programId) });
    void queryClient.invalidateQueries({ queryKey: ['enrollments'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

function AddPartnerForm({
  program,
  enrolled,
  onDone,
}: {
  program: Program;
  enrolled: Set<string>;
  onDone: () => void;
}) {
  const tiers = useTiers(program.id);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [tierId, setTierId] = useState<string | null>(null);
  const partners = useQuery({
    queryKey: ['partners', 'picker', q],
    queryFn: () => api.get<Page<Partner>>('/partners', { q, limit: 25 }),
  });
  const [picked, setPicked] = useState<Partner | null>(null);
  const changed = useEnrollmentChanged(program.id);
  const add = useMutation({
    mutationFn: (input: { partnerId: string; tierId: string | null }) =>
      api.post<Enrollment>(`/programs/${encodeURIComponent(program.id)}/enrollments`, input),
    onSuccess: (e) => {
      changed();
      notifications.show({ color: 'green', message: `${e.partnerName} added to ${program.name}` });
      onDone();
    },
  });
  const [missing, setMissing] = useState(false);
  const errors = fieldErrors(add.error);

  const options = (partners.data?.items ?? []).map((p) => ({
    value: p.id,
    label: enrolled.has(p.id) ? `${p.name} (already in the program)` : p.name,
    disabled: enrolled.has(p.id),
  }));
  if (picked && !options.some((o) => o.value === picked.id))
    options.unshift({ value: picked.id, label: picked.name, disabled: false });

  const entry = [...(tiers.data ?? [])].sort((a, b) => a.rank - b.rank)[0];
  const tierValue = tierId ?? entry?.id ?? NO_TIER;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!partnerId) {
      setMissing(true);
      return;
    }
    add.mutate({ partnerId, tierId: tierValue || null });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={add.error} fields={['partnerId', 'tierId']} />
        <Select
          label="Partner"
          required
          searchable
          placeholder="Search partners by name"
          data={options}
          value={partnerId}
          onChange={(value) => {
            setPartnerId(value);
            setMissing(false);
            setPicked(partners.data?.items.find((p) => p.id === value) ?? null);
          }}
          searchValue={search}
          onSearchChange={setSearch}
          nothingFoundMessage={partners.isPending ? 'Searching…' : 'No partners found'}
          // the server filters; the list opens when the user types or clicks, not when the dialog opens
          filter={({ options: all }) => all}
          openOnFocus={false}
          error={missing ? 'Choose a partner' : errors.partnerId}
          data-autofocus
        />
        <NativeSelect
          label="Tier"
          data={tierOptions(tiers.data)}
          value={tierValue}
          onChange={(e) => setTierId(e.currentTarget.value)}
          error={errors.tierId}
          description="The entry tier unless you choose another."
        />
        <ModalFormActions pending={add.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function ChangeTierForm({
  program,
  enrollment,
  onDone,
}: {
  program: Program;
  enrollment: Enrollment;
  onDone: () => void;
}) {
  const tiers = useTiers(program.id);
  const [tierId, setTierId] = useState(enrollment.tierId ?? NO_TIER);
  const reason = useRequiredText('', 'Give a reason for the change');
  const changed = useEnrollmentChanged(program.id);
  const change = useMutation({
    mutationFn: (input: { tierId: string | null; reason: string }) =>
      api.post<Enrollment>(`/enrollments/${encodeURIComponent(enrollment.id)}/tier`, input),
    onSuccess: (e) => {
      changed();
      notifications.show({
        color: 'green',
        message: e.tierName ? `${e.partnerName} is now at ${e.tierName}` : `${e.partnerName} holds no tier now`,
      });
      onDone();
    },
  });
  const errors = fieldErrors(change.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.check()) return;
    change.mutate({ tierId: tierId || null, reason: reason.value.trim() });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {enrollment.partnerName} is at {enrollment.tierName ?? 'no tier'} now.
        </Text>
        <FormErrorAlert error={change.error} fields={['tierId', 'reason']} />
        <NativeSelect
          label="Tier"
          data={tierOptions(tiers.data)}
          value={tierId}
          onChange={(e) => setTierId(e.currentTarget.value)}
          error={errors.tierId}
          data-autofocus
        />
        <ReasonField description="Kept in the partner's tier history." {...reason.props(errors.reason)} />
        <ModalFormActions pending={change.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function TierHistory({ enrollment }: { enrollment: Enrollment }) {
  const history = useQuery({
    queryKey: ['enrollments', 'history', enrollment.id],
    queryFn: () => api.get<TierChange[]>(`/enrollments/${encodeURIComponent(enrollment.id)}/tier-history`),
  });
  if (history.isPending) {
    return <CenteredLoader py="md" label="Loading the tier history" />;
  }
  if (history.isError) return <ErrorAlert error={history.error} />;
  if (history.data.length === 0) return <Text size="sm">No tier changes yet.</Text>;
  // the server answers oldest first; the newest change reads first here
  const changes = [...history.data].reverse();
  return (
    <ScrollTable label={`Tier history of ${enrollment.partnerName}`} regionLabel="Tier history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">From</Table.Th>
          <Table.Th scope="col">To</Table.Th>
          <Table.Th scope="col">Reason</Table.Th>
          <Table.Th scope="col">By</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <DateTime value={c.at} />
            </Table.Td>
            <Table.Td>{c.fromTier ?? 'No tier'}</Table.Td>
            <Table.Td>{c.toTier ?? 'No tier'}</Table.Td>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.reason || '—'}</Table.Td>
            <Table.Td>{c.actor}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

type Dialog =
  { kind: 'add' } | { kind: 'change'; enrollment: Enrollment } | { kind: 'history'; enrollment: Enrollment };

export function PartnersTab({ program, editable }: { program: Program; editable: boolean }) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const enrollments = useQuery({
    queryKey: programKeys.enrollments(program.id),
    queryFn: () => api.get<Enrollment[]>(`/programs/${encodeURIComponent(program.id)}/enrollments`),
  });
  const close = () => setDialog(null);

  const body = () => {
    if (enrollments.isPending) {
      return <CenteredLoader label="Loading the partners of the program" />;
    }
    if (enrollments.isError) return <ErrorAlert error={enrollments.error} />;
    const rows = [...enrollments.data].sort((a, b) => a.partnerName.localeCompare(b.partnerName));
    return (
      <ScrollTable label={`Partners in ${program.name}`} regionLabel="Program partners" highlightOnHover miw={600}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Partner</Table.Th>
            <Table.Th scope="col">Tier</Table.Th>
            <Table.Th scope="col">Since</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && <EmptyRow colSpan={4}>No partners are in this program yet.</EmptyRow>}
          {rows.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Anchor component={Link} to={`/console/partners/${e.partnerId}`} fw={600} size="sm">
                  {e.partnerName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.tierName ?? 'No tier'}</Text>
              </Table.Td>
              <Table.Td>
                <DateTime value={e.createdAt} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {editable && (
                    <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'change', enrollment: e })}>
                      Change tier
                    </Button>
                  )}
                  <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'history', enrollment: e })}>
                    Tier history
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    );
  };

  const enrolled = new Set((enrollments.data ?? []).map((e) => e.partnerId));
  const title =
    dialog?.kind === 'add'
      ? `Add a partner to ${program.name}`
      : dialog?.kind === 'change'
        ? `Change the tier of ${dialog.enrollment.partnerName}`
        : dialog?.kind === 'history'
          ? `Tier history of ${dialog.enrollment.partnerName}`
          : '';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          Partners
        </Title>
        {editable && <Button onClick={() => setDialog({ kind: 'add' })}>Add partner</Button>}
      </Group>
      {body()}
      <Modal opened={dialog !== null} onClose={close} title={title} size={dialog?.kind === 'history' ? 'xl' : 'md'}>
        {dialog?.kind === 'add' && <AddPartnerForm program={program} enrolled={enrolled} onDone={close} />}
        {dialog?.kind === 'change' && (
          <ChangeTierForm key={dialog.enrollment.id} program={program} enrollment={dialog.enrollment} onDone={close} />
        )}
        {dialog?.kind === 'history' && <TierHistory enrollment={dialog.enrollment} />}
      </Modal>
    </Stack>
  );
}
