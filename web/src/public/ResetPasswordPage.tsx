import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, fieldErrors } from '../api/client';
import { FormErrorAlert } from '../components/ErrorAlert';
import { NewPasswordInput } from '../components/NewPasswordInput';
import { PublicLayout } from '../components/PublicLayout';
import { usePageTitle } from '../components/usePageTitle';

export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const [password, setPassword] = useState('');

  const confirm = useMutation({
    mutationFn: () => api.post<void>('/auth/password-reset/confirm', { token, password }),
    onSuccess: () => navigate('/login?reset=1', { replace: true }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };
  const errors = fieldErrors(confirm.error);
  const badToken =
    confirm.error instanceof ApiError &&
    (confirm.error.status === 404 || confirm.error.status === 410 || !!errors.token);

  return (
    <PublicLayout>
      <Stack>
        <Title order={1} size="h2">
          Choose a new password
        </Title>
        {!token ? (
          <Alert color="red" variant="light" role="alert" title="This link is incomplete">
            <Text size="sm">Open the link from the password reset email, or ask for a new one.</Text>
          </Alert>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <Stack>
              {badToken ? (
                <Alert color="red" variant="light" role="alert" title="This reset link is no longer valid">
                  <Text size="sm">It may have expired or been used already. Ask for a new one.</Text>
                </Alert>
              ) : (
                <FormErrorAlert error={confirm.error} fields={['password']} />
              )}
              <NewPasswordInput label="New password" value={password} onChange={setPassword} error={errors.password} />
              <Button type="submit" loading={confirm.isPending}>
                Set new password
              </Button>
            </Stack>
          </form>
        )}
        <Anchor component={Link} to="/forgot-password" size="sm">
          Ask for a new link
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}
