import type { ApplicationStatus, RuleKind } from '../../api/applications';

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  received: 'Waiting for review',
  approved: 'Approved',
  rejected: 'Rejected',
};

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  countries: 'Country',
  regions: 'Regions served',
  partner_types: 'Partner type',
  industries: 'Industry',
  min_size: 'Minimum company size',
};

export const statusOptions = (Object.keys(STATUS_LABELS) as ApplicationStatus[]).map((s) => ({
  value: s,
  label: STATUS_LABELS[s],
}));
