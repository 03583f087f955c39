import { Anchor, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { onboardingKeys, type Onboarding } from '../../api/onboarding';
import type { Program } from '../../api/programs';
import type { Page } from '../../api/types';
import { useUser } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FilterSelect } from '../../components/ListFilters';
import { usePageTitle } from '../../components/usePageTitle';
import { OnboardingChecklist } from '../../portal/onboarding/OnboardingChecklist';
import { dueText, OnboardingProgressBar, OnboardingStatusBadge } from '../../portal/onboarding/progress';

const STATUS_OPTIONS = [
  { value: 'overdue', label: 'Overdue' },
  { value: 'open', label: 'In progress, not due yet' },
  { value: 'completed', label: 'Completed' },
];

const columns: Column<Onboarding>[] = [
  {
    key: 'partner',
    header: 'Partner',
    render: (o) => (
      <Anchor component={Link} to={`/console/partners/${o.partnerId}`} fw={600} size="sm">
        {o.partnerName}
      </Anchor>
    ),
  },
  {
    key: 'program',
    header: 'Program',
    render: (o) => (
      <Anchor component={Link} to={`/console/programs/${o.programId}?tab=onboarding`} size="sm">
        {o.programName}
      </Anchor>
    ),
  },
  { key: 'status', header: 'Status', render: (o) => <OnboardingStatusBadge status={o.status} /> },
  {
    key: 'progress',
    header: 'Progress',
    width: 220,
    render: (o) => (
      <OnboardingProgressBar onboarding={o} label={`Onboarding of ${o.partnerName} in ${o.programName}`} />
    ),
  },
  { key: 'due', header: 'Due', render: (o) => <Text size="sm">{dueText(o)}</Text> },
  { key: 'cam', header: 'Channel manager', render: (o) => o.camName ?? 'Unassigned' },
  {
    key: 'firstDeal',
    header: 'First deal',
    render: (o) =>
      o.daysToFirstDeal === null ? '—' : o.daysToFirstDeal === 1 ? 'after 1 day' : `after ${o.daysToFirstDeal} days`,
  },
];

/** For channel account managers: every partner still onboarding, overdue first, with each checklist at hand. */
export function OnboardingListPage() {
  usePageTitle('Onboarding');
  const user = useUser();
  const [programId, setProgramId] = useState('');
  const [status, setStatus] = useState('');
  const [mine, setMine] = useState(false);
  const programs = useQuery({
    queryKey: ['programs', { limit: 100, purpose: 'onboarding-filter' }],
    queryFn: () => api.get<Page<Program>>('/programs', { limit: 100 }),
  });
  const params = { programId, status, camUserId: mine ? user.id : '' };
  const filtered = Boolean(programId || status || mine);

  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1}>Onboarding</Title>
        <Text size="sm">
          Partners working through their programs’ onboarding checklists, overdue first. Open a row to see and tick its
          steps.
        </Text>
      </Stack>
      <Group align="flex-end" gap="md">
        <FilterSelect
          label="Program"
          allLabel="All programs"
          options={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={programId}
          onChange={setProgramId}
          w={240}
        />
        <FilterSelect
          label="Status"
          allLabel="Not completed"
          options={STATUS_OPTIONS}
          value={status}
          onChange={setStatus}
          w={220}
        />
        <Switch label="My partners" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} mb={8} />
      </Group>
      <DataTable<Onboarding>
        label="Onboardings"
        queryKey={onboardingKeys.all}
        path="/onboardings"
        params={params}
        columns={columns}
        rowKey={(o) => o.enrollmentId}
        expand={(o) => <OnboardingChecklist enrollmentId={o.enrollmentId} />}
        expandLabel={(o, open) => `${open ? 'Hide' : 'Show'} the checklist of ${o.partnerName} in ${o.programName}`}
        empty={filtered ? 'No onboardings match.' : 'No partner is onboarding right now.'}
      />
    </Stack>
  );
}
