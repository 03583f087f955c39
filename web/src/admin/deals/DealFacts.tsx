import { Anchor, Group, SimpleGrid, Stack } from '@mantine/core';
import { Link } from 'react-router';
import type { DealDetail } from '../../api/deals';
import { DetailField } from '../../components/DetailField';
import { DateTime } from '../../components/format';
import { countryName } from '../../components/partnerProfile';
import { Section } from '../../components/Section';
import { formatAmount } from '../programs/money';
import { OverdueBadge } from './DealBadges';
import { ATTRIBUTION_LABELS, DEAL_STATUS_LABELS, EXTENSION_LABELS } from './labels';

const W = 170;

function Review({ deal: d }: { deal: DealDetail }) {
  return (
    <Section id="review-heading" title="Review">
      <Stack gap="xs">
        <DetailField label="Channel manager" labelWidth={W}>
          {d.camName ?? 'Unassigned'}
        </DetailField>
        <DetailField label="Submitted" labelWidth={W}>
          <DateTime value={d.submittedAt} />
        </DetailField>
        <DetailField label="Decide by (SLA)" labelWidth={W}>
          <Group gap={6}>
            <DateTime value={d.slaDueAt} />
            {d.overdue && <OverdueBadge />}
          </Group>
        </DetailField>
        {d.decidedAt && (
          <>
            <DetailField label="Decision" labelWidth={W}>
              {DEAL_STATUS_LABELS[d.status]} by {d.decidedBy ?? '—'}, <DateTime value={d.decidedAt} />
            </DetailField>
            <DetailField label={d.status === 'rejected' ? 'Reason' : 'Note'} labelWidth={W}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{d.decisionReason || '—'}</span>
            </DetailField>
          </>
        )}
      </Stack>
    </Section>
  );
}

function Protection({ deal: d }: { deal: DealDetail }) {
  if (!d.protectedUntil && d.status !== 'approved') return null;
  return (
    <Section id="protection-heading" title="Protection">
      <Stack gap="xs">
        <DetailField label="Protected until" labelWidth={W}>
          {d.protectedUntil ? <DateTime value={d.protectedUntil} /> : 'Approved without an end (0 protection days)'}
        </DetailField>
        <DetailField label="Protection days" labelWidth={W}>
          {d.protectionDays ?? '—'}
        </DetailField>
        <DetailField label="Extension" labelWidth={W}>
          {d.extension.days === 0 ? 'The program grants none' : EXTENSION_LABELS[d.extension.status]}
          {d.extension.requestedAt && (
            <>
              {' '}
              (asked <DateTime value={d.extension.requestedAt} />
              {d.extension.reason ? `: “${d.extension.reason}”` : ''})
            </>
          )}
        </DetailField>
      </Stack>
    </Section>
  );
}

function Customer({ deal: d }: { deal: DealDetail }) {
  return (
    <Section id="customer-heading" title="Customer">
      <Stack gap="xs">
        <DetailField label="Company" labelWidth={W}>
          {d.customerName}
        </DetailField>
        <DetailField label="Domain" labelWidth={W}>
          {d.customerDomain ?? '—'}
        </DetailField>
        <DetailField label="Country" labelWidth={W}>
          {countryName(d.customerCountry)}
        </DetailField>
        <DetailField label="Contact" labelWidth={W}>
          {[d.contactName, d.contactTitle].filter(Boolean).join(', ') || '—'}
        </DetailField>
        <DetailField label="Email" labelWidth={W}>
          {d.contactEmail ? (
            <Anchor href={`mailto:${d.contactEmail}`} size="sm">
              {d.contactEmail}
            </Anchor>
          ) : (
            '—'
          )}
        </DetailField>
        <DetailField label="Phone" labelWidth={W}>
          {d.contactPhone || '—'}
        </DetailField>
      </Stack>
    </Section>
  );
}

function Opportunity({ deal: d }: { deal: DealDetail }) {
  return (
    <Section id="opportunity-heading" title="Opportunity">
      <Stack gap="xs">
        <DetailField label="Estimated amount" labelWidth={W}>
          {formatAmount(d.amount, d.currency)}
        </DetailField>
        <DetailField label="Expected close" labelWidth={W}>
          {d.expectedCloseDate ?? '—'}
        </DetailField>
        <DetailField label="Attribution" labelWidth={W}>
          {ATTRIBUTION_LABELS[d.attribution]}
        </DetailField>
        <DetailField label="Products" labelWidth={W}>
          {d.products.length
            ? d.products.map((p, i) => (
                <span key={p.id}>
                  {i > 0 && ', '}
                  <Anchor component={Link} to={`/console/products/${p.id}`} size="sm">
                    {p.title || 'Untitled product'}
                  </Anchor>
                </span>
              ))
            : '—'}
        </DetailField>
        <DetailField label="Tier" labelWidth={W}>
          {d.tierName ?? '—'}
        </DetailField>
        <DetailField label="Owner" labelWidth={W}>
          {d.ownerName ?? '—'}
        </DetailField>
        <DetailField label="Notes" labelWidth={W}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{d.notes || '—'}</span>
        </DetailField>
      </Stack>
    </Section>
  );
}

function Outcome({ deal: d }: { deal: DealDetail }) {
  if (d.status !== 'won' && d.status !== 'lost') return null;
  return (
    <Section id="outcome-heading" title="Outcome">
      <Stack gap="xs">
        <DetailField label="Closed" labelWidth={W}>
          {DEAL_STATUS_LABELS[d.status]}, <DateTime value={d.closedAt} />
        </DetailField>
        <DetailField label="Close date" labelWidth={W}>
          {d.closeDate ?? '—'}
        </DetailField>
        {d.status === 'won' ? (
          <DetailField label="Won amount" labelWidth={W}>
            {formatAmount(d.wonAmount, d.currency)}
          </DetailField>
        ) : (
          <DetailField label="Why lost" labelWidth={W}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{d.lostReason || '—'}</span>
          </DetailField>
        )}
      </Stack>
    </Section>
  );
}

/** The registration's fields, grouped as a reviewer reads them. */
export function DealFacts({ deal }: { deal: DealDetail }) {
  return (
    <>
      <Outcome deal={deal} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="lg">
        <Review deal={deal} />
        <Protection deal={deal} />
        <Customer deal={deal} />
        <Opportunity deal={deal} />
      </SimpleGrid>
    </>
  );
}
