import { Anchor, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { DealDetail } from '../../api/deals';
import { CenteredLoader } from '../../components/CenteredLoader';
import { DetailField } from '../../components/DetailField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { countryName } from '../../components/partnerProfile';
import { Section } from '../../components/Section';
import { usePageTitle } from '../../components/usePageTitle';
import { DealActions } from './DealActions';
import { DealAttachments } from './DealAttachments';
import { DealHistory } from './DealHistory';
import { DealStatusBadge } from './DealStatusBadge';
import { DealStatusPanel } from './DealStatusPanel';
import { ATTRIBUTION_LABELS, formatDay, moneyText } from './format';
import { dealQuery } from './queries';

const LABEL_WIDTH = 150;

export const BackToDeals = () => (
  <Anchor component={Link} to="/portal/deals" size="sm">
    ← Deals
  </Anchor>
);

function Details({ deal: d }: { deal: DealDetail }) {
  const field = (label: string, value: ReactNode) => (
    <DetailField label={label} labelWidth={LABEL_WIDTH}>
      {value || '—'}
    </DetailField>
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
      <Stack gap="xs">
        {field('Program', d.programName)}
        {field('Customer', d.customerName)}
        {field('Web domain', d.customerDomain)}
        {field('Country', d.customerCountry ? countryName(d.customerCountry) : null)}
        {field('Contact', [d.contactName, d.contactTitle].filter(Boolean).join(', '))}
        {field('Contact email', d.contactEmail)}
        {field('Contact phone', d.contactPhone)}
      </Stack>
      <Stack gap="xs">
        {field('Products', d.products.map((p) => p.title).join(', '))}
        {field('Estimated amount', moneyText(d.amount, d.currency))}
        {field('Expected close', formatDay(d.expectedCloseDate))}
        {field('Your part', ATTRIBUTION_LABELS[d.attribution])}
        {field('Registered by', d.ownerName)}
        {field('Channel manager', d.camName)}
        {field('Submitted', d.submittedAt && <DateTime value={d.submittedAt} />)}
        {d.tierName && field('Tier', d.tierName)}
      </Stack>
      {d.notes && (
        <DetailField label="Notes" labelWidth={LABEL_WIDTH}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{d.notes}</span>
        </DetailField>
      )}
    </SimpleGrid>
  );
}

/** One registration for the partner: where it stands, its facts, files and history, and what can be done now. */
export function DealPage() {
  const { id = '' } = useParams();
  // a channel manager or the protection job moves a registration at any time: each visit asks again
  const deal = useQuery({ ...dealQuery(id), staleTime: 0 });
  usePageTitle(deal.data ? `${deal.data.reference} · ${deal.data.customerName}` : 'Deal');

  if (deal.isPending) return <CenteredLoader py="xl" size="md" label="Loading the registration" />;
  if (deal.isError)
    return (
      <Stack>
        <BackToDeals />
        <Title order={1}>Deal</Title>
        <ErrorAlert error={deal.error} />
      </Stack>
    );
  const d = deal.data;
  return (
    <Stack gap="lg">
      <BackToDeals />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1}>
              {d.reference} · {d.customerName}
            </Title>
            <DealStatusBadge status={d.status} />
          </Group>
          <Text size="sm">
            {d.programName} · {moneyText(d.status === 'won' ? d.wonAmount : d.amount, d.currency)}
          </Text>
        </Stack>
        <DealActions deal={d} />
      </Group>

      <section aria-label="Where it stands">
        <DealStatusPanel deal={d} />
      </section>

      <Section id="details-heading" title="Details">
        <Details deal={d} />
      </Section>

      <Section id="files-heading" title="Files">
        <DealAttachments deal={d} />
      </Section>

      <Section id="history-heading" title="History">
        <DealHistory events={d.history} />
      </Section>
    </Stack>
  );
}
