import {
  type Attribution,
  DEAL_STATUSES,
  type DealEvent,
  type DealStatus,
  type ExtensionStatus,
} from '../../api/deals';

export const DEAL_STATUS_LABELS: Record<DealStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  conflict: 'Conflict',
  approved: 'Approved',
  protected: 'Protected',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  won: 'Won',
  lost: 'Lost',
};

/** The StatusBadge colour of each status (by the badge's own status names). */
export const DEAL_STATUS_COLORS: Record<DealStatus, string> = {
  draft: 'draft',
  submitted: 'submitted',
  conflict: 'suspended',
  approved: 'approved',
  protected: 'active',
  rejected: 'rejected',
  withdrawn: 'archived',
  expired: 'sunset',
  won: 'completed',
  lost: 'terminated',
};

export const dealStatusOptions = DEAL_STATUSES.map((s) => ({ value: s, label: DEAL_STATUS_LABELS[s] }));

export const ATTRIBUTION_LABELS: Record<Attribution, string> = {
  sourced: 'Partner-sourced',
  influenced: 'Partner-influenced',
};

export const attributionOptions = (Object.keys(ATTRIBUTION_LABELS) as Attribution[]).map((a) => ({
  value: a,
  label: ATTRIBUTION_LABELS[a],
}));

export const EXTENSION_LABELS: Record<ExtensionStatus, string> = {
  none: 'Not asked for',
  requested: 'Asked for, waiting for an answer',
  granted: 'Granted',
  refused: 'Refused',
};

const EVENT_LABELS: Record<string, string> = {
  created: 'Created as a draft',
  edited: 'Edited',
  extension_requested: 'Extension asked for',
  extension_granted: 'Extension granted',
  extension_refused: 'Extension refused',
  expiry_warned: 'Partner reminded that protection ends soon',
  attachment_added: 'File attached',
  attachment_removed: 'File removed',
};

const statusLabel = (s: string | null) => (s ? (DEAL_STATUS_LABELS[s as DealStatus] ?? s) : '');

/** One line of the history as a person reads it: "Submitted → Protected", "File attached". */
export function describeDealEvent(e: DealEvent): string {
  if (e.kind === 'status')
    return e.fromStatus ? `${statusLabel(e.fromStatus)} → ${statusLabel(e.toStatus)}` : statusLabel(e.toStatus);
  return EVENT_LABELS[e.kind] ?? e.kind.replace(/_/g, ' ');
}
