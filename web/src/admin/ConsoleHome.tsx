import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useCan, useUser } from '../auth/AuthContext';
import { usePageTitle } from '../components/usePageTitle';

interface Shortcut {
  title: string;
  to: string;
  text: string;
}

export function ConsoleHome() {
  usePageTitle('Home');
  const user = useUser();
  const can = useCan();
  const shortcuts: Shortcut[] = [
    { title: 'Products', to: '/console/products', text: 'The catalogue your partners sell and build on.' },
    { title: 'Partners', to: '/console/partners', text: 'Partner companies, their teams and invitations.' },
  ];
  if (can('user.manage')) {
    shortcuts.push({ title: 'Users', to: '/console/users', text: 'Invite your team and manage their access.' });
  }
  if (can('audit.read')) {
    shortcuts.push({ title: 'Audit log', to: '/console/audit', text: 'Every change, who made it and when.' });
  }

  return (
    <Stack>
      <Title order={1}>Welcome, {user.name}</Title>
      <Text>This is the Trellis vendor console. Start with one of these:</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {shortcuts.map((s) => (
          <Card key={s.to} withBorder padding="md">
            <Title order={2} size="h4" mb={4}>
              <Anchor component={Link} to={s.to}>
                {s.title}
              </Anchor>
            </Title>
            <Text size="sm">{s.text}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
