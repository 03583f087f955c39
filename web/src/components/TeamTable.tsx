import { Button, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Invitation, User } from '../api/types';
import { useCan, useUser } from '../auth/AuthContext';
import { roleLabel } from '../auth/roles';
import { DataTable, type Column } from './DataTable';
import { ErrorAlert } from './ErrorAlert';
import { DateTime } from './format';
import { StatusBadge } from './StatusBadge';

/** Users from GET /users with the given filters; with `manage`, a Disable/Enable button per user. */
export function TeamTable({
  label,
  params,
  manage = false,
}: {
  label: string;
  params: { kind?: string; partnerId?: string };
  manage?: boolean;
}) {
  const me = useUser();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (u: User) => api.patch<User>(`/users/${encodeURIComponent(u.id)}`, { disabled: !u.disabled }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });

  const columns: Column<User>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (u) => (
        <Text size="sm" fw={600}>
          {u.name}
        </Text>
      ),
    },
    { key: 'email', header: 'Email', render: (u) => u.email },
    { key: 'role', header: 'Role', render: (u) => roleLabel(u.role) },
    { key: 'lastLogin', header: 'Last sign-in', render: (u) => <DateTime value={u.lastLoginAt} empty="Never" /> },
    {
      key: 'status',
      header: 'Status',
      render: (u) => <StatusBadge status={u.disabled ? 'disabled' : 'active'} />,
    },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      render: (u) =>
        u.id === me.id ? (
          <Text size="xs" c="gray.8">
            You
          </Text>
        ) : (
          <Button
            size="compact-sm"
            variant={u.disabled ? 'default' : 'outline'}
            color={u.disabled ? undefined : 'red'}
            onClick={() => toggle.mutate(u)}
            loading={toggle.isPending && toggle.variables?.id === u.id}
            aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.name}`}
          >
            {u.disabled ? 'Enable' : 'Disable'}
          </Button>
        ),
    });
  }

  return (
    <>
      <ErrorAlert error={toggle.error} />
      <DataTable<User>
        label={label}
        queryKey={['users']}
        path="/users"
        params={params}
        columns={columns}
        rowKey={(u) => u.id}
        empty="No users yet."
      />
    </>
  );
}

/** Pending invitations (GET /invitations), with a Revoke button. */
export function InvitationsTable({
  label,
  filter,
  withPartner = false,
}: {
  label: string;
  filter?: (i: Invitation) => boolean;
  withPartner?: boolean;
}) {
  const queryClient = useQueryClient();
  const can = useCan();
  // Revoking a staff invitation needs user.manage; a partner's, user.invite (as creating them does).
  const mayRevoke = (i: Invitation) => can(i.partnerId ? 'user.invite' : 'user.manage');
  const revoke = useMutation({
    mutationFn: (i: Invitation) => api.delete(`/invitations/${encodeURIComponent(i.id)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['invitations'] }),
  });

  const columns: Column<Invitation>[] = [
    { key: 'email', header: 'Email', render: (i) => i.email },
    { key: 'role', header: 'Role', render: (i) => roleLabel(i.role) },
  ];
  if (withPartner) {
    columns.push({ key: 'partner', header: 'Partner', render: (i) => i.partner?.name ?? 'Vendor team' });
  }
  columns.push(
    { key: 'created', header: 'Invited', render: (i) => <DateTime value={i.createdAt} /> },
    { key: 'expires', header: 'Expires', render: (i) => <DateTime value={i.expiresAt} /> },
    {
      key: 'actions',
      header: 'Actions',
      render: (i) =>
        !mayRevoke(i) ? null : (
          <Button
            size="compact-sm"
            variant="outline"
            color="red"
            onClick={() => revoke.mutate(i)}
            loading={revoke.isPending && revoke.variables?.id === i.id}
            aria-label={`Revoke the invitation of ${i.email}`}
          >
            Revoke
          </Button>
        ),
    },
  );

  const pending = (i: Invitation) => !i.acceptedAt && !i.revokedAt && (!filter || filter(i));

  return (
    <>
      <ErrorAlert error={revoke.error} />
      <DataTable<Invitation>
        label={label}
        queryKey={['invitations']}
        path="/invitations"
        columns={columns}
        rowKey={(i) => i.id}
        filter={pending}
        empty="No pending invitations."
      />
    </>
  );
}
