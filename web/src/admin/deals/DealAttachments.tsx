import { Anchor, Table } from '@mantine/core';
import { API_BASE } from '../../api/client';
import type { DealDetail } from '../../api/deals';
import { DateTime } from '../../components/format';
import { EmptyRow, ScrollTable } from '../../components/ScrollTable';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The files the partner attached, each a download. */
export function DealAttachments({ deal }: { deal: DealDetail }) {
  return (
    <ScrollTable label={`Files of ${deal.reference}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">File</Table.Th>
          <Table.Th scope="col">Size</Table.Th>
          <Table.Th scope="col">Uploaded by</Table.Th>
          <Table.Th scope="col">When</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {deal.attachments.length === 0 && <EmptyRow colSpan={4}>No files attached.</EmptyRow>}
        {deal.attachments.map((f) => (
          <Table.Tr key={f.id}>
            <Table.Td>
              <Anchor
                href={`${API_BASE}/deals/${encodeURIComponent(deal.id)}/attachments/${encodeURIComponent(f.id)}`}
                download={f.filename}
                size="sm"
              >
                {f.filename}
              </Anchor>
            </Table.Td>
            <Table.Td>{size(f.sizeBytes)}</Table.Td>
            <Table.Td>{f.uploadedBy}</Table.Td>
            <Table.Td>
              <DateTime value={f.createdAt} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
