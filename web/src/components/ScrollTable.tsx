import { Box, Table, Text, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface ScrollTableProps extends Omit<TableProps, 'aria-label'> {
  /** The table's accessible name. */
  label: string;
  /** The scroll region's name, when not the table's. */
  regionLabel?: string;
  children: ReactNode;
}

/** A striped table that scrolls sideways on narrow screens, in a region keyboard users can scroll. */
export function ScrollTable({ label, regionLabel = label, children, ...table }: ScrollTableProps) {
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={`${regionLabel} (scrollable)`}>
      <Table aria-label={label} striped verticalSpacing="xs" {...table}>
        {children}
      </Table>
    </Box>
  );
}

/** The one row of a table with no rows, saying so. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text size="sm" c="gray.8" py="sm">
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
