import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { API_BASE, queryString } from '../../api/client';
import type { HouseAccount } from '../../api/deals';
import { useCan } from '../../auth/AuthContext';
import { DataTable, type Column } from '../../components/DataTable';
import { EditorModal } from '../../components/EditorModal';
import { DateTime } from '../../components/format';
import { ListFilters, useSearchText } from '../../components/ListFilters';
import { countryName } from '../../components/partnerProfile';
import { usePageTitle } from '../../components/usePageTitle';
import { DeleteHouseAccountDialog } from './DeleteHouseAccountDialog';
import { HouseAccountForm } from './HouseAccountForm';
import { ImportHouseAccountsDialog } from './ImportHouseAccountsDialog';
import { MatchingPolicyCard } from './MatchingPolicyCard';

/** The customers the vendor's own sales team holds, and how closely registrations are matched against them. */
export function HouseAccountsPage() {
  usePageTitle('House accounts');
  const can = useCan();
  const writable = can('house_account.write');
  const { text, setText, search } = useSearchText();
  const [editing, setEditing] = useState<HouseAccount | 'new' | null>(null);
  const [deleting, setDeleting] = useState<HouseAccount | null>(null);
  const [importing, setImporting] = useState(false);

  const columns: Column<HouseAccount>[] = [
    {
      key: 'name',
      header: 'Customer',
      render: (a) => (
        <Text size="sm" fw={600}>
          {a.name}
        </Text>
      ),
    },
    { key: 'domain', header: 'Domain', render: (a) => a.domain ?? '—' },
    { key: 'country', header: 'Country', render: (a) => countryName(a.country) },
    { key: 'owner', header: 'Owner', render: (a) => a.owner || '—' },
    {
      key: 'notes',
      header: 'Notes',
      render: (a) => (
        <Text size="sm" lineClamp={2}>
          {a.notes || '—'}
        </Text>
      ),
    },
    { key: 'updated', header: 'Updated', render: (a) => <DateTime value={a.updatedAt} /> },
  ];
  if (writable)
    columns.push({
      key: 'actions',
      header: 'Actions',
      render: (a) => (
        <Group gap={4} wrap="nowrap">
          <Button size="xs" variant="default" aria-label={`Edit ${a.name}`} onClick={() => setEditing(a)}>
            Edit
          </Button>
          <Button size="xs" variant="subtle" color="red" aria-label={`Delete ${a.name}`} onClick={() => setDeleting(a)}>
            Delete
          </Button>
        </Group>
      ),
    });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>House accounts</Title>
        <Group gap="sm">
          <Button
            component="a"
            variant="default"
            href={`${API_BASE}/house-accounts/export.csv${queryString({ q: search })}`}
            download
          >
            Export CSV
          </Button>
          {writable && (
            <>
              <Button variant="default" onClick={() => setImporting(true)}>
                Import CSV
              </Button>
              <Button onClick={() => setEditing('new')}>New house account</Button>
            </>
          )}
        </Group>
      </Group>
      <Text size="sm" maw={760}>
        Customers your own sales team holds. A partner’s registration for one of them, by the same web domain or a name
        alike enough, is held as a conflict for a channel manager to resolve. Partners never see this list.
      </Text>
      <ListFilters text={text} onText={setText} placeholder="Name or domain" />
      <DataTable<HouseAccount>
        label="House accounts"
        queryKey={['house-accounts']}
        path="/house-accounts"
        params={{ q: search }}
        columns={columns}
        rowKey={(a) => a.id}
        empty={search ? 'No house accounts match.' : 'No house accounts yet.'}
      />
      <MatchingPolicyCard />
      {writable && (
        <>
          <EditorModal
            editing={editing}
            onClose={() => setEditing(null)}
            title={(a) => (a ? `Edit ${a.name}` : 'New house account')}
            size="lg"
          >
            {(a) => <HouseAccountForm account={a} onDone={() => setEditing(null)} />}
          </EditorModal>
          <DeleteHouseAccountDialog account={deleting} onClose={() => setDeleting(null)} />
          <ImportHouseAccountsDialog opened={importing} onClose={() => setImporting(false)} />
        </>
      )}
    </Stack>
  );
}
