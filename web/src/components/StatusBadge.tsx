import { Badge } from '@mantine/core';
import { capitalize } from './format';

const COLORS: Record<string, string> = {
  active: 'green',
  launch: 'green',
  growth: 'green',
  sent: 'green',
  stored: 'blue',
  queued: 'yellow',
  failed: 'red',
  revoked: 'red',
  disabled: 'red',
  archived: 'gray',
  sunset: 'gray',
  pending: 'yellow',
  submitted: 'yellow',
  approved: 'blue',
  draft: 'gray',
  rejected: 'red',
  suspended: 'orange',
  terminated: 'gray',
  overdue: 'red',
  completed: 'green',
  conflict: 'orange',
  protected: 'green',
  withdrawn: 'gray',
  expired: 'gray',
  won: 'green',
  lost: 'gray',
};

/** A small status label: coloured border, dark text (readable whatever the colour). */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const color = COLORS[status] ?? 'blue';
  return (
    <Badge
      color={color}
      variant="outline"
      radius="sm"
      tt="none"
      c="gray.9"
      style={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      // a badge never hides its own text: the table column grows instead
      styles={{ label: { overflow: 'visible' } }}
    >
      {label ?? capitalize(status)}
    </Badge>
  );
}
