import { Anchor, Center, Group, Image, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Partner } from '../api/types';
import { useUser } from '../auth/AuthContext';
import { roleLabel } from '../auth/roles';
import { ErrorAlert } from '../components/ErrorAlert';
import { DateTime } from '../components/format';
import { StatusBadge } from '../components/StatusBadge';
import { TeamTable } from '../components/TeamTable';
import { usePageTitle } from '../components/usePageTitle';
import { currentTier, laddersQuery } from './ladders';

export function PortalHome() {
  usePageTitle('Home');
  const user = useUser();
  const partnerId = user.partnerId ?? '';
  const partner = useQuery({
    queryKey: ['partners', 'one', partnerId],
    queryFn: () => api.get<Partner>(`/partners/${encodeURIComponent(partnerId)}`),
    enabled: !!partnerId,
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{partner.data?.name ?? user.partner?.name ?? 'Your company'}</Title>
        <Text size="sm">
          Welcome, {user.name}. You are signed in as {roleLabel(user.role)}.
        </Text>
      </Stack>

      <section aria-labelledby="company-heading">
        <Title order={2} size="h3" id="company-heading" mb="sm">
          Company
        </Title>
        {partner.isPending && partnerId ? (
          <Center py="sm">
            <Loader size="sm" aria-label="Loading your company" />
          </Center>
        ) : partner.isError ? (
          <ErrorAlert error={partner.error} />
        ) : partner.data ? (
          <Stack gap="xs">
            <Group gap="xs">
              <Text size="sm" fw={600} w={110}>
                Name
              </Text>
              <Text size="sm">{partner.data.name}</Text>
            </Group>
            <Group gap="xs">
              <Text size="sm" fw={600} w={110}>
                Status
              </Text>
              <StatusBadge status={partner.data.status} />
            </Group>
            <Group gap="xs">
              <Text size="sm" fw={600} w={110}>
                Partner since
              </Text>
              <Text size="sm">
                <DateTime value={partner.data.createdAt} />
              </Text>
            </Group>
          </Stack>
        ) : null}
      </section>

      <ProgramsCard />

      <section aria-labelledby="team-heading">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="team-heading">
            Team
          </Title>
          <Anchor component={Link} to="/portal/team" size="sm">
            Manage the team
          </Anchor>
        </Group>
        <TeamTable label="Your team" params={{}} />
      </section>
    </Stack>
  );
}

/** The programs the partner belongs to, each with its tier. */
function ProgramsCard() {
  const ladders = useQuery(laddersQuery);
  const enrolled = (ladders.data ?? []).filter((l) => l.enrollment);
  return (
    <section aria-labelledby="programs-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="programs-heading">
          Programs
        </Title>
        <Anchor component={Link} to="/portal/programs" size="sm">
          See all programs
        </Anchor>
      </Group>
      {ladders.isPending ? (
        <Center py="sm">
          <Loader size="sm" aria-label="Loading your programs" />
        </Center>
      ) : ladders.isError ? (
        <ErrorAlert error={ladders.error} />
      ) : enrolled.length === 0 ? (
        <Text size="sm">You are not enrolled in any program yet.</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {enrolled.map((l) => {
            const tier = currentTier(l);
            return (
              <Group key={l.program.id} gap="xs" component="li" wrap="nowrap">
                {tier?.badge && <Image src={tier.badge.url} alt={`${tier.name} badge`} w={24} h={24} fit="contain" />}
                <Text size="sm" fw={600}>
                  {l.program.name}
                </Text>
                <Text size="sm">{tier ? `${tier.name} tier` : 'Enrolled, no tier yet'}</Text>
              </Group>
            );
          })}
        </Stack>
      )}
    </section>
  );
}
