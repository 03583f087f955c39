import { Alert, Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { DealConflict, DealDetail } from '../../api/deals';
import { DateTime, NameWithDetail } from '../../components/format';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { dealPath } from './columns';
import { DealStatusBadge } from './DealBadges';

/** How the match was made: the same web domain, or names alike to a degree. */
export function matchText(c: DealConflict): string {
  return c.matchedOn === 'domain' ? 'Same domain' : `Similar name (${Math.round(c.similarity * 100)}% alike)`;
}

/** One row per other side: a registration (linked, with its partner) or a house account (with its owner). */
function ConflictTable({ rows, label, first }: { rows: DealConflict[]; label: string; first: string }) {
  return (
    <ScrollTable label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{first}</Table.Th>
          <Table.Th scope="col">Who</Table.Th>
          <Table.Th scope="col">Customer</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col">Submitted</Table.Th>
          <Table.Th scope="col">Matched on</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((c, i) => {
          const key = c.deal?.id ?? c.houseAccount?.id ?? String(i);
          if (c.deal) {
            const d = c.deal;
            return (
              <Table.Tr key={key}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  Registration{' '}
                  <Anchor component={Link} to={dealPath(d.id)} fw={600} size="sm">
                    {d.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/console/partners/${d.partnerId}`} size="sm">
                    {d.partnerName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <NameWithDetail name={d.customerName} detail={d.customerDomain} />
                </Table.Td>
                <Table.Td>
                  <DealStatusBadge status={d.status} />
                </Table.Td>
                <Table.Td>
                  <DateTime value={d.submittedAt} />
                </Table.Td>
                <Table.Td>{matchText(c)}</Table.Td>
              </Table.Tr>
            );
          }
          const a = c.houseAccount;
          return (
            <Table.Tr key={key}>
              <Table.Td>House account</Table.Td>
              <Table.Td>{a?.owner ? `Owner: ${a.owner}` : 'Your own sales team'}</Table.Td>
              <Table.Td>{a ? <NameWithDetail name={a.name} detail={a.domain} /> : '—'}</Table.Td>
              <Table.Td>—</Table.Td>
              <Table.Td>—</Table.Td>
              <Table.Td>{matchText(c)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ScrollTable>
  );
}

/**
 * What this registration collides with, and the later ones that collide with it: only the vendor sees either;
 * the partners are never told who holds a customer.
 */
export function ConflictPanel({ deal: d }: { deal: DealDetail }) {
  if (d.conflicts.length === 0 && d.challengers.length === 0) return null;
  return (
    <Section id="conflict-heading" title="Conflict">
      <Stack gap="md">
        {d.conflicts.length > 0 && (
          <Stack gap="xs">
            {d.status === 'conflict' && !d.holderLapsed && (
              <Alert color="orange" variant="light" title="This registration waits for a conflict decision">
                <Text size="sm">
                  When it was submitted, {d.customerName} was already held by what is listed below. The earliest holds a
                  customer unless you resolve the conflict in favour of this registration. The partner only knows that
                  its registration needs review.
                </Text>
              </Alert>
            )}
            {d.status === 'conflict' && d.holderLapsed && (
              <Alert color="blue" variant="light" title="The holder is no longer active">
                <Text size="sm">
                  Nothing listed below is active any more, so {d.customerName} may be free. Resolve the conflict: in
                  favour of this registration, it is approved and whatever holds the customer by then is rejected; for
                  the existing side, it is rejected. Nothing changes until you decide, and the partner only knows that
                  its registration needs review.
                </Text>
              </Alert>
            )}
            <ConflictTable rows={d.conflicts} label={`What ${d.reference} collides with`} first="Collided with" />
          </Stack>
        )}
        {d.challengers.length > 0 && (
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              Later registrations that conflict with this one
            </Text>
            <ConflictTable
              rows={d.challengers}
              label={`Later registrations conflicting with ${d.reference}`}
              first="Registration"
            />
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
