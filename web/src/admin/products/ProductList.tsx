import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { PRODUCT_STATUSES, type Product } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { DateTime, capitalize } from '../../components/format';
import { FilterSelect, ListFilters, useSearchText } from '../../components/ListFilters';
import { StatusBadge } from '../../components/StatusBadge';

export const statusOptions = PRODUCT_STATUSES.map((s) => ({ value: s, label: capitalize(s) }));

export function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <Text size="sm">—</Text>;
  return (
    <Group gap={4}>
      {tags.map((t) => (
        <StatusBadge key={t} status="tag" label={t} />
      ))}
    </Group>
  );
}

/** Searchable, filterable product list; titles link to `linkBase/:id` when given. */
export function ProductList({ linkBase, withArchived = true }: { linkBase?: string; withArchived?: boolean }) {
  const { text, setText, search } = useSearchText();
  const [status, setStatus] = useState('');
  const [archived, setArchived] = useState(false);

  const columns: Column<Product>[] = [
    {
      key: 'title',
      header: 'Title',
      render: (p) => (
        <Group gap="xs" wrap="nowrap">
          {linkBase ? (
            <Anchor component={Link} to={`${linkBase}/${p.id}`} fw={600}>
              {p.title}
            </Anchor>
          ) : (
            <Text fw={600} size="sm">
              {p.title}
            </Text>
          )}
          {p.archivedAt && <StatusBadge status="archived" />}
        </Group>
      ),
    },
    { key: 'status', header: 'Status', render: (p) => <StatusBadge status={p.status} /> },
    { key: 'tags', header: 'Tags', render: (p) => <Tags tags={p.tags} /> },
    { key: 'updated', header: 'Updated', render: (p) => <DateTime value={p.updatedAt} /> },
  ];

  return (
    <Stack>
      <ListFilters
        text={text}
        onText={setText}
        placeholder="Title or description"
        archived={withArchived ? { checked: archived, onChange: setArchived } : undefined}
      >
        <FilterSelect
          label="Status"
          allLabel="All statuses"
          options={statusOptions}
          value={status}
          onChange={setStatus}
          w={200}
        />
      </ListFilters>
      <DataTable<Product>
        label="Products"
        queryKey={['products']}
        path="/products"
        params={{ q: search, status, archived: archived ? 'true' : undefined }}
        columns={columns}
        rowKey={(p) => p.id}
        empty={search || status ? 'No products match.' : 'No products yet.'}
      />
    </Stack>
  );
}
