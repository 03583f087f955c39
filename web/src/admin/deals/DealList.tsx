import { Button, Group, MultiSelect, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { API_BASE, api, queryString } from '../../api/client';
import type { Deal } from '../../api/deals';
import type { Page, User } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FilterSelect, ListFilters, useSearchText } from '../../components/ListFilters';
import { useCamOptions } from '../../components/partnerProfile';
import { parseMajor } from '../programs/money';
import { dealKeys } from './cache';
import { dealColumns } from './columns';
import { attributionOptions, dealStatusOptions } from './labels';
import { PartnerFilter } from './PartnerFilter';
import { ProgramFilter, useDealPrograms } from './ProgramFilter';

const columns = dealColumns([
  'reference',
  'partner',
  'customer',
  'program',
  'amount',
  'status',
  'submitted',
  'close',
  'owner',
  'cam',
]);

/** Filters a link may set: the partner page links to its registrations. */
export interface DealListStart {
  partnerId?: string;
  programId?: string;
  status?: string[];
}

/** The people of one partner, to filter by who owns a registration. */
function useOwnerOptions(partnerId: string) {
  const users = useQuery({
    queryKey: ['users', 'partner', partnerId],
    queryFn: () => api.get<Page<User>>('/users', { partnerId, limit: 100 }),
    enabled: !!partnerId,
  });
  return (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name || u.email }));
}

/** A typed amount in `currency` as minor units for the query; an error instead when it is not one. */
function amountParam(text: string, currency: string | null): { value?: number; error?: string } {
  if (!text || !currency) return {};
  const parsed = parseMajor(text, currency);
  return parsed.ok ? { value: parsed.minor } : { error: parsed.message };
}

function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <TextInput type="date" label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} w={160} />
  );
}

/** Every registration, newest first, by any filter, with the same selection as CSV. */
export function DealList({ start }: { start: DealListStart }) {
  const { text, setText, search } = useSearchText();
  const [programId, setProgramId] = useState(start.programId ?? '');
  const [partnerId, setPartnerId] = useState(start.partnerId ?? '');
  const [status, setStatus] = useState<string[]>(start.status ?? []);
  const [ownerUserId, setOwnerUserId] = useState<string | null>(null);
  const [camUserId, setCamUserId] = useState<string | null>(null);
  const [attribution, setAttribution] = useState('');
  const [submittedFrom, setSubmittedFrom] = useState('');
  const [submittedTo, setSubmittedTo] = useState('');
  const [closeFrom, setCloseFrom] = useState('');
  const [closeTo, setCloseTo] = useState('');
  const amountMin = useSearchText();
  const amountMax = useSearchText();
  const [overdue, setOverdue] = useState(false);
  const programs = useDealPrograms();
  const cams = useCamOptions(true);
  const owners = useOwnerOptions(partnerId);

  // amounts are minor units of one currency: the chosen program's, or the one every program uses
  const currencies = [...new Set(programs.programs.map((p) => p.currency))];
  const currency =
    programs.programs.find((p) => p.id === programId)?.currency ?? (currencies.length === 1 ? currencies[0]! : null);
  const min = amountParam(amountMin.search, currency);
  const max = amountParam(amountMax.search, currency);

  const params = {
    q: search,
    programId,
    partnerId,
    status: status.join(','),
    ownerUserId: partnerId ? (ownerUserId ?? '') : '',
    camUserId: camUserId ?? '',
    attribution,
    submittedFrom,
    submittedTo,
    closeFrom,
    closeTo,
    amountMin: min.value,
    amountMax: max.value,
    overdue: overdue ? 'true' : undefined,
  };
  const filtered = Object.values(params).some((v) => v !== undefined && v !== '');
  const amountHelp = currency ? `In ${currency}` : 'Choose a program first: its currency tells what the amount means';

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Text size="sm">Every registration of every partner, the newest first.</Text>
        <Button component="a" variant="default" href={`${API_BASE}/deals/export.csv${queryString(params)}`} download>
          Export CSV
        </Button>
      </Group>
      <ListFilters text={text} onText={setText} placeholder="Customer name or domain">
        <ProgramFilter programs={programs} value={programId} onChange={setProgramId} />
        <PartnerFilter
          value={partnerId}
          onChange={(id) => {
            setPartnerId(id);
            setOwnerUserId(null);
          }}
        />
        <MultiSelect
          label="Status"
          placeholder={status.length ? undefined : 'All statuses'}
          data={dealStatusOptions}
          value={status}
          onChange={setStatus}
          clearable
          w={260}
        />
        <Select
          label="Owner"
          placeholder={partnerId ? 'Anyone' : 'Choose a partner first'}
          data={owners}
          value={ownerUserId}
          onChange={setOwnerUserId}
          disabled={!partnerId}
          searchable
          clearable
          w={200}
        />
        <Select
          label="Channel manager"
          placeholder="Anyone"
          data={cams.options}
          value={camUserId}
          onChange={setCamUserId}
          searchable
          clearable
          w={200}
        />
        <FilterSelect
          label="Attribution"
          allLabel="Any"
          options={attributionOptions}
          value={attribution}
          onChange={setAttribution}
          w={180}
        />
      </ListFilters>
      <Group align="flex-start" gap="md">
        <DateFilter label="Submitted from" value={submittedFrom} onChange={setSubmittedFrom} />
        <DateFilter label="Submitted to" value={submittedTo} onChange={setSubmittedTo} />
        <DateFilter label="Expected close from" value={closeFrom} onChange={setCloseFrom} />
        <DateFilter label="Expected close to" value={closeTo} onChange={setCloseTo} />
        <TextInput
          label="Amount from"
          description={amountHelp}
          inputMode="decimal"
          value={amountMin.text}
          onChange={(e) => amountMin.setText(e.currentTarget.value)}
          error={min.error}
          disabled={!currency}
          w={170}
        />
        <TextInput
          label="Amount to"
          description={amountHelp}
          inputMode="decimal"
          value={amountMax.text}
          onChange={(e) => amountMax.setText(e.currentTarget.value)}
          error={max.error}
          disabled={!currency}
          w={170}
        />
        <Switch label="Overdue only" checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} mt={30} />
      </Group>
      <DataTable<Deal>
        label="Registrations"
        queryKey={dealKeys.list}
        path="/deals"
        params={params}
        columns={columns}
        rowKey={(d) => d.id}
        empty={filtered ? 'No registrations match.' : 'No registrations yet.'}
      />
    </Stack>
  );
}
