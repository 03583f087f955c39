import { Stack, Text, Title } from '@mantine/core';
import { ProductList } from '../admin/products/ProductList';
import { usePageTitle } from '../components/usePageTitle';

export function PortalProductsPage() {
  usePageTitle('Products');
  return (
    <Stack>
      <Title order={1}>Products</Title>
      <Text size="sm">The vendor’s products you sell, build on and integrate with.</Text>
      <ProductList withArchived={false} />
    </Stack>
  );
}
