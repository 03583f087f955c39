import { Alert, Anchor, Button, Checkbox, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { type Acceptance, agreementKeys, type EnrollmentAgreement } from '../../api/agreements';
import { api, ApiError } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { Markdown } from '../../components/markdown/Markdown';
import { EmptyRow, ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { usePageTitle } from '../../components/usePageTitle';
import { VerifyLink } from '../../public/VerifyAcceptancePage';

const enrollmentPath = (id: string) => `/enrollments/${encodeURIComponent(id)}`;

/** The proof of an acceptance: who, when, which text, and where anyone can check it. */
export function AcceptanceReceipt({ acceptance }: { acceptance: Acceptance }) {
  return (
    <Alert color="green" variant="light" title="Accepted" role="status">
      <Stack gap={6}>
        <Text size="sm">
          {acceptance.userName} accepted version {acceptance.version} for {acceptance.partnerName} on{' '}
          <DateTime value={acceptance.acceptedAt} />.
        </Text>
        <Text size="sm">
          Fingerprint of the text (SHA-256): <Code style={{ wordBreak: 'break-all' }}>{acceptance.sha256}</Code>
        </Text>
        <Text size="sm">
          Receipt number <Code>{acceptance.id}</Code>. Anyone can check it on the{' '}
          <VerifyLink id={acceptance.id}>verification page</VerifyLink> ({acceptance.verifyUrl}).
        </Text>
      </Stack>
    </Alert>
  );
}

function AcceptForm({ view, partnerName }: { view: EnrollmentAgreement; partnerName: string }) {
  const queryClient = useQueryClient();
  const [agreed, setAgreed] = useState(false);
  const [missing, setMissing] = useState(false);
  const agreement = view.agreement!;
  const accept = useMutation({
    mutationFn: () =>
      api.post<Acceptance>(`${enrollmentPath(view.enrollmentId)}/agreement/accept`, {
        agreementId: agreement.id,
        sha256: agreement.sha256,
      }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: `You accepted the agreement of ${view.programName}` });
      void queryClient.invalidateQueries({ queryKey: ['agreements'] });
      void queryClient.invalidateQueries({ queryKey: ['enrollments'] });
      void queryClient.invalidateQueries({ queryKey: ['ladders'] });
      // accepting ticks the onboarding step it completes
      void queryClient.invalidateQueries({ queryKey: ['onboardings'] });
    },
    onError: (error) => {
      // the text changed under the reader: show the current one
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: agreementKeys.ofEnrollment(view.enrollmentId) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!agreed) {
      setMissing(true);
      return;
    }
    accept.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert
          error={accept.error}
          title={
            accept.error instanceof ApiError && accept.error.status === 409
              ? 'The agreement changed while you were reading'
              : undefined
          }
        />
        <Checkbox
          label={`I have read this agreement and accept it on behalf of ${partnerName}`}
          checked={agreed}
          onChange={(e) => {
            setAgreed(e.currentTarget.checked);
            setMissing(false);
          }}
          error={missing ? 'Tick the box to confirm that you have read the agreement' : undefined}
        />
        <div>
          <Button type="submit" loading={accept.isPending}>
            Accept agreement
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function History({ enrollmentId }: { enrollmentId: string }) {
  const history = useQuery({
    queryKey: agreementKeys.history(enrollmentId),
    queryFn: () => api.get<Acceptance[]>(`${enrollmentPath(enrollmentId)}/acceptances`),
  });
  if (history.isPending) return <CenteredLoader label="Loading the acceptances" />;
  if (history.isError) return <ErrorAlert error={history.error} />;
  return (
    <ScrollTable label="Acceptances of this program's agreement" miw={560}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Version</Table.Th>
          <Table.Th scope="col">Accepted by</Table.Th>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">Proof</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.data.length === 0 && <EmptyRow colSpan={4}>No version accepted yet.</EmptyRow>}
        {history.data.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>{a.title ? `${a.title}, version ${a.version}` : `Version ${a.version}`}</Table.Td>
            <Table.Td>{a.userName}</Table.Td>
            <Table.Td>
              <DateTime value={a.acceptedAt} />
            </Table.Td>
            <Table.Td>
              <VerifyLink id={a.id} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** Who may accept, when the reader may not. */
function WhoAccepts({ view }: { view: EnrollmentAgreement }) {
  const names = view.admins.map((a) => a.name);
  return (
    <Text size="sm">
      {names.length === 0
        ? 'Only a partner admin of your company can accept this agreement, and your company has none yet.'
        : `Only a partner admin can accept this agreement: ${names.join(', ')}.`}
    </Text>
  );
}

/**
 * One membership's agreement: the current version to read, rendered from its Markdown, the acceptance (a partner
 * admin ticks and accepts; others see who must), the receipt once accepted, and the earlier acceptances.
 */
export function AgreementReader({ enrollmentId }: { enrollmentId: string }) {
  const user = useUser();
  const view = useQuery({
    queryKey: agreementKeys.ofEnrollment(enrollmentId),
    queryFn: () => api.get<EnrollmentAgreement>(`${enrollmentPath(enrollmentId)}/agreement`),
  });
  usePageTitle(view.data?.agreement ? `${view.data.agreement.title} — ${view.data.programName}` : 'Agreement');

  if (view.isPending) return <CenteredLoader py="xl" size="md" label="Loading the agreement" />;
  if (view.isError) return <ErrorAlert error={view.error} />;
  const v = view.data;
  const a = v.agreement;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{a ? a.title : 'Agreement'}</Title>
        <Text size="sm">
          {v.programName}
          {a && (
            <>
              {' '}
              · version {a.version} · published <DateTime value={a.publishedAt} />
            </>
          )}
        </Text>
      </Stack>
      {!a ? (
        <Text size="sm">{v.programName} has no agreement to accept.</Text>
      ) : (
        <>
          {!v.accepted && v.acceptBy && (
            <Alert color="yellow" variant="light" title="A new version to accept">
              <Text size="sm">
                Accept this version by <DateTime value={v.acceptBy} />. Your membership goes on meanwhile.
              </Text>
            </Alert>
          )}
          {!v.accepted && v.enrollmentStatus === 'approved' && (
            <Text size="sm">
              Your membership in {v.programName} starts once a partner admin accepts this agreement.
            </Text>
          )}
          <Paper withBorder p="lg" component="article" aria-label={`Text of ${a.title}, version ${a.version}`}>
            <Markdown source={a.body} headingOffset={1} />
          </Paper>
          <Section id="acceptance-heading" title="Acceptance">
            {v.acceptance ? (
              <AcceptanceReceipt acceptance={v.acceptance} />
            ) : v.mayAccept ? (
              <AcceptForm view={v} partnerName={user.partner?.name ?? 'your company'} />
            ) : v.enrollmentStatus === 'rejected' || v.enrollmentStatus === 'terminated' ? (
              <Text size="sm">This membership has ended; there is nothing to accept.</Text>
            ) : (
              <WhoAccepts view={v} />
            )}
          </Section>
        </>
      )}
      <Section id="history-heading" title="Acceptance history">
        <History enrollmentId={enrollmentId} />
      </Section>
    </Stack>
  );
}

export function AgreementReaderPage() {
  const { enrollmentId = '' } = useParams();
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/portal/agreements" size="sm">
        ← Agreements
      </Anchor>
      <AgreementReader enrollmentId={enrollmentId} />
    </Stack>
  );
}
