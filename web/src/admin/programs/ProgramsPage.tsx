import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Program } from '../../api/programs';
import { useCan } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { DateTime } from '../../components/format';
import { FilterSelect, ListFilters, useSearchText } from '../../components/ListFilters';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { programStatusOptions, programTypeLabel, programTypeOptions } from './labels';

export function ProgramsPage() {
  usePageTitle('Programs');
  const can = useCan();
  const { text, setText, search } = useSearchText();
  const [status, setStatus] = useState('');
  const [programType, setProgramType] = useState('');
  const [archived, setArchived] = useState(false);

  const columns: Column<Program>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (p) => (
        <Group gap="xs" wrap="nowrap">
          <Anchor component={Link} to={`/console/programs/${p.id}`} fw={600}>
            {p.name}
          </Anchor>
          {p.archivedAt && <StatusBadge status="archived" />}
        </Group>
      ),
    },
    { key: 'type', header: 'Type', render: (p) => <Text size="sm">{programTypeLabel(p.programType)}</Text> },
    { key: 'status', header: 'Status', render: (p) => <StatusBadge status={p.status} /> },
    { key: 'currency', header: 'Currency', render: (p) => <Text size="sm">{p.currency}</Text> },
    { key: 'updated', header: 'Updated', render: (p) => <DateTime value={p.updatedAt} /> },
  ];

  const filtered = Boolean(search || status || programType);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Programs</Title>
        {can('program.write') && (
          <Group>
            <Button variant="default" component={Link} to="/console/programs/templates">
              New from template
            </Button>
            <Button component={Link} to="/console/programs/new">
              New program
            </Button>
          </Group>
        )}
      </Group>
      <ListFilters
        text={text}
        onText={setText}
        placeholder="Name, key or description"
        archived={{ checked: archived, onChange: setArchived }}
      >
        <FilterSelect
          label="Status"
          allLabel="All statuses"
          options={programStatusOptions}
          value={status}
          onChange={setStatus}
          w={180}
        />
        <FilterSelect
          label="Type"
          allLabel="All types"
          options={programTypeOptions}
          value={programType}
          onChange={setProgramType}
          w={200}
        />
      </ListFilters>
      <DataTable<Program>
        label="Programs"
        queryKey={['programs']}
        path="/programs"
        params={{ q: search, status, programType, archived: archived ? 'true' : undefined }}
        columns={columns}
        rowKey={(p) => p.id}
        empty={filtered ? 'No programs match.' : archived ? 'No archived programs.' : 'No programs yet.'}
      />
    </Stack>
  );
}
