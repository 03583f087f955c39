import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError, fieldErrors } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { FullPageLoader, safeNext } from '../auth/RequireUser';
import { homeFor } from '../auth/roles';
import { ErrorAlert } from '../components/ErrorAlert';
import { PublicLayout } from '../components/PublicLayout';
import { usePageTitle } from '../components/usePageTitle';

function loginMessage(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 401) return 'Email or password is wrong';
  if (error.status === 429 || error.code === 'too_many_attempts') {
    return error.retryAfter !== null
      ? `Too many attempts, try again in ${error.retryAfter} seconds`
      : 'Too many attempts, try again later';
  }
  return null;
}

export function LoginPage() {
  usePageTitle('Sign in');
  const { user, isLoading, signIn } = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({ mutationFn: () => signIn(email.trim(), password) });

  if (isLoading) return <FullPageLoader />;
  if (user) return <Navigate to={next ?? homeFor(user)} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  const errors = fieldErrors(login.error);
  const message = loginMessage(login.error);

  return (
    <PublicLayout>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            Sign in to Trellis
          </Title>
          {params.get('reset') === '1' && (
            <Alert color="green" variant="light" title="Your password was changed">
              <Text size="sm">Sign in with your new password.</Text>
            </Alert>
          )}
          {message ? (
            <Alert color="red" variant="light" role="alert" title={message} />
          ) : (
            login.error && Object.keys(errors).length === 0 && <ErrorAlert error={login.error} />
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            aria-invalid={Boolean(errors.password)}
          />
          <Group justify="space-between" align="center">
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot password?
            </Anchor>
            <Button type="submit" loading={login.isPending}>
              Sign in
            </Button>
          </Group>
        </Stack>
      </form>
    </PublicLayout>
  );
}
