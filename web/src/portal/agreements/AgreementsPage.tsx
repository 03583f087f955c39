import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { EnrollmentWithAgreement } from '../../api/agreements';
import { useUser } from '../../auth/AuthContext';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { agreementPath, myEnrollmentsQuery, needsAcceptance } from './queries';

/** The state of a membership's agreement, in words. */
export function AgreementState({ enrollment }: { enrollment: EnrollmentWithAgreement }) {
  const a = enrollment.agreement;
  if (!a) return <StatusBadge status="archived" label="No agreement to accept" />;
  if (a.accepted) return <StatusBadge status="active" label="Accepted" />;
  if (enrollment.status === 'submitted') return <StatusBadge status="stored" label="To accept once approved" />;
  return (
    <Group gap="xs">
      <StatusBadge status="pending" label="To accept" />
      {a.acceptBy && (
        <Text size="sm">
          by <DateTime value={a.acceptBy} />
        </Text>
      )}
    </Group>
  );
}

function AgreementRow({ enrollment }: { enrollment: EnrollmentWithAgreement }) {
  const { role } = useUser();
  const a = enrollment.agreement;
  const headingId = `agreement-${enrollment.id}`;
  const todo = needsAcceptance(enrollment);
  return (
    <Paper withBorder p="md" component="li" aria-labelledby={headingId}>
      <Group justify="space-between" align="center">
        <Stack gap={4}>
          <Title order={2} size="h4" id={headingId}>
            {enrollment.programName}
          </Title>
          <Text size="sm">{a ? `${a.title}, version ${a.version}` : 'The program has no agreement.'}</Text>
          <AgreementState enrollment={enrollment} />
          {todo && enrollment.status === 'approved' && (
            <Text size="sm">Your membership starts once a partner admin accepts it.</Text>
          )}
        </Stack>
        {a && (
          <Button
            component={Link}
            to={agreementPath(enrollment.id)}
            variant={todo ? 'filled' : 'default'}
            aria-label={`${todo && role === 'partner_admin' ? 'Read and accept' : 'Read'} the agreement of ${enrollment.programName}`}
          >
            {todo && role === 'partner_admin' ? 'Read and accept' : 'Read'}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

/** Every agreement of the partner's programs and where it stands; the ones to accept come first. */
export function AgreementsList() {
  const enrollments = useQuery(myEnrollmentsQuery);
  if (enrollments.isPending) return <CenteredLoader py="xl" size="md" label="Loading your agreements" />;
  if (enrollments.isError) return <ErrorAlert error={enrollments.error} />;
  if (enrollments.data.length === 0) return <Text size="sm">You are not in any program yet.</Text>;
  const rows = [...enrollments.data].sort(
    (a, b) => Number(needsAcceptance(b)) - Number(needsAcceptance(a)) || a.programName.localeCompare(b.programName),
  );
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {rows.map((e) => (
        <AgreementRow key={e.id} enrollment={e} />
      ))}
    </Stack>
  );
}

export function AgreementsPage() {
  usePageTitle('Agreements');
  const user = useUser();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Agreements</Title>
        <Text size="sm">
          Each program has an agreement: its rules of engagement, territory, pricing and how disputes are settled. A
          partner admin reads and accepts it for {user.partner?.name ?? 'your company'}; when a new version comes out,
          it is accepted again.
        </Text>
      </Stack>
      <AgreementsList />
    </Stack>
  );
}
