import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Enrollment, Ladder } from '../api/programs';
import { useCan } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusBadge } from '../components/StatusBadge';

const WAITING: Record<string, string> = {
  draft: 'Your request is saved as a draft.',
  submitted: 'Your request to join is with the vendor.',
  approved: 'You are approved. A partner admin must accept the program agreement to start.',
  rejected: 'Your request to join was turned down.',
  suspended: 'Your membership is suspended.',
  terminated: 'Your membership has ended.',
};

/** Where the partner stands with a program's membership, and the way in when it has none. */
export function JoinProgram({ ladder }: { ladder: Ladder }) {
  const can = useCan();
  const queryClient = useQueryClient();
  const join = useMutation({
    mutationFn: () => api.post<Enrollment>('/enrollments', { programId: ladder.program.id }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['ladders'] });
      void queryClient.invalidateQueries({ queryKey: ['enrollments'] });
      notifications.show({ color: 'green', message: `Asked to join ${ladder.program.name}` });
    },
  });
  const e = ladder.enrollment;
  if (e) {
    if (e.status === 'active') return null;
    return (
      <Group gap="xs">
        <StatusBadge status={e.status} />
        <Text size="sm">{WAITING[e.status]}</Text>
      </Group>
    );
  }
  if (ladder.program.status !== 'active') return null;
  if (!can('enrollment.apply'))
    return <Text size="sm">You are not in this program. A partner admin of your company can ask to join.</Text>;
  return (
    <Group gap="sm">
      <Button onClick={() => join.mutate()} loading={join.isPending}>
        Ask to join {ladder.program.name}
      </Button>
      {join.isError && <ErrorAlert error={join.error} />}
    </Group>
  );
}
