import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PublicLayout } from './PublicLayout';
import { usePageTitle } from './usePageTitle';

/** Inside an app shell: a path that matches no page. */
export function NotFound() {
  usePageTitle('Page not found');
  return (
    <Stack>
      <Title order={1}>Page not found</Title>
      <Text>There is no page at this address.</Text>
    </Stack>
  );
}

/** Outside the app shells. */
export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <PublicLayout>
      <Stack>
        <Title order={1} size="h2">
          Page not found
        </Title>
        <Text>There is no page at this address.</Text>
        <Anchor component={Link} to="/">
          Go to Trellis
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}
