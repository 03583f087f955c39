import { Box, Stack, Text } from '@mantine/core';
import type { DealDetail } from '../../api/deals';
import { DateTime } from '../../components/format';
import { inOrder } from './history';
import { describeDealEvent } from './labels';

/** What happened to a registration, oldest first, as a timeline: who did what, when, and why. */
export function DealHistory({ deal }: { deal: DealDetail }) {
  if (deal.history.length === 0) return <Text size="sm">Nothing has happened yet.</Text>;
  return (
    <Stack
      component="ol"
      aria-label={`History of ${deal.reference}`}
      gap="sm"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {inOrder(deal.history).map((e) => (
        <Box component="li" key={e.id} pl="md" style={{ borderLeft: '3px solid var(--mantine-color-indigo-3)' }}>
          <Text size="sm" fw={600}>
            {describeDealEvent(e)}
          </Text>
          <Text size="xs" c="gray.8">
            <DateTime value={e.createdAt} /> · {e.actorLabel}
          </Text>
          {e.reason && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {e.reason}
            </Text>
          )}
        </Box>
      ))}
    </Stack>
  );
}
