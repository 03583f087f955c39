import { Box, Button, Center, Group, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { ErrorAlert } from './ErrorAlert';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  width?: number | string;
}

type Params = Record<string, string | number | boolean | null | undefined>;

interface DataTableProps<T> {
  /** Cache key; the params are appended to it. */
  queryKey: readonly unknown[];
  /** Path under /api/v1 answering `{items, nextCursor}`. */
  path: string;
  params?: Params;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** The table's accessible name. */
  label: string;
  empty?: ReactNode;
  /** Extra content shown below a row when the user expands it. */
  expand?: (row: T) => ReactNode;
  expandLabel?: (row: T, open: boolean) => string;
  /** Leave out rows (for client-side views of a list). */
  filter?: (row: T) => boolean;
  pageSize?: number;
  enabled?: boolean;
}

/** A server-paginated table with a "Load more" button. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { queryKey, path, params = {}, columns, rowKey, label, empty, expand, expandLabel, filter } = props;
  const [open, setOpen] = useState<Record<string, boolean>>({});

  const query = useInfiniteQuery({
    queryKey: [...queryKey, params],
    queryFn: ({ pageParam }) =>
      api.get<Page<T>>(path, { ...params, limit: props.pageSize, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: props.enabled ?? true,
  });

  if (query.isPending && (props.enabled ?? true)) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={`Loading ${label.toLowerCase()}`} />
      </Center>
    );
  }
  if (query.isError) return <ErrorAlert error={query.error} />;

  const all = query.data?.pages.flatMap((p) => p.items) ?? [];
  const rows = filter ? all.filter(filter) : all;
  const colSpan = columns.length + (expand ? 1 : 0);

  return (
    <Box>
      <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={`${label} (scrollable)`}>
        <Table aria-label={label} striped highlightOnHover verticalSpacing="xs" miw={600}>
          <Table.Thead>
            <Table.Tr>
              {expand && (
                <Table.Th w={40}>
                  <VisuallyHidden>Details</VisuallyHidden>
                </Table.Th>
              )}
              {columns.map((c) => (
                <Table.Th key={c.key} w={c.width} scope="col">
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={colSpan}>
                  <Text size="sm" c="gray.8" py="sm">
                    {empty ?? 'Nothing here yet.'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {rows.map((row) => {
              const key = rowKey(row);
              const isOpen = !!open[key];
              return (
                <Fragment key={key}>
                  <Table.Tr>
                    {expand && (
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-expanded={isOpen}
                          aria-controls={isOpen ? `details-${key}` : undefined}
                          aria-label={expandLabel ? expandLabel(row, isOpen) : isOpen ? 'Hide details' : 'Show details'}
                          onClick={() => setOpen((o) => ({ ...o, [key]: !o[key] }))}
                        >
                          {isOpen ? '−' : '+'}
                        </Button>
                      </Table.Td>
                    )}
                    {columns.map((c) => (
                      <Table.Td key={c.key}>{c.render(row)}</Table.Td>
                    ))}
                  </Table.Tr>
                  {expand && isOpen && (
                    <Table.Tr id={`details-${key}`}>
                      <Table.Td colSpan={colSpan}>{expand(row)}</Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Box>
      {query.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
    </Box>
  );
}
