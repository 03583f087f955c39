import { Code, SimpleGrid, Stack, Text } from '@mantine/core';
import type { AuditEntry } from '../api/types';
import { DataTable, type Column } from '../components/DataTable';
import { DateTime } from '../components/format';

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm">—</Text>
      ) : (
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </Stack>
  );
}

interface AuditTableProps {
  label: string;
  params: { action?: string; objectType?: string; objectId?: string; actorId?: string; partnerId?: string };
  /** Leave out the object column (e.g. on an object's own page). */
  withObject?: boolean;
}

/** Audit entries, newest first, each expandable to its before/after. */
export function AuditTable({ label, params, withObject = true }: AuditTableProps) {
  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: 'Time', render: (e) => <DateTime value={e.at} /> },
    {
      key: 'actor',
      header: 'Actor',
      render: (e) => (
        <Text size="sm">
          {e.actor.label}
          {e.actor.type !== 'user' && (
            <Text span size="xs" c="gray.8">
              {' '}
              ({e.actor.type.replace('_', ' ')})
            </Text>
          )}
        </Text>
      ),
    },
    { key: 'action', header: 'Action', render: (e) => <Code>{e.action}</Code> },
  ];
  if (withObject) {
    columns.push({
      key: 'object',
      header: 'Object',
      render: (e) => (
        <Text size="sm">
          {e.objectType}
          {e.objectId && (
            <Text span size="xs" c="gray.8" ff="monospace">
              {' '}
              {e.objectId}
            </Text>
          )}
        </Text>
      ),
    });
  }
  columns.push({
    key: 'requestId',
    header: 'Request id',
    render: (e) => (
      <Text size="xs" ff="monospace">
        {e.requestId ?? '—'}
      </Text>
    ),
  });

  return (
    <DataTable<AuditEntry>
      label={label}
      queryKey={['audit']}
      path="/audit"
      params={params}
      columns={columns}
      rowKey={(e) => e.id}
      empty="No audit entries."
      expand={(e) => (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Json label="Before" value={e.before} />
          <Json label="After" value={e.after} />
        </SimpleGrid>
      )}
      expandLabel={(e, open) =>
        `${open ? 'Hide' : 'Show'} changes of ${e.action} at ${new Date(e.at).toLocaleString()}`
      }
    />
  );
}
