import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { DEAL_STATUSES, type Deal } from '../../api/deals';
import { useCan } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { FilterSelect, ListFilters, useSearchText } from '../../components/ListFilters';
import { NameWithDetail } from '../../components/format';
import { usePageTitle } from '../../components/usePageTitle';
import { DealStatusBadge } from './DealStatusBadge';
import { daysText, daysUntil, DEAL_STATUS_LABELS, ENDING_SOON_DAYS, formatDate, formatDay, moneyText } from './format';
import { dealKeys, dealPath, useDealPrograms } from './queries';

const statusOptions = DEAL_STATUSES.map((s) => ({ value: s, label: DEAL_STATUS_LABELS[s] }));

/** When protection ends and how many days are left; the last week stands out, in words as well as colour. */
export function ProtectionEnd({ deal }: { deal: Deal }) {
  if (!deal.protectedUntil) return <>—</>;
  if (deal.status === 'expired') return <>Ended {formatDate(deal.protectedUntil)}</>;
  // a closed, rejected or withdrawn registration is no longer protected, whatever the date said
  if (deal.status !== 'protected') return <>—</>;
  const left = daysUntil(deal.protectedUntil);
  const soon = left <= ENDING_SOON_DAYS;
  return (
    <Stack gap={0}>
      <time dateTime={deal.protectedUntil}>{formatDate(deal.protectedUntil)}</time>
      <Text size="xs" c={soon ? 'red.9' : 'gray.8'} fw={soon ? 700 : undefined}>
        {soon ? `Ending soon: ${daysText(left)}` : daysText(left)}
      </Text>
    </Stack>
  );
}

const columns: Column<Deal>[] = [
  {
    key: 'reference',
    header: 'Reference',
    render: (d) => (
      <Anchor component={Link} to={dealPath(d.id)} fw={600}>
        {d.reference}
      </Anchor>
    ),
  },
  {
    key: 'customer',
    header: 'Customer',
    render: (d) => <NameWithDetail name={d.customerName} detail={d.customerDomain} />,
  },
  { key: 'program', header: 'Program', render: (d) => d.programName },
  {
    key: 'amount',
    header: 'Amount',
    render: (d) => (
      <span style={{ whiteSpace: 'nowrap' }}>{moneyText(d.status === 'won' ? d.wonAmount : d.amount, d.currency)}</span>
    ),
  },
  { key: 'close', header: 'Expected close', render: (d) => formatDay(d.expectedCloseDate) },
  { key: 'status', header: 'Status', render: (d) => <DealStatusBadge status={d.status} /> },
  { key: 'protection', header: 'Protection ends', render: (d) => <ProtectionEnd deal={d} /> },
];

/** The partner's registrations, newest first, by status, program and customer. */
export function DealsPage() {
  usePageTitle('Deals');
  const can = useCan();
  const { text, setText, search } = useSearchText();
  const [status, setStatus] = useState('');
  const [programId, setProgramId] = useState('');
  const { programs } = useDealPrograms();
  const filters = { q: search, status, programId };
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Stack>
      <Stack gap={4}>
        <Group justify="space-between">
          <Title order={1}>Deals</Title>
          {can('deal.register') && (
            <Button component={Link} to="/portal/deals/new">
              Register a deal
            </Button>
          )}
        </Group>
        <Text size="sm">
          Register an opportunity before you work it. Once a channel manager approves it, the customer is yours for the
          protection period of your tier.
        </Text>
      </Stack>
      <ListFilters text={text} onText={setText} placeholder="Customer name or domain">
        <FilterSelect
          label="Status"
          allLabel="All statuses"
          options={statusOptions}
          value={status}
          onChange={setStatus}
          w={170}
        />
        <FilterSelect
          label="Program"
          allLabel="All programs"
          options={programs.map((p) => ({ value: p.id, label: p.name }))}
          value={programId}
          onChange={setProgramId}
          w={220}
        />
      </ListFilters>
      <DataTable<Deal>
        queryKey={dealKeys.list}
        path="/deals"
        params={filters}
        columns={columns}
        rowKey={(d) => d.id}
        label="Deal registrations"
        empty={
          filtered
            ? 'No registrations match.'
            : 'No registrations yet. Register a deal to protect an opportunity you are working on.'
        }
      />
    </Stack>
  );
}
