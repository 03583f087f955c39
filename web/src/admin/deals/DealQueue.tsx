import { Group, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import type { Deal } from '../../api/deals';
import { DataTable } from '../../components/DataTable';
import { dealKeys } from './cache';
import { dealColumns } from './columns';
import { ProgramFilter, useDealPrograms } from './ProgramFilter';
import { useDealQueueTotals } from './QueueCount';

const columns = dealColumns(['reference', 'partner', 'customer', 'amount', 'submitted', 'sla', 'status']);

/** "3 registrations wait for a decision, 1 of them overdue." */
function waiting({ total, overdue }: { total: number; overdue: number }): string {
  const wait = total === 1 ? '1 registration waits' : `${total} registrations wait`;
  return `${wait} for a decision${overdue ? `, ${overdue} of them overdue` : ''}.`;
}

/** Registrations waiting for a channel manager, the oldest submission (whose SLA runs out first) on top. */
export function DealQueue() {
  const [all, setAll] = useState(false);
  const [programId, setProgramId] = useState('');
  const programs = useDealPrograms();
  const params = { all: all || undefined, programId: programId || undefined };
  const totals = useDealQueueTotals(params);
  return (
    <Stack>
      <Text size="sm">
        Submitted registrations and conflicts waiting for a decision, oldest first. A conflict names a customer that
        another partner or your own sales team already holds; resolve it on its page. “Holder no longer active” marks a
        conflict whose every collision has ended since.
      </Text>
      <Group align="flex-end" gap="md">
        <ProgramFilter programs={programs} value={programId} onChange={setProgramId} />
        <Switch
          label="All channel managers"
          description={all ? 'Everyone’s partners' : 'Only the partners you manage'}
          checked={all}
          onChange={(e) => setAll(e.currentTarget.checked)}
        />
      </Group>
      {!!totals?.total && (
        <Text size="sm" fw={500}>
          {waiting(totals)}
        </Text>
      )}
      <DataTable<Deal>
        label="Registrations to review"
        queryKey={dealKeys.queue}
        path="/deals/queue"
        params={params}
        columns={columns}
        rowKey={(d) => d.id}
        empty={
          all
            ? 'Nothing waits for review.'
            : 'Nothing from your partners waits for review. Switch on “All channel managers” to see everyone’s.'
        }
      />
    </Stack>
  );
}
