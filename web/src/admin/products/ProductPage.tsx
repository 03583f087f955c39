import { Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Product } from '../../api/types';
import { useCan } from '../../auth/AuthContext';
import { ArchiveToggle, useArchiveMutation } from '../../components/Archive';
import { CenteredLoader } from '../../components/CenteredLoader';
import { DetailField, RecordDates } from '../../components/DetailField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useEditForm } from '../../components/useEditForm';
import { usePageTitle } from '../../components/usePageTitle';
import { AuditTable } from '../AuditTable';
import { ProductForm, type ProductInput } from './ProductForm';
import { Tags } from './ProductList';

const LABEL_WIDTH = 110;

export function ProductPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const queryClient = useQueryClient();
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

  const { editing, edit, form } = useEditForm({
    mutationFn: (input: ProductInput) => api.patch<Product>(`/products/${encodeURIComponent(id)}`, input),
    onSaved: onChanged,
    message: 'Product saved',
  });
  const archive = useArchiveMutation<Product>({
    path: `/products/${encodeURIComponent(id)}`,
    onChanged,
    message: (_, action) => (action === 'archive' ? 'Product archived' : 'Product restored'),
  });

  if (product.isPending) {
    return <CenteredLoader py="xl" size="md" label="Loading the product" />;
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
              <Button variant="default" onClick={edit}>
                Edit
              </Button>
            )}
            <ArchiveToggle archived={Boolean(p.archivedAt)} pending={archive.isPending} onAction={archive.mutate} />
          </Group>
        )}
      </Group>
      <ErrorAlert error={archive.error} />

      {editing ? (
        <Section id="edit-heading" title="Edit product">
          <ProductForm initial={p} submitLabel="Save changes" {...form} />
        </Section>
      ) : (
        <Section id="details-heading" title="Details">
          <Stack gap="xs">
            <DetailField label="Description" labelWidth={LABEL_WIDTH}>
              {p.description ? <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span> : '—'}
            </DetailField>
            <DetailField label="Tags" labelWidth={LABEL_WIDTH}>
              <Tags tags={p.tags} />
            </DetailField>
            <RecordDates record={p} labelWidth={LABEL_WIDTH} />
          </Stack>
        </Section>
      )}

      <Section id="history-heading" title="History">
        <AuditTable label="Product history" params={{ objectType: 'product', objectId: p.id }} withObject={false} />
      </Section>
    </Stack>
  );
}
