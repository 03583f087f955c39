import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../api/client';
import type { Invitation, Role } from '../api/types';
import { roleOptions } from '../auth/roles';
import { FormErrorAlert } from './ErrorAlert';

interface InviteFormProps {
  roles: readonly Role[];
  defaultRole: Role;
  /** For a vendor inviting into a partner company; left out otherwise. */
  partnerId?: string;
  submitLabel?: string;
}

/** Email + role → POST /invitations, which mails the invitee a link. */
export function InviteForm({ roles, defaultRole, partnerId, submitLabel = 'Send invitation' }: InviteFormProps) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(defaultRole);

  const invite = useMutation({
    mutationFn: () =>
      api.post<Invitation>(
        '/invitations',
        partnerId ? { email: email.trim(), role, partnerId } : { email: email.trim(), role },
      ),
    onSuccess: (invitation) => {
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
      void queryClient.invalidateQueries({ queryKey: ['mail'] });
      // inviting a colleague ticks an onboarding step
      void queryClient.invalidateQueries({ queryKey: ['onboardings'] });
      notifications.show({ color: 'green', message: `Invitation sent to ${invitation.email}` });
      setEmail('');
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  const errors = fieldErrors(invite.error);

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={640}>
        <FormErrorAlert error={invite.error} fields={['email', 'role']} />
        <Group align="flex-start" grow>
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <NativeSelect
            label="Role"
            data={roleOptions(roles)}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            error={errors.role}
          />
        </Group>
        <Group>
          <Button type="submit" loading={invite.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
