import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Enrollment, EnrollmentEvent } from '../../api/programs';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { capitalize, DateTime } from '../../components/format';
import { ScrollTable } from '../../components/ScrollTable';

export const enrollmentHistoryKey = (id: string) => ['enrollments', 'history', id] as const;

const describe = (e: EnrollmentEvent) =>
  e.kind === 'status'
    ? e.from
      ? `${capitalize(e.from)} → ${capitalize(e.to ?? '')}`
      : capitalize(e.to ?? '')
    : `Tier: ${e.from ?? 'no tier'} → ${e.to ?? 'no tier'}`;

/** Status moves and tier changes of an enrollment, newest first, with who made them and why. */
export function EnrollmentHistory({ enrollment, label }: { enrollment: Enrollment; label: string }) {
  const history = useQuery({
    queryKey: enrollmentHistoryKey(enrollment.id),
    queryFn: () => api.get<EnrollmentEvent[]>(`/enrollments/${encodeURIComponent(enrollment.id)}/history`),
  });
  if (history.isPending) return <CenteredLoader py="md" label="Loading the history" />;
  if (history.isError) return <ErrorAlert error={history.error} />;
  if (history.data.length === 0) return <Text size="sm">Nothing has happened yet.</Text>;
  const events = [...history.data].reverse();
  return (
    <ScrollTable label={label} regionLabel="Enrollment history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">Change</Table.Th>
          <Table.Th scope="col">Reason</Table.Th>
          <Table.Th scope="col">By</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>
              <DateTime value={e.at} />
            </Table.Td>
            <Table.Td>{describe(e)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{e.reason || '—'}</Table.Td>
            <Table.Td>{e.actor}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
