import { NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Program } from '../../api/programs';
import type { Page } from '../../api/types';

/** The programs the deal lists filter by, with their currencies. */
export function useDealPrograms() {
  const programs = useQuery({
    queryKey: ['programs', { limit: 100, purpose: 'deal-filters' }],
    queryFn: () => api.get<Page<Program>>('/programs', { limit: 100 }),
  });
  return { programs: programs.data?.items ?? [], error: programs.error };
}

/** A list filter: one program, or all. */
export function ProgramFilter({
  programs,
  value,
  onChange,
}: {
  programs: ReturnType<typeof useDealPrograms>;
  value: string;
  onChange: (programId: string) => void;
}) {
  return (
    <NativeSelect
      label="Program"
      data={[{ value: '', label: 'All programs' }, ...programs.programs.map((p) => ({ value: p.id, label: p.name }))]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={programs.error ? 'The programs could not be loaded' : undefined}
      w={230}
    />
  );
}
