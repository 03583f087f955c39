import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, Product } from '../../api/types';

/** Every product the caller may see (or every archived one), page by page. */
export async function allPages(archived: boolean): Promise<Product[]> {
  const out: Product[] = [];
  let cursor: string | null = null;
  // a catalog of products is small; ten pages of a hundred is plenty for a picker
  for (let i = 0; i < 10; i++) {
    const page: Page<Product> = await api.get<Page<Product>>('/products', {
      limit: 100,
      cursor: cursor ?? undefined,
      archived: archived ? 'true' : undefined,
    });
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** Every product, archived ones last, for pickers and for naming the products a program links. */
export function useAllProducts() {
  return useQuery({
    queryKey: ['products', 'all'],
    queryFn: async () => {
      const [active, archived] = await Promise.all([allPages(false), allPages(true)]);
      return [...active, ...archived];
    },
  });
}
