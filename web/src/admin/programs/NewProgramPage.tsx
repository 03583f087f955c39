import { Anchor, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Program } from '../../api/programs';
import { useCan } from '../../auth/AuthContext';
import { usePageTitle } from '../../components/usePageTitle';
import { ProgramForm, type ProgramInput } from './ProgramForm';

export function NewProgramPage() {
  usePageTitle('New program');
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: ProgramInput) => api.post<Program>('/programs', input),
    onSuccess: (program) => {
      void queryClient.invalidateQueries({ queryKey: ['programs'] });
      queryClient.setQueryData(['programs', 'one', program.id], program);
      notifications.show({ color: 'green', message: `Program “${program.name}” created` });
      void navigate(`/console/programs/${program.id}`);
    },
  });

  if (!can('program.write')) return <Navigate to="/console/programs" replace />;

  return (
    <Stack>
      <Anchor component={Link} to="/console/programs" size="sm">
        ← Programs
      </Anchor>
      <Title order={1}>New program</Title>
      <ProgramForm
        submitLabel="Create program"
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) => create.mutate(input)}
      />
    </Stack>
  );
}
