import { Anchor, Button, Group, Select, Stack, Switch, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { API_BASE, api, fieldErrors, queryString } from '../../api/client';
import type { Partner } from '../../api/types';
import { useCan } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FormErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { FilterSelect, ListFilters, useSearchText } from '../../components/ListFilters';
import {
  countryName,
  countryOptions,
  regionOptions,
  statusOptions,
  typeLabel,
  sizeOptions,
  typeOptions,
  useCamOptions,
} from '../../components/partnerProfile';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { ImportPartnersDialog } from './ImportPartnersDialog';

function NewPartnerForm() {
  const [name, setName] = useState('');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => api.post<Partner>('/partners', { name: name.trim() }),
    onSuccess: (partner) => {
      void queryClient.invalidateQueries({ queryKey: ['partners'] });
      notifications.show({ color: 'green', message: `Partner “${partner.name}” created` });
      void navigate(`/console/partners/${partner.id}`);
    },
  });
  const errors = fieldErrors(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={640}>
        <FormErrorAlert error={create.error} fields={['name']} />
        <Group align="flex-start">
          <TextInput
            label="Partner name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            w={320}
          />
          <Button type="submit" mt={25} loading={create.isPending}>
            Create partner
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PartnersPage() {
  usePageTitle('Partners');
  const can = useCan();
  const { text, setText, search } = useSearchText();
  const [status, setStatus] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const [region, setRegion] = useState('');
  const [partnerType, setPartnerType] = useState('');
  const [unassigned, setUnassigned] = useState(false);
  const [companySize, setCompanySize] = useState('');
  const [camUserId, setCamUserId] = useState<string | null>(null);
  const industry = useSearchText();
  const tag = useSearchText();
  const cams = useCamOptions(true);
  const [showForm, setShowForm] = useState(false);
  const [importing, setImporting] = useState(false);
  const writable = can('partner.write');

  const filters = {
    q: search,
    status,
    country: country ?? '',
    region,
    partnerType,
    companySize,
    industry: industry.search,
    tag: tag.search,
    camUserId: unassigned ? '' : (camUserId ?? ''),
    unassigned: unassigned ? 'true' : undefined,
  };
  const filtered = Object.values(filters).some(Boolean);

  const columns: Column<Partner>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (p) => (
        <Anchor component={Link} to={`/console/partners/${p.id}`} fw={600}>
          {p.name}
        </Anchor>
      ),
    },
    { key: 'status', header: 'Status', render: (p) => <StatusBadge status={p.status} /> },
    { key: 'country', header: 'Country', render: (p) => countryName(p.country) },
    {
      key: 'types',
      header: 'Types',
      render: (p) => (p.partnerTypes.length ? p.partnerTypes.map(typeLabel).join(', ') : '—'),
    },
    { key: 'cam', header: 'Channel manager', render: (p) => p.camName ?? 'Unassigned' },
    { key: 'updated', header: 'Updated', render: (p) => <DateTime value={p.updatedAt} /> },
  ];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Partners</Title>
        {writable && (
          <Group gap="sm">
            <Button
              component="a"
              variant="default"
              href={`${API_BASE}/partners/export.csv${queryString(filters)}`}
              download
            >
              Export CSV
            </Button>
            <Button variant="default" onClick={() => setImporting(true)}>
              Import CSV
            </Button>
            {!showForm && <Button onClick={() => setShowForm(true)}>New partner</Button>}
          </Group>
        )}
      </Group>
      {writable && showForm && (
        <section aria-labelledby="new-partner-heading">
          <Title order={2} size="h3" id="new-partner-heading" mb="sm">
            New partner
          </Title>
          <NewPartnerForm />
        </section>
      )}
      <ListFilters text={text} onText={setText} placeholder="Name, legal name or domain">
        <FilterSelect
          label="Status"
          allLabel="All statuses"
          options={statusOptions}
          value={status}
          onChange={setStatus}
          w={170}
        />
        <Select
          label="Country"
          placeholder="All countries"
          data={countryOptions}
          searchable
          clearable
          value={country}
          onChange={setCountry}
          w={220}
        />
        <FilterSelect
          label="Region"
          allLabel="All regions"
          options={regionOptions}
          value={region}
          onChange={setRegion}
          w={170}
        />
        <FilterSelect
          label="Partner type"
          allLabel="All types"
          options={typeOptions}
          value={partnerType}
          onChange={setPartnerType}
          w={180}
        />
        <FilterSelect
          label="Company size"
          allLabel="All sizes"
          options={sizeOptions}
          value={companySize}
          onChange={setCompanySize}
          w={190}
        />
        <TextInput
          label="Industry"
          placeholder="Any industry"
          value={industry.text}
          onChange={(e) => industry.setText(e.currentTarget.value)}
          w={170}
        />
        <TextInput
          label="Tag"
          placeholder="Any tag"
          value={tag.text}
          onChange={(e) => tag.setText(e.currentTarget.value)}
          w={140}
        />
        <Select
          label="Channel manager"
          placeholder="Anyone"
          data={cams.options}
          searchable
          clearable
          value={camUserId}
          onChange={setCamUserId}
          disabled={unassigned}
          w={200}
        />
        <Switch
          label="No channel manager"
          checked={unassigned}
          onChange={(e) => setUnassigned(e.currentTarget.checked)}
          mb={8}
        />
      </ListFilters>
      <DataTable<Partner>
        label="Partners"
        queryKey={['partners']}
        path="/partners"
        params={filters}
        columns={columns}
        rowKey={(p) => p.id}
        empty={filtered ? 'No partners match.' : 'No partners yet.'}
      />
      {writable && <ImportPartnersDialog opened={importing} onClose={() => setImporting(false)} />}
    </Stack>
  );
}
