import { Anchor, Group, Image, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Partner } from '../api/types';
import { useUser } from '../auth/AuthContext';
import { roleLabel } from '../auth/roles';
import { CenteredLoader } from '../components/CenteredLoader';
import { ErrorAlert } from '../components/ErrorAlert';
import { DateTime } from '../components/format';
import { Section } from '../components/Section';
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

      <Section id="company-heading" title="Company">
        {partner.isPending && partnerId ? (
          <CenteredLoader py="sm" label="Loading your company" />
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
      </Section>

      <ProgramsCard />

      <Section
        id="team-heading"
        title="Team"
        actions={
          <Anchor component={Link} to="/portal/team" size="sm">
            Manage the team
          </Anchor>
        }
      >
        <TeamTable label="Your team" params={{}} />
      </Section>
    </Stack>
  );
}

/** The programs the partner belongs to, each with its tier. */
function ProgramsCard() {
  const ladders = useQuery(laddersQuery);
  const enrolled = (ladders.data ?? []).filter((l) => l.enrollment);
  return (
    <Section
      id="programs-heading"
      title="Programs"
      actions={
        <Anchor component={Link} to="/portal/programs" size="sm">
          See all programs
        </Anchor>
      }
    >
      {ladders.isPending ? (
        <CenteredLoader py="sm" label="Loading your programs" />
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
    </Section>
  );
}
