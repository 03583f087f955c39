import { Alert, Anchor, Button, Center, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, fieldErrors } from '../api/client';
import { useSessionPost } from '../auth/useSessionPost';
import { ErrorAlert, FormErrorAlert } from '../components/ErrorAlert';
import { NewPasswordInput } from '../components/NewPasswordInput';
import { PublicLayout } from '../components/PublicLayout';
import { usePageTitle } from '../components/usePageTitle';

export function SetupPage() {
  usePageTitle('Set up Trellis');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const status = useQuery({
    queryKey: ['setup'],
    queryFn: () => api.get<{ required: boolean }>('/auth/setup'),
  });

  const setup = useSessionPost('/auth/setup', () => ({ token, name: name.trim(), email: email.trim(), password }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate();
  };
  const errors = fieldErrors(setup.error);

  let body;
  if (status.isPending) {
    body = (
      <Center py="md">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    );
  } else if (status.isError) {
    body = <ErrorAlert error={status.error} />;
  } else if (!status.data.required) {
    body = (
      <Stack>
        <Text>Trellis is already set up: its first administrator exists.</Text>
        <Anchor component={Link} to="/login">
          Sign in
        </Anchor>
      </Stack>
    );
  } else if (!token) {
    body = (
      <Alert color="red" variant="light" role="alert" title="This link is incomplete">
        <Text size="sm">Open the setup link that Trellis printed when it first started.</Text>
      </Alert>
    );
  } else {
    body = (
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text size="sm">Create the first administrator account. You can invite your team afterwards.</Text>
          <FormErrorAlert error={setup.error} fields={['name', 'email', 'password']} />
          <TextInput
            label="Name"
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <NewPasswordInput value={password} onChange={setPassword} error={errors.password} />
          <Button type="submit" loading={setup.isPending}>
            Create administrator
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <PublicLayout>
      <Stack>
        <Title order={1} size="h2">
          Set up Trellis
        </Title>
        {body}
      </Stack>
    </PublicLayout>
  );
}
