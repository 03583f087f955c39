import { Anchor, Badge, Group, Image, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Enrollment, Ladder } from '../api/programs';
import type { Partner } from '../api/types';
import { useCan, useUser } from '../auth/AuthContext';
import { roleLabel } from '../auth/roles';
import { CenteredLoader } from '../components/CenteredLoader';
import { DetailField } from '../components/DetailField';
import { ErrorAlert } from '../components/ErrorAlert';
import { DateTime } from '../components/format';
import { Section } from '../components/Section';
import { StatusBadge } from '../components/StatusBadge';
import { TeamTable } from '../components/TeamTable';
import { usePageTitle } from '../components/usePageTitle';
import { allDeals, dealKeys } from './deals/queries';
import { type Todo, todosOf } from './home/todos';
import { myOnboardingsQuery, OnboardingProgress } from './onboarding/OnboardingProgress';
import { currentTier, laddersQuery } from './ladders';

export const myEnrollmentsQuery = {
  queryKey: ['enrollments', 'mine'],
  queryFn: () => api.get<Enrollment[]>('/enrollments'),
};

/** A partner user's landing page: the company, its programs and tiers, benefits, onboarding, and what to do. */
export function PortalHome() {
  usePageTitle('Home');
  const user = useUser();
  const partnerId = user.partnerId ?? '';
  const partner = useQuery({
    queryKey: ['partners', 'one', partnerId],
    queryFn: () => api.get<Partner>(`/partners/${encodeURIComponent(partnerId)}`),
    enabled: !!partnerId,
  });
  const enrollments = useQuery(myEnrollmentsQuery);
  const onboardings = useQuery(myOnboardingsQuery);
  const readsDeals = useCan()('deal.read');
  const deals = useQuery({
    queryKey: dealKeys.todos,
    // drafts, and what stops being protected within the week
    queryFn: async () => [
      ...(await allDeals({ status: 'draft' })),
      ...(await allDeals({
        status: 'protected',
        protectedUntilTo: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      })),
    ],
    enabled: readsDeals,
  });
  const isAdmin = user.role === 'partner_admin';
  const todos = todosOf({
    enrollments: enrollments.data ?? [],
    onboardings: onboardings.data?.items ?? [],
    partner: partner.data,
    isAdmin,
    deals: deals.data ?? [],
    userId: user.id,
  });

  return (
    <Stack gap="lg">
      <Group gap="md" wrap="nowrap">
        {partner.data?.logoUrl && (
          <Image src={partner.data.logoUrl} alt={`${partner.data.name} logo`} h={48} w="auto" fit="contain" maw={160} />
        )}
        <Stack gap={4}>
          <Title order={1}>{partner.data?.name ?? user.partner?.name ?? 'Your company'}</Title>
          <Text size="sm">
            Welcome, {user.name}. You are signed in as {roleLabel(user.role)}.
          </Text>
        </Stack>
      </Group>

      <Section id="todo-heading" title="What needs doing">
        {enrollments.isPending ||
        onboardings.isPending ||
        (partner.isPending && partnerId) ||
        (deals.isPending && readsDeals) ? (
          <CenteredLoader py="sm" label="Loading your to-dos" />
        ) : (
          <TodoList todos={todos} />
        )}
      </Section>

      <ProgramsCard enrollments={enrollments} />

      <Section id="onboarding-heading" title="Onboarding">
        <OnboardingProgress />
      </Section>

      <Section
        id="company-heading"
        title="Company"
        actions={
          <Anchor component={Link} to="/portal/company" size="sm">
            See the profile
          </Anchor>
        }
      >
        {partner.isPending && partnerId ? (
          <CenteredLoader py="sm" label="Loading your company" />
        ) : partner.isError ? (
          <ErrorAlert error={partner.error} />
        ) : partner.data ? (
          <Stack gap="xs">
            <DetailField label="Name" labelWidth={140}>
              {partner.data.name}
            </DetailField>
            <DetailField label="Status" labelWidth={140}>
              <StatusBadge status={partner.data.status} />
            </DetailField>
            <DetailField label="Account manager" labelWidth={140}>
              {partner.data.camName ?? '—'}
            </DetailField>
            <DetailField label="Partner since" labelWidth={140}>
              <DateTime value={partner.data.createdAt} />
            </DetailField>
          </Stack>
        ) : null}
      </Section>

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

function TodoList({ todos }: { todos: Todo[] }) {
  if (todos.length === 0) return <Text size="sm">Nothing needs doing right now.</Text>;
  return (
    <List spacing="xs" aria-label="To-dos">
      {todos.map((t) => (
        <List.Item key={t.id}>
          <Group gap="xs" wrap="wrap">
            {t.urgent && (
              <Badge color="red" variant="outline" c="gray.9" tt="none" radius="sm">
                Needed now
              </Badge>
            )}
            <Text size="sm">{t.text}</Text>
            <Anchor component={Link} to={t.to} size="sm">
              {t.linkLabel}
            </Anchor>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

/** What the partner's tier awards in a program, in the words of the benefit matrix. */
function tierBenefits(ladder: Ladder | undefined, tierId: string | null) {
  if (!ladder || !tierId) return [];
  const byId = new Map(ladder.matrix.benefits.map((b) => [b.id, b]));
  return ladder.matrix.values
    .filter((v) => v.tierId === tierId && byId.has(v.benefitId))
    .map((v) => ({ id: v.benefitId, name: byId.get(v.benefitId)!.name, display: v.display }));
}

/** The programs the partner belongs to (or asked to join), each with its status, tier, badge and benefits. */
function ProgramsCard({ enrollments }: { enrollments: ReturnType<typeof useQuery<Enrollment[]>> }) {
  const ladders = useQuery(laddersQuery);
  const ladderOf = (programId: string) => ladders.data?.find((l) => l.program.id === programId);
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
      {enrollments.isPending || ladders.isPending ? (
        <CenteredLoader py="sm" label="Loading your programs" />
      ) : enrollments.isError ? (
        <ErrorAlert error={enrollments.error} />
      ) : enrollments.data.length === 0 ? (
        <Text size="sm">You are not in any program yet. See the programs you can join.</Text>
      ) : (
        <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {enrollments.data.map((e) => {
            const ladder = ladderOf(e.programId);
            const tier = ladder ? currentTier(ladder) : null;
            const benefits = e.status === 'active' ? tierBenefits(ladder, e.tierId) : [];
            return (
              <Stack key={e.id} gap={6} component="li" aria-label={e.programName}>
                <Group gap="xs" wrap="nowrap">
                  {tier?.badge && <Image src={tier.badge.url} alt={`${tier.name} badge`} w={32} h={32} fit="contain" />}
                  <Text fw={600}>{e.programName}</Text>
                  <StatusBadge status={e.status} />
                  <Text size="sm">{e.tierName ? `${e.tierName} tier` : 'No tier yet'}</Text>
                </Group>
                {e.renewalDate && e.status === 'active' && <Text size="xs">Renews on {e.renewalDate}</Text>}
                {benefits.length > 0 && (
                  <List size="sm" spacing={2} aria-label={`Your benefits in ${e.programName}`}>
                    {benefits.map((b) => (
                      <List.Item key={b.id}>
                        {b.name}: {b.display}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}
