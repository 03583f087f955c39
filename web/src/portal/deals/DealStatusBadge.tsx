import { Tooltip, VisuallyHidden } from '@mantine/core';
import type { DealStatus } from '../../api/deals';
import { StatusBadge } from '../../components/StatusBadge';
import { DEAL_STATUS_LABELS } from './format';

/** Said of a conflict without naming anyone: the partner never learns who holds the customer. */
export const CONFLICT_COVERED = 'Another registration or an account of the vendor covers this customer.';
export const CONFLICT_HINT = `${CONFLICT_COVERED} A channel manager will review it.`;

/** A registration's status; "Needs review" explains itself on hover or focus, and to screen readers. */
export function DealStatusBadge({ status }: { status: DealStatus }) {
  const badge = <StatusBadge status={status} label={DEAL_STATUS_LABELS[status]} />;
  if (status !== 'conflict') return badge;
  return (
    <Tooltip label={CONFLICT_HINT} multiline w={280} withArrow>
      <span tabIndex={0} style={{ display: 'inline-block' }}>
        {badge}
        <VisuallyHidden>: {CONFLICT_HINT}</VisuallyHidden>
      </span>
    </Tooltip>
  );
}
