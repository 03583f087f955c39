import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useCan } from '../../auth/AuthContext';
import { usePageTitle } from '../../components/usePageTitle';
import { DealList, type DealListStart } from './DealList';
import { DealQueue } from './DealQueue';

/** Deal registrations: the review queue (for reviewers, the default) and every registration. */
export function DealsPage() {
  usePageTitle('Deal registrations');
  const can = useCan();
  const [searchParams, setSearchParams] = useSearchParams();
  const reviewer = can('deal.review');
  const tab = !reviewer || searchParams.get('tab') === 'all' ? 'all' : 'queue';
  const start: DealListStart = {
    partnerId: searchParams.get('partnerId') ?? undefined,
    programId: searchParams.get('programId') ?? undefined,
    status: searchParams.get('status')?.split(',').filter(Boolean),
  };
  const setTab = (value: string | null) => setSearchParams(value === 'all' ? { tab: 'all' } : {}, { replace: true });

  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1}>Deal registrations</Title>
        <Text size="sm">
          Opportunities partners registered. The first registration of a customer holds it; a later one is a conflict
          for a channel manager to resolve. Approval protects a registration for its tier’s deal protection period.
        </Text>
      </Stack>
      {reviewer ? (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List aria-label="Deal registration views">
            <Tabs.Tab value="queue">To review</Tabs.Tab>
            <Tabs.Tab value="all">All registrations</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="queue" pt="lg">
            <DealQueue />
          </Tabs.Panel>
          <Tabs.Panel value="all" pt="lg">
            <DealList start={start} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <DealList start={start} />
      )}
    </Stack>
  );
}
