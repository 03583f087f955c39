import { Button, Group, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useCan } from '../../auth/AuthContext';
import { usePageTitle } from '../../components/usePageTitle';
import { ProductList } from './ProductList';

export function ProductsPage() {
  usePageTitle('Products');
  const can = useCan();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Products</Title>
        {can('product.write') && (
          <Button component={Link} to="/console/products/new">
            New product
          </Button>
        )}
      </Group>
      <ProductList linkBase="/console/products" />
    </Stack>
  );
}
