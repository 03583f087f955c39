import { Badge, Box, Card, Group, Image, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { programTypeLabel } from '../admin/programs/labels';
import type { Ladder, Tier } from '../api/programs';
import { CenteredLoader } from '../components/CenteredLoader';
import { ErrorAlert } from '../components/ErrorAlert';
import { NotAwarded } from '../components/NotAwarded';
import { usePageTitle } from '../components/usePageTitle';
import { JoinProgram } from './JoinProgram';
import { currentTier, laddersQuery } from './ladders';

const byRank = (a: { rank: number }, b: { rank: number }) => a.rank - b.rank;

function Requirements({ tier }: { tier: Tier }) {
  if (tier.requirements.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        No requirements.
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2}>
      {tier.requirements.map((r) => (
        <List.Item key={r}>{r}</List.Item>
      ))}
    </List>
  );
}

function TierCard({ tier, mine, entry }: { tier: Tier; mine: boolean; entry: boolean }) {
  const headingId = `tier-${tier.id}`;
  return (
    <Card
      withBorder
      padding="md"
      component="li"
      aria-labelledby={headingId}
      aria-current={mine ? 'true' : undefined}
      bg={mine ? 'indigo.0' : undefined}
      style={mine ? { borderColor: 'var(--mantine-color-indigo-7)', borderWidth: 2 } : undefined}
    >
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap" align="center">
          {tier.badge && (
            <Image src={tier.badge.url} alt={`${tier.name} badge`} w={48} h={48} fit="contain" radius="sm" />
          )}
          <Stack gap={2}>
            <Title order={4} id={headingId}>
              {tier.name}
            </Title>
            {entry && (
              <Text size="xs" c="gray.8">
                Entry tier
              </Text>
            )}
          </Stack>
        </Group>
        {(mine || tier.invitationOnly) && (
          <Group gap={6}>
            {mine && (
              <Badge color="indigo" variant="filled" tt="none" radius="sm">
                Your tier
              </Badge>
            )}
            {tier.invitationOnly && (
              <Badge color="gray" variant="outline" c="gray.9" tt="none" radius="sm">
                Invitation only
              </Badge>
            )}
          </Group>
        )}
        {tier.description && <Text size="sm">{tier.description}</Text>}
        <div>
          <Text size="xs" fw={600} c="gray.8" mb={2}>
            Requirements
          </Text>
          <Requirements tier={tier} />
        </div>
      </Stack>
    </Card>
  );
}

function WhereYouStand({ ladder, tiers }: { ladder: Ladder; tiers: Tier[] }) {
  if (!ladder.enrollment) {
    return <Text size="sm">You are not enrolled in this program yet.</Text>;
  }
  const mine = currentTier(ladder);
  const next = mine ? tiers.find((t) => t.rank > mine.rank) : tiers[0];
  return (
    <Stack gap="xs">
      <Text size="sm">
        {mine ? (
          <>
            Your tier: <strong>{mine.name}</strong>.
          </>
        ) : (
          'You are enrolled in this program, but not in a tier yet.'
        )}
      </Text>
      {next ? (
        next.invitationOnly ? (
          <Text size="sm">
            The next tier, <strong>{next.name}</strong>, is by invitation only.
            {next.requirements.length > 0 && ' Its requirements:'}
          </Text>
        ) : (
          <Text size="sm">
            To reach <strong>{next.name}</strong>
            {next.requirements.length > 0 ? ':' : ', there are no further requirements.'}
          </Text>
        )
      ) : (
        mine && <Text size="sm">This is the top tier of the program.</Text>
      )}
      {next && next.requirements.length > 0 && <Requirements tier={next} />}
    </Stack>
  );
}

function BenefitsTable({ ladder, tiers, mineId }: { ladder: Ladder; tiers: Tier[]; mineId: string | null }) {
  const m = ladder.matrix;
  const values = new Map(m.values.map((v) => [`${v.tierId}:${v.benefitId}`, v.display]));
  const mine = (tierId: string) => (tierId === mineId ? { bg: 'indigo.0' } : {});
  if (m.benefits.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        The program does not list any benefits yet.
      </Text>
    );
  }
  return (
    <Box
      style={{ overflowX: 'auto' }}
      tabIndex={0}
      role="region"
      aria-label={`Benefits of ${ladder.program.name} (scrollable)`}
    >
      <Table aria-label={`Benefits of ${ladder.program.name} by tier`} verticalSpacing="xs" withRowBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Benefit</Table.Th>
            {tiers.map((t) => (
              <Table.Th key={t.id} scope="col" {...mine(t.id)}>
                {t.name}
                {t.id === mineId && (
                  <Text size="xs" fw={600} c="indigo.9">
                    Your tier
                  </Text>
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.benefits.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Th scope="row" fw={600}>
                {b.name}
                {b.description && (
                  <Text size="xs" c="gray.8" fw={400}>
                    {b.description}
                  </Text>
                )}
              </Table.Th>
              {tiers.map((t) => {
                const display = values.get(`${t.id}:${b.id}`);
                return (
                  <Table.Td key={t.id} {...mine(t.id)} fw={t.id === mineId ? 600 : undefined}>
                    {display ?? <NotAwarded />}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

function LadderSection({ ladder }: { ladder: Ladder }) {
  const p = ladder.program;
  const tiers = [...ladder.tiers].sort(byRank);
  const mine = currentTier(ladder);
  const headingId = `program-${p.id}`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} id={headingId}>
              {p.name}
            </Title>
            <Badge variant="outline" color="indigo" c="gray.9" tt="none" radius="sm">
              {programTypeLabel(p.programType)}
            </Badge>
          </Group>
          {p.description && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {p.description}
            </Text>
          )}
          <JoinProgram ladder={ladder} />
        </Stack>

        <div>
          <Title order={3} size="h4" mb="xs">
            Where you stand
          </Title>
          <WhereYouStand ladder={ladder} tiers={tiers} />
        </div>

        <div>
          <Title order={3} size="h4" mb="xs">
            Tiers
          </Title>
          {tiers.length === 0 ? (
            <Text size="sm" c="gray.8">
              The program has no tiers yet.
            </Text>
          ) : (
            <SimpleGrid
              cols={{ base: 1, xs: 2, md: Math.min(tiers.length, 4) }}
              spacing="sm"
              component="ol"
              aria-label={`Tiers of ${p.name}, entry first`}
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
            >
              {tiers.map((t, i) => (
                <TierCard key={t.id} tier={t} mine={t.id === mine?.id} entry={i === 0} />
              ))}
            </SimpleGrid>
          )}
        </div>

        <div>
          <Title order={3} size="h4" mb="xs">
            Benefits
          </Title>
          <BenefitsTable ladder={ladder} tiers={tiers} mineId={mine?.id ?? null} />
        </div>
      </Stack>
    </Card>
  );
}

/** The programs the partner may see: each ladder, its benefits, and where the partner stands. */
export function PortalProgramsPage() {
  usePageTitle('Programs');
  const ladders = useQuery(laddersQuery);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Programs</Title>
        <Text size="sm">The vendor’s partner programs: their tiers, what each tier awards, and where you stand.</Text>
      </Stack>
      {ladders.isPending ? (
        <CenteredLoader py="xl" size="md" label="Loading the programs" />
      ) : ladders.isError ? (
        <ErrorAlert error={ladders.error} />
      ) : ladders.data.length === 0 ? (
        <Text size="sm">There are no programs open to you yet.</Text>
      ) : (
        ladders.data.map((l) => <LadderSection key={l.program.id} ladder={l} />)
      )}
    </Stack>
  );
}
