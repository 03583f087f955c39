import { Box, Stack, Text } from '@mantine/core';
import type { DealEvent, DealStatus } from '../../api/deals';
import { capitalize, DateTime } from '../../components/format';
import { DEAL_STATUS_LABELS } from './format';

/** A status move in words; the second half names where it went, as the status badge does. */
function moveText(from: string | null, to: string | null): string {
  const label = (s: string | null) => (s ? (DEAL_STATUS_LABELS[s as DealStatus] ?? capitalize(s)) : '');
  if (from === 'draft' && to === 'submitted') return 'Submitted for review';
  if (from === 'draft' && to === 'conflict') return 'Submitted: needs review';
  if (to === 'protected') return 'Approved and protected';
  if (to === 'expired') return 'Protection ended';
  if (to === 'won' || to === 'lost') return `Closed ${to}`;
  return from ? `${label(from)} → ${label(to)}` : label(to);
}

const KIND_TEXT: Record<string, string> = {
  created: 'Created as a draft',
  edited: 'Edited',
  attachment_added: 'File attached',
  attachment_removed: 'File removed',
  extension_requested: 'Extension requested',
  extension_granted: 'Extension granted',
  extension_refused: 'Extension refused',
  expiry_warned: 'Reminder: protection ends within a week',
};

/** How far along the lifecycle an event is: the tie-break for events of one instant. */
const STAGE: Record<string, number> = { draft: 0, submitted: 1, conflict: 1, approved: 2, protected: 2, rejected: 2 };
const stageOf = (e: DealEvent) => (e.kind === 'created' ? 0 : e.kind === 'status' ? (STAGE[e.toStatus ?? ''] ?? 3) : 4);

/**
 * Oldest first. Events written by one transaction share its timestamp (a submission that is also auto-approved,
 * the creation of a registration submitted at once), so those are put in lifecycle order.
 */
const inOrder = (events: DealEvent[]) =>
  [...events].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || stageOf(a) - stageOf(b));

const eventText = (e: DealEvent) =>
  e.kind === 'status' ? moveText(e.fromStatus, e.toStatus) : (KIND_TEXT[e.kind] ?? capitalize(e.kind));

/** What happened to a registration, oldest first, each with when, who and why. */
export function DealHistory({ events }: { events: DealEvent[] }) {
  if (events.length === 0) return <Text size="sm">Nothing has happened yet.</Text>;
  return (
    <Stack component="ol" gap="sm" aria-label="History" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {inOrder(events).map((e) => (
        <Box component="li" key={e.id} pl="md" style={{ borderLeft: '3px solid var(--mantine-color-indigo-7)' }}>
          <Text size="sm" fw={600}>
            {eventText(e)}
          </Text>
          {e.reason && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {e.reason}
            </Text>
          )}
          <Text size="xs" c="gray.8">
            <DateTime value={e.createdAt} /> · {e.actorLabel}
          </Text>
        </Box>
      ))}
    </Stack>
  );
}
