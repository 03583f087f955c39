import { Anchor, Box, Center, Group, Loader, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { Mail } from '../api/types';
import { useCan } from '../auth/AuthContext';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { DateTime } from '../components/format';
import { Linkify } from '../components/Linkify';
import { StatusBadge } from '../components/StatusBadge';
import { usePageTitle } from '../components/usePageTitle';
import { MailTemplatesList } from './mail/MailTemplatesList';

function Outbox() {
  const columns: Column<Mail>[] = [
    { key: 'to', header: 'To', render: (m) => m.to },
    {
      key: 'subject',
      header: 'Subject',
      render: (m) => (
        <Anchor component={Link} to={`/console/mail/${m.id}`} fw={600}>
          {m.subject}
        </Anchor>
      ),
    },
    { key: 'status', header: 'Status', render: (m) => <StatusBadge status={m.status} /> },
    { key: 'time', header: 'Time', render: (m) => <DateTime value={m.sentAt ?? m.createdAt} /> },
  ];
  return (
    <>
      <Text size="sm" mb="md">
        Mail Trellis sent or, without an SMTP server, kept here: invitations, password resets and notifications.
      </Text>
      <DataTable<Mail>
        label="Mail"
        queryKey={['mail']}
        path="/mail"
        columns={columns}
        rowKey={(m) => m.id}
        empty="No mail yet."
      />
    </>
  );
}

/** The outbox and, for those who may edit them, the templates mail is written from: a tab each. */
export function MailPage({ tab = 'outbox' }: { tab?: 'outbox' | 'templates' }) {
  const can = useCan();
  const navigate = useNavigate();
  usePageTitle(tab === 'templates' ? 'Mail templates' : 'Mail');
  if (!can('mail.template')) {
    return (
      <Stack>
        <Title order={1}>Mail</Title>
        <Outbox />
      </Stack>
    );
  }
  return (
    <Stack>
      <Title order={1}>Mail</Title>
      <Tabs
        value={tab}
        onChange={(value) => void navigate(value === 'templates' ? '/console/mail/templates' : '/console/mail')}
        keepMounted={false}
      >
        <Tabs.List aria-label="Mail sections">
          <Tabs.Tab value="outbox">Outbox</Tabs.Tab>
          <Tabs.Tab value="templates">Templates</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="outbox" pt="lg">
          <Outbox />
        </Tabs.Panel>
        <Tabs.Panel value="templates" pt="lg">
          <MailTemplatesList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export function MailMessagePage() {
  const { id = '' } = useParams();
  const mail = useQuery({
    queryKey: ['mail', 'one', id],
    queryFn: () => api.get<Mail>(`/mail/${encodeURIComponent(id)}`),
  });
  usePageTitle(mail.data ? mail.data.subject : 'Mail');

  let body;
  if (mail.isPending) {
    body = (
      <Center py="xl">
        <Loader aria-label="Loading the message" />
      </Center>
    );
  } else if (mail.isError) {
    body = (
      <>
        <Title order={1}>Mail</Title>
        <ErrorAlert error={mail.error} />
      </>
    );
  } else {
    const m = mail.data;
    body = (
      <>
        <Title order={1}>{m.subject}</Title>
        <Group gap="lg">
          <Text size="sm">
            <strong>To:</strong> {m.to}
          </Text>
          <StatusBadge status={m.status} />
          <Text size="sm">
            <strong>Created:</strong> <DateTime value={m.createdAt} />
          </Text>
          {m.sentAt && (
            <Text size="sm">
              <strong>Sent:</strong> <DateTime value={m.sentAt} />
            </Text>
          )}
        </Group>
        <Paper withBorder p="md" component="article" aria-label="Message">
          <Box
            component="pre"
            m={0}
            style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', fontSize: 'var(--mantine-font-size-sm)' }}
          >
            <Linkify text={m.text} />
          </Box>
        </Paper>
      </>
    );
  }

  return (
    <Stack>
      <Anchor component={Link} to="/console/mail" size="sm">
        ← Mail
      </Anchor>
      {body}
    </Stack>
  );
}
