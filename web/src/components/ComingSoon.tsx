import { Alert, Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from './usePageTitle';

/** The page of a module that is not built yet. */
export function ComingSoon({ title, description }: { title: string; description: string }) {
  usePageTitle(title);
  return (
    <Stack maw={720}>
      <Title order={1}>{title}</Title>
      <Alert variant="light" color="gray" title="Coming soon">
        <Text size="sm">{description}</Text>
      </Alert>
    </Stack>
  );
}
