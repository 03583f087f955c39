import { Anchor, Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, fieldErrors } from '../../api/client';
import type { Partner } from '../../api/types';
import { useCan } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FormErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';

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
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 250);
  const [showForm, setShowForm] = useState(false);
  const writable = can('partner.write');

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
    { key: 'created', header: 'Created', render: (p) => <DateTime value={p.createdAt} /> },
  ];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Partners</Title>
        {writable && !showForm && <Button onClick={() => setShowForm(true)}>New partner</Button>}
      </Group>
      {writable && showForm && (
        <section aria-labelledby="new-partner-heading">
          <Title order={2} size="h3" id="new-partner-heading" mb="sm">
            New partner
          </Title>
          <NewPartnerForm />
        </section>
      )}
      <TextInput label="Search" type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} w={280} />
      <DataTable<Partner>
        label="Partners"
        queryKey={['partners']}
        path="/partners"
        params={{ q: search }}
        columns={columns}
        rowKey={(p) => p.id}
        empty={search ? 'No partners match.' : 'No partners yet.'}
      />
    </Stack>
  );
}
