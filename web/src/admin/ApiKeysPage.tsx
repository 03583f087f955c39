import { Alert, Button, Code, CopyButton, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../api/client';
import type { ApiKey, CreatedApiKey, Page, Partner, Role } from '../api/types';
import { useCan } from '../auth/AuthContext';
import { PARTNER_ROLES, roleLabel, VENDOR_ROLES } from '../auth/roles';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorAlert, FormErrorAlert } from '../components/ErrorAlert';
import { DateTime } from '../components/format';
import { StatusBadge } from '../components/StatusBadge';
import { usePageTitle } from '../components/usePageTitle';

function NewSecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  return (
    <Alert color="yellow" variant="light" title="Copy the secret of your new API key now" role="status">
      <Stack gap="sm">
        <Text size="sm">
          This is the only time the secret of <strong>{created.apiKey.name}</strong> is shown. It will not be shown
          again: store it somewhere safe before you leave this page.
        </Text>
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            label="Secret"
            value={created.secret}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            ff="monospace"
            style={{ flex: 1 }}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <CopyButton value={created.secret}>
            {({ copied, copy }) => (
              <Button onClick={copy} variant={copied ? 'light' : 'filled'}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group>
          <Button variant="default" size="xs" onClick={onDone}>
            I have stored it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function NewKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [partnerId, setPartnerId] = useState('');
  const partners = useQuery({
    queryKey: ['partners', 'options'],
    queryFn: () => api.get<Page<Partner>>('/partners', { limit: 100 }),
  });

  const create = useMutation({
    mutationFn: () =>
      api.post<CreatedApiKey>(
        '/api-keys',
        partnerId ? { name: name.trim(), role, partnerId } : { name: name.trim(), role },
      ),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      setName('');
      onCreated(created);
    },
  });
  const errors = fieldErrors(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  const partnerRole = (PARTNER_ROLES as readonly string[]).includes(role);
  const roleData = [
    { group: 'Vendor roles', items: VENDOR_ROLES.map((r) => ({ value: r, label: roleLabel(r) })) },
    { group: 'Partner roles (needs a partner)', items: PARTNER_ROLES.map((r) => ({ value: r, label: roleLabel(r) })) },
  ];
  const partnerData = [
    { value: '', label: partnerRole ? 'Choose a partner' : 'None (vendor key)' },
    ...(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={720}>
        <FormErrorAlert error={create.error} fields={['name', 'role', 'partnerId']} />
        <Group align="flex-start" grow>
          <TextInput
            label="Name"
            description="What the key is for, e.g. “CRM sync”."
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <NativeSelect
            label="Role"
            description="What the key may do."
            data={roleData}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            error={errors.role}
          />
          <NativeSelect
            label="Partner"
            description="Scope the key to one partner."
            data={partnerData}
            value={partnerId}
            onChange={(e) => setPartnerId(e.currentTarget.value)}
            error={errors.partnerId}
          />
        </Group>
        <Group>
          <Button type="submit" loading={create.isPending}>
            Create API key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ApiKeysPage() {
  usePageTitle('API keys');
  const can = useCan();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const manage = can('apikey.manage');

  const revoke = useMutation({
    mutationFn: (key: ApiKey) => api.delete(`/api-keys/${encodeURIComponent(key.id)}`),
    onSuccess: (_, key) => {
      if (created?.apiKey.id === key.id) setCreated(null);
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });

  const columns: Column<ApiKey>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (k) => (
        <Text size="sm" fw={600}>
          {k.name}
        </Text>
      ),
    },
    { key: 'prefix', header: 'Prefix', render: (k) => <Code>{k.prefix}</Code> },
    { key: 'role', header: 'Role', render: (k) => roleLabel(k.role) },
    { key: 'partner', header: 'Partner', render: (k) => k.partner?.name ?? '—' },
    { key: 'created', header: 'Created', render: (k) => <DateTime value={k.createdAt} /> },
    { key: 'used', header: 'Last used', render: (k) => <DateTime value={k.lastUsedAt} empty="Never" /> },
    {
      key: 'revoked',
      header: 'Revoked',
      render: (k) => (k.revokedAt ? <DateTime value={k.revokedAt} /> : <StatusBadge status="active" />),
    },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      render: (k) =>
        k.revokedAt ? null : (
          <Button
            size="compact-sm"
            variant="outline"
            color="red"
            onClick={() => revoke.mutate(k)}
            loading={revoke.isPending && revoke.variables?.id === k.id}
            aria-label={`Revoke ${k.name}`}
          >
            Revoke
          </Button>
        ),
    });
  }

  return (
    <Stack gap="lg">
      <Title order={1}>API keys</Title>
      <Text size="sm">
        Scripts and integrations call the REST API with <Code>Authorization: Bearer</Code> and a key. A key has a role,
        and may be scoped to one partner.
      </Text>
      {created && <NewSecret created={created} onDone={() => setCreated(null)} />}
      {manage && (
        <section aria-labelledby="new-key-heading">
          <Title order={2} size="h3" id="new-key-heading" mb="sm">
            New API key
          </Title>
          <NewKeyForm onCreated={setCreated} />
        </section>
      )}
      <section aria-labelledby="keys-heading">
        <Title order={2} size="h3" id="keys-heading" mb="sm">
          Keys
        </Title>
        <ErrorAlert error={revoke.error} />
        <DataTable<ApiKey>
          label="API keys"
          queryKey={['api-keys']}
          path="/api-keys"
          columns={columns}
          rowKey={(k) => k.id}
          empty="No API keys yet."
        />
      </section>
    </Stack>
  );
}
