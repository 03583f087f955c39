import { Anchor, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Product } from '../../api/types';
import { useCan } from '../../auth/AuthContext';
import { usePageTitle } from '../../components/usePageTitle';
import { ProductForm, type ProductInput } from './ProductForm';

export function NewProductPage() {
  usePageTitle('New product');
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: ProductInput) => api.post<Product>('/products', input),
    onSuccess: (product) => {
      void queryClient.invalidateQueries({ queryKey: ['products'] });
      notifications.show({ color: 'green', message: `Product “${product.title}” created` });
      void navigate(`/console/products/${product.id}`);
    },
  });

  if (!can('product.write')) return <Navigate to="/console/products" replace />;

  return (
    <Stack>
      <Anchor component={Link} to="/console/products" size="sm">
        ← Products
      </Anchor>
      <Title order={1}>New product</Title>
      <ProductForm
        submitLabel="Create product"
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) => create.mutate(input)}
      />
    </Stack>
  );
}
