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

/** A conflict whose every collision is with a registration no longer active: the reviewer may resolve it now. */
export function HolderLapsedBadge() {
  // blue like news, not red like a fault: nothing is late or wrong because of it
  return <StatusBadge status="approved" label="Holder no longer active" />;
}

/** The status, Overdue beside it when the reviewer is late, and whether the conflict's holder lapsed. */
export function DealBadges({ deal }: { deal: Pick<Deal, 'status' | 'overdue' | 'holderLapsed'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      <DealStatusBadge status={deal.status} />
      {deal.overdue && <OverdueBadge />}
      {deal.holderLapsed && <HolderLapsedBadge />}
    </Group>
  );
}
