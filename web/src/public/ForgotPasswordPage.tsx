import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError, fieldErrors } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { PublicLayout } from '../components/PublicLayout';
import { usePageTitle } from '../components/usePageTitle';

export function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () => api.post<void>('/auth/password-reset', { email: email.trim() }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  const errors = fieldErrors(request.error);
  const tooMany = request.error instanceof ApiError && request.error.status === 429;

  return (
    <PublicLayout>
      <Stack>
        <Title order={1} size="h2">
          Reset your password
        </Title>
        {request.isSuccess ? (
          <Alert color="green" variant="light" title="Check your email" role="status">
            <Text size="sm">If an account exists, we sent a link to reset the password.</Text>
          </Alert>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <Stack>
              <Text size="sm">
                Enter the email you sign in with and we will send you a link to choose a new password.
              </Text>
              {tooMany && request.error instanceof ApiError ? (
                <Alert color="red" variant="light" role="alert" title="Too many attempts">
                  <Text size="sm">
                    {request.error.retryAfter !== null
                      ? `Try again in ${request.error.retryAfter} seconds.`
                      : 'Try again later.'}
                  </Text>
                </Alert>
              ) : (
                request.error && !errors.email && <ErrorAlert error={request.error} />
              )}
              <TextInput
                label="Email"
                type="email"
                autoComplete="email"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={errors.email}
              />
              <Button type="submit" loading={request.isPending}>
                Send reset link
              </Button>
            </Stack>
          </form>
        )}
        <Group>
          <Anchor component={Link} to="/login" size="sm">
            Back to sign in
          </Anchor>
        </Group>
      </Stack>
    </PublicLayout>
  );
}
