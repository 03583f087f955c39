import { Anchor, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Product } from '../../api/types';
import { useCan } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { AuditTable } from '../AuditTable';
import { ProductForm, type ProductInput } from './ProductForm';
import { Tags } from './ProductList';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap">
      <Text size="sm" fw={600} w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

export function ProductPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const writable = can('product.write');

  const product = useQuery({
    queryKey: ['products', 'one', id],
    queryFn: () => api.get<Product>(`/products/${encodeURIComponent(id)}`),
  });
  usePageTitle(product.data ? product.data.title : 'Product');

  const onChanged = (p: Product) => {
    queryClient.setQueryData(['products', 'one', id], p);
    void queryClient.invalidateQueries({ queryKey: ['products'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };

  const update = useMutation({
    mutationFn: (input: ProductInput) => api.patch<Product>(`/products/${encodeURIComponent(id)}`, input),
    onSuccess: (p) => {
      onChanged(p);
      setEditing(false);
      notifications.show({ color: 'green', message: 'Product saved' });
    },
  });
  const archive = useMutation({
    mutationFn: (action: 'archive' | 'restore') => api.post<Product>(`/products/${encodeURIComponent(id)}/${action}`),
    onSuccess: (p, action) => {
      onChanged(p);
      notifications.show({ color: 'green', message: action === 'archive' ? 'Product archived' : 'Product restored' });
    },
  });

  if (product.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the product" />
      </Center>
    );
  }
  if (product.isError) {
    return (
      <Stack>
        <Title order={1}>Product</Title>
        <ErrorAlert error={product.error} />
      </Stack>
    );
  }

  const p = product.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/console/products" size="sm">
        ← Products
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Title order={1}>{p.title}</Title>
          <StatusBadge status={p.status} />
          {p.archivedAt && <StatusBadge status="archived" />}
        </Group>
        {writable && !editing && (
          <Group>
            {!p.archivedAt && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Edit
              </Button>
            )}
            {p.archivedAt ? (
              <Button variant="default" onClick={() => archive.mutate('restore')} loading={archive.isPending}>
                Restore
              </Button>
            ) : (
              <Button
                color="red"
                variant="outline"
                onClick={() => archive.mutate('archive')}
                loading={archive.isPending}
              >
                Archive
              </Button>
            )}
          </Group>
        )}
      </Group>
      <ErrorAlert error={archive.error} />

      {editing ? (
        <section aria-labelledby="edit-heading">
          <Title order={2} size="h3" id="edit-heading" mb="sm">
            Edit product
          </Title>
          <ProductForm
            initial={p}
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onSubmit={(input) => update.mutate(input)}
            onCancel={() => {
              update.reset();
              setEditing(false);
            }}
          />
        </section>
      ) : (
        <section aria-labelledby="details-heading">
          <Title order={2} size="h3" id="details-heading" mb="sm">
            Details
          </Title>
          <Stack gap="xs">
            <Field label="Description">
              {p.description ? <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span> : '—'}
            </Field>
            <Field label="Tags">
              <Tags tags={p.tags} />
            </Field>
            <Field label="Created">
              <DateTime value={p.createdAt} />
            </Field>
            <Field label="Updated">
              <DateTime value={p.updatedAt} />
            </Field>
            {p.archivedAt && (
              <Field label="Archived">
                <DateTime value={p.archivedAt} />
              </Field>
            )}
          </Stack>
        </section>
      )}

      <section aria-labelledby="history-heading">
        <Title order={2} size="h3" id="history-heading" mb="sm">
          History
        </Title>
        <AuditTable label="Product history" params={{ objectType: 'product', objectId: p.id }} withObject={false} />
      </section>
    </Stack>
  );
}
