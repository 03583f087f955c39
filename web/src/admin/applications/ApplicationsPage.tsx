import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Application, ApplicationStatus } from '../../api/applications';
import { api } from '../../api/client';
import type { Program } from '../../api/programs';
import type { Page } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { FilterSelect, ListFilters, useSearchText } from '../../components/ListFilters';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { STATUS_LABELS, statusOptions } from './labels';

const STATUS_COLOR: Record<ApplicationStatus, string> = {
  received: 'pending',
  approved: 'active',
  rejected: 'revoked',
};

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  return <StatusBadge status={STATUS_COLOR[status]} label={STATUS_LABELS[status]} />;
}

export function EligibleBadge({ eligible }: { eligible: boolean }) {
  return <StatusBadge status={eligible ? 'active' : 'failed'} label={eligible ? 'Eligible' : 'Not eligible'} />;
}

/** What a reviewer must not miss: the domain applied before, or is a partner already. */
export function DuplicateBadges({ application: a }: { application: Application }) {
  if (!a.duplicateOf && !a.matchedPartner) return <>—</>;
  return (
    <Group gap={4}>
      {a.duplicateOf && <StatusBadge status="pending" label="Duplicate domain" />}
      {a.matchedPartner && <StatusBadge status="pending" label={`Partner: ${a.matchedPartner.name}`} />}
    </Group>
  );
}

/** The choices of a true/false filter. */
const yesNo = (yes: string, no: string) => [
  { value: 'true', label: yes },
  { value: 'false', label: no },
];

/** The programs to filter by. */
function usePrograms() {
  return useQuery({
    queryKey: ['programs', { limit: 100, for: 'applications' }],
    queryFn: () => api.get<Page<Program>>('/programs', { limit: 100 }),
  });
}

export function ApplicationsPage() {
  usePageTitle('Applications');
  const { text, setText, search } = useSearchText();
  const [status, setStatus] = useState<string>('received');
  const [programId, setProgramId] = useState('');
  const [eligible, setEligible] = useState('');
  const [duplicate, setDuplicate] = useState('');
  const programs = usePrograms();

  const filters = { q: search, status, programId, eligible, duplicate };
  const filtered = Object.values(filters).some(Boolean);

  const columns: Column<Application>[] = [
    {
      key: 'company',
      header: 'Company',
      render: (a) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/console/applications/${a.id}`} fw={600}>
            {a.companyName}
          </Anchor>
          <Text size="xs" c="gray.8">
            {a.domain}
          </Text>
        </Stack>
      ),
    },
    { key: 'program', header: 'Program', render: (a) => a.programName },
    { key: 'score', header: 'Score', render: (a) => `${a.score} / 100` },
    { key: 'eligible', header: 'Eligibility', render: (a) => <EligibleBadge eligible={a.eligible} /> },
    { key: 'flags', header: 'Duplicates', render: (a) => <DuplicateBadges application={a} /> },
    { key: 'status', header: 'Status', render: (a) => <ApplicationStatusBadge status={a.status} /> },
    { key: 'received', header: 'Received', render: (a) => <DateTime value={a.createdAt} /> },
  ];

  return (
    <Stack>
      <Title order={1}>Applications</Title>
      <Text size="sm">
        Companies that applied through a program&apos;s public form.{' '}
        {status === 'received' ? 'The oldest waits at the top.' : 'The newest is at the top.'}
      </Text>
      <ErrorAlert error={programs.error} title="The programs could not be loaded" />
      <ListFilters text={text} onText={setText} placeholder="Company, domain or email">
        <FilterSelect
          label="Status"
          allLabel="All statuses"
          options={statusOptions}
          value={status}
          onChange={setStatus}
          w={190}
        />
        <FilterSelect
          label="Program"
          allLabel="All programs"
          options={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={programId}
          onChange={setProgramId}
          w={220}
        />
        <FilterSelect
          label="Eligibility"
          allLabel="Any"
          options={yesNo('Eligible', 'Not eligible')}
          value={eligible}
          onChange={setEligible}
          w={150}
        />
        <FilterSelect
          label="Duplicates"
          allLabel="Any"
          options={yesNo('Duplicate or partner', 'New company')}
          value={duplicate}
          onChange={setDuplicate}
          w={200}
        />
      </ListFilters>
      <DataTable<Application>
        label="Applications"
        queryKey={['applications']}
        path="/applications"
        params={filters}
        columns={columns}
        rowKey={(a) => a.id}
        empty={filtered ? 'No applications match.' : 'No applications yet.'}
      />
    </Stack>
  );
}
