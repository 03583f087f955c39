import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import type { Deal } from '../../api/deals';
import type { Partner } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { dealKeys } from './cache';
import { dealColumns } from './columns';

const columns = dealColumns(['reference', 'customer', 'program', 'amount', 'status', 'submitted']);

/** A partner's latest registrations on its console page, with the way to all of them. */
export function PartnerDeals({ partner }: { partner: Partner }) {
  return (
    <Section
      id="deals-heading"
      title="Deal registrations"
      actions={
        <Anchor component={Link} to={`/console/deals?tab=all&partnerId=${encodeURIComponent(partner.id)}`} size="sm">
          All registrations of {partner.name}
        </Anchor>
      }
    >
      <DataTable<Deal>
        label={`Latest registrations of ${partner.name}`}
        queryKey={dealKeys.partner(partner.id)}
        path="/deals"
        params={{ partnerId: partner.id }}
        pageSize={5}
        columns={columns}
        rowKey={(d) => d.id}
        empty={`${partner.name} has registered no deals yet.`}
      />
    </Section>
  );
}
