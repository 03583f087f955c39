import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Page, Partner } from '../../api/types';

/** A partner to filter by, searched on the server as the user types (a partner chosen elsewhere keeps its name). */
export function PartnerFilter({ value, onChange }: { value: string; onChange: (partnerId: string) => void }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['partners', 'picker', q],
    queryFn: () => api.get<Page<Partner>>('/partners', { q, limit: 25 }),
  });
  const options = (found.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  const known = !value || options.some((o) => o.value === value);
  const chosen = useQuery({
    queryKey: ['partners', 'one', value],
    queryFn: () => api.get<Partner>(`/partners/${encodeURIComponent(value)}`),
    enabled: !known,
  });
  if (!known && chosen.data) options.unshift({ value, label: chosen.data.name });
  return (
    <Select
      label="Partner"
      placeholder="All partners"
      searchable
      clearable
      data={options}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchValue={search}
      onSearchChange={setSearch}
      // the server filters
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isPending ? 'Searching…' : 'No partners found'}
      w={220}
    />
  );
}
