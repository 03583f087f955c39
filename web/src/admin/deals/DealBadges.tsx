import { Group } from '@mantine/core';
import type { Deal, DealStatus } from '../../api/deals';
import { StatusBadge } from '../../components/StatusBadge';
import { DEAL_STATUS_COLORS, DEAL_STATUS_LABELS } from './labels';

export function DealStatusBadge({ status }: { status: DealStatus }) {
  return <StatusBadge status={DEAL_STATUS_COLORS[status]} label={DEAL_STATUS_LABELS[status]} />;
}

/** Red when the approval SLA ran out while the registration still waits. */
export function OverdueBadge() {
  return <StatusBadge status="overdue" label="Overdue" />;
}

/** The status, and Overdue beside it when the reviewer is late. */
export function DealBadges({ deal }: { deal: Pick<Deal, 'status' | 'overdue'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      <DealStatusBadge status={deal.status} />
      {deal.overdue && <OverdueBadge />}
    </Group>
  );
}
