import { Alert, Anchor, Button, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AcceptanceVerification } from '../api/agreements';
import { api, ApiError } from '../api/client';
import { CenteredLoader } from '../components/CenteredLoader';
import { ErrorAlert } from '../components/ErrorAlert';
import { DateTime } from '../components/format';
import { PublicLayout } from '../components/PublicLayout';
import { usePageTitle } from '../components/usePageTitle';

/** Where anyone checks an acceptance. */
export const verifyPath = (acceptanceId: string) => `/verify/${encodeURIComponent(acceptanceId)}`;

/** The link to an acceptance's verification page, for tables of acceptances. */
export function VerifyLink({ id, children = 'Verify' }: { id: string; children?: ReactNode }) {
  return (
    <Anchor component={Link} to={verifyPath(id)} size="sm">
      {children}
    </Anchor>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id in what was pasted: the id itself, or a verification link that ends with it. */
function idIn(text: string): string | null {
  const last = text.trim().split(/[/?#]/).filter(Boolean).pop() ?? '';
  return UUID.test(last) ? last.toLowerCase() : null;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={600} c="gray.8">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function Result({ id }: { id: string }) {
  const result = useQuery({
    queryKey: ['public', 'acceptance', id],
    queryFn: () => api.get<AcceptanceVerification>(`/public/acceptances/${encodeURIComponent(id)}`),
    retry: false,
  });
  if (result.isPending) return <CenteredLoader label="Checking the acceptance" />;
  if (result.isError) {
    return result.error instanceof ApiError && (result.error.status === 404 || result.error.status === 400) ? (
      <Alert color="red" variant="light" role="alert" title="No such acceptance">
        <Text size="sm">No acceptance has this number. Check that it was copied whole.</Text>
      </Alert>
    ) : (
      <ErrorAlert error={result.error} />
    );
  }
  const r = result.data;
  return (
    <Stack gap="sm">
      {r.textMatches ? (
        <Alert color="green" variant="light" role="status" title="A valid acceptance">
          <Text size="sm">The text kept for this version is the very text that was accepted.</Text>
        </Alert>
      ) : (
        <Alert color="red" variant="light" role="alert" title="The text no longer matches">
          <Text size="sm">The text kept for this version differs from the text that was accepted.</Text>
        </Alert>
      )}
      <Field label="Company">{r.partnerName}</Field>
      <Field label="Accepted by">{r.userName}</Field>
      <Field label="Accepted on">
        <DateTime value={r.acceptedAt} />
      </Field>
      <Field label="Program">{r.programName}</Field>
      <Field label="Agreement">
        {r.agreementTitle}, version {r.agreementVersion} (published <DateTime value={r.publishedAt} />)
      </Field>
      <Field label="Fingerprint of the text (SHA-256)">
        <Code style={{ wordBreak: 'break-all' }}>{r.sha256}</Code>
      </Field>
    </Stack>
  );
}

/** Public: anyone checks an agreement acceptance by its number (the receipt's id or its link). */
export function VerifyAcceptancePage() {
  usePageTitle('Verify an acceptance');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = idIn(pasted);
    if (!found) {
      setError('Paste the receipt number (like 0b6f…-…) or the verification link');
      return;
    }
    setPasted('');
    void navigate(verifyPath(found));
  };

  return (
    <PublicLayout>
      <Stack>
        <Title order={1} size="h2">
          Verify an agreement acceptance
        </Title>
        {id && <Result key={id} id={id} />}
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label={id ? 'Check another acceptance' : 'Receipt number or link'}
              description="From the acceptance receipt."
              value={pasted}
              onChange={(e) => {
                setPasted(e.currentTarget.value);
                setError(undefined);
              }}
              error={error}
              autoComplete="off"
            />
            <Group>
              <Button type="submit">Verify</Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </PublicLayout>
  );
}
