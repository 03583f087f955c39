import { Alert, Anchor, Button, Center, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, fieldErrors } from '../api/client';
import type { InvitationPreview } from '../api/types';
import { roleLabel } from '../auth/roles';
import { useSessionPost } from '../auth/useSessionPost';
import { ErrorAlert, FormErrorAlert } from '../components/ErrorAlert';
import { NewPasswordInput } from '../components/NewPasswordInput';
import { PublicLayout } from '../components/PublicLayout';
import { usePageTitle } from '../components/usePageTitle';

function InvalidInvitation() {
  return (
    <Alert color="red" variant="light" role="alert" title="This invitation is not valid">
      <Text size="sm">
        It may have expired, been revoked or been used already. Ask the person who invited you for a new one.
      </Text>
    </Alert>
  );
}

export function AcceptInvitePage() {
  usePageTitle('Accept invitation');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  const invitation = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => api.get<InvitationPreview>(`/auth/invitations/${encodeURIComponent(token)}`),
    enabled: !!token,
  });

  const accept = useSessionPost('/auth/invitations/accept', () => ({ token, name: name.trim(), password }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
  const errors = fieldErrors(accept.error);

  let body;
  if (!token) {
    body = <InvalidInvitation />;
  } else if (invitation.isPending) {
    body = (
      <Center py="md">
        <Loader size="sm" aria-label="Loading the invitation" />
      </Center>
    );
  } else if (invitation.isError) {
    const e = invitation.error;
    body =
      e instanceof ApiError && (e.status === 404 || e.status === 410 || e.status === 400) ? (
        <InvalidInvitation />
      ) : (
        <ErrorAlert error={e} />
      );
  } else {
    const inv = invitation.data;
    body = (
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text>
            You are invited to join <strong>{inv.partner ? inv.partner.name : 'the vendor team'}</strong> on Trellis as{' '}
            <strong>{roleLabel(inv.role)}</strong>.
          </Text>
          <FormErrorAlert error={accept.error} fields={['name', 'password']} />
          <TextInput label="Email" value={inv.email} readOnly description="You will sign in with this email." />
          <TextInput
            label="Name"
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <NewPasswordInput value={password} onChange={setPassword} error={errors.password} />
          <Button type="submit" loading={accept.isPending}>
            Accept and create account
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <PublicLayout>
      <Stack>
        <Title order={1} size="h2">
          Accept your invitation
        </Title>
        {body}
        <Anchor component={Link} to="/login" size="sm">
          Already have an account? Sign in
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}
