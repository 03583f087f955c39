import { Button, Group, Modal, NativeSelect, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import { type Enrollment, ENROLLMENT_STATUSES, type Program } from '../../api/programs';
import type { Page, Partner } from '../../api/types';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { ModalFormActions } from '../../components/FormActions';
import { capitalize } from '../../components/format';
import { tierOptions, useEnrollmentChanged } from '../enrollments/EnrollmentDialogs';
import { EnrollmentsTable } from '../enrollments/EnrollmentsTable';
import { programKeys } from './cache';
import { useTiers } from './TiersTab';

const NO_TIER = '';

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
  const changed = useEnrollmentChanged();
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
        <Text size="sm">
          The partner is approved at once and becomes active when one of its admins accepts the program&apos;s current
          agreement (at once if the program has none).
        </Text>
        <ModalFormActions pending={add.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

const STATUS_FILTERS = [
  { value: '', label: 'Every status' },
  ...ENROLLMENT_STATUSES.map((s) => ({ value: s, label: capitalize(s) })),
];

export function PartnersTab({ program, editable }: { program: Program; editable: boolean }) {
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  const enrollments = useQuery({
    queryKey: programKeys.enrollments(program.id),
    queryFn: () => api.get<Enrollment[]>(`/programs/${encodeURIComponent(program.id)}/enrollments`),
  });
  const rows = [...(enrollments.data ?? [])]
    .filter((e) => !status || e.status === status)
    .sort((a, b) => a.partnerName.localeCompare(b.partnerName));
  const enrolled = new Set((enrollments.data ?? []).map((e) => e.partnerId));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          Partners
        </Title>
        {editable && <Button onClick={() => setAdding(true)}>Add partner</Button>}
      </Group>
      <NativeSelect
        label="Status"
        data={STATUS_FILTERS}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value)}
        w={220}
      />
      {enrollments.isPending ? (
        <CenteredLoader label="Loading the partners of the program" />
      ) : enrollments.isError ? (
        <ErrorAlert error={enrollments.error} />
      ) : (
        <EnrollmentsTable
          enrollments={rows}
          by="partner"
          label={`Partners in ${program.name}`}
          editable={editable}
          empty={status ? 'No partner of the program has this status.' : 'No partners are in this program yet.'}
        />
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={`Add a partner to ${program.name}`}>
        {adding && <AddPartnerForm program={program} enrolled={enrolled} onDone={() => setAdding(false)} />}
      </Modal>
    </Stack>
  );
}
