import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';
import type { Deal } from '../../api/deals';
import type { Column } from '../../components/DataTable';
import { DateTime, NameWithDetail } from '../../components/format';
import { formatAmount } from '../programs/money';
import { DealStatusBadge, HolderLapsedBadge, OverdueBadge } from './DealBadges';

export const dealPath = (id: string) => `/console/deals/${encodeURIComponent(id)}`;

/** The columns a list of registrations may show, by key; each list picks its own. */
const COLUMNS = {
  reference: {
    key: 'reference',
    header: 'Reference',
    render: (d) => (
      <Anchor component={Link} to={dealPath(d.id)} fw={600} style={{ whiteSpace: 'nowrap' }}>
        {d.reference}
      </Anchor>
    ),
  },
  partner: {
    key: 'partner',
    header: 'Partner',
    render: (d) => (
      <Anchor component={Link} to={`/console/partners/${d.partnerId}`} size="sm">
        {d.partnerName}
      </Anchor>
    ),
  },
  customer: {
    key: 'customer',
    header: 'Customer',
    render: (d) => <NameWithDetail name={d.customerName} detail={d.customerDomain} />,
  },
  program: { key: 'program', header: 'Program', render: (d) => d.programName },
  amount: {
    key: 'amount',
    header: 'Amount',
    render: (d) => <span style={{ whiteSpace: 'nowrap' }}>{formatAmount(d.amount, d.currency)}</span>,
  },
  submitted: { key: 'submitted', header: 'Submitted', render: (d) => <DateTime value={d.submittedAt} /> },
  sla: {
    key: 'sla',
    header: 'SLA due',
    render: (d) => (
      <Group gap={6} wrap="nowrap">
        <DateTime value={d.slaDueAt} />
        {d.overdue && <OverdueBadge />}
      </Group>
    ),
  },
  close: { key: 'close', header: 'Expected close', render: (d) => d.expectedCloseDate ?? '—' },
  status: {
    key: 'status',
    header: 'Status',
    render: (d) => (
      <Group gap={4} wrap="nowrap">
        <DealStatusBadge status={d.status} />
        {d.holderLapsed && <HolderLapsedBadge />}
      </Group>
    ),
  },
  owner: { key: 'owner', header: 'Owner', render: (d) => d.ownerName ?? '—' },
  cam: { key: 'cam', header: 'Channel manager', render: (d) => d.camName ?? 'Unassigned' },
} satisfies Record<string, Column<Deal>>;

export type DealColumn = keyof typeof COLUMNS;

export function dealColumns(keys: DealColumn[]): Column<Deal>[] {
  return keys.map((k) => COLUMNS[k]);
}
