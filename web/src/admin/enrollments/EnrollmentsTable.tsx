import { Anchor, Button, Group, Menu, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Enrollment, EnrollmentStatus } from '../../api/programs';
import { formatDateTime } from '../../components/format';
import { EmptyRow, ScrollTable } from '../../components/ScrollTable';
import { StatusBadge } from '../../components/StatusBadge';
import { ChangeTierForm, MoveForm, TermsForm, VENDOR_MOVES } from './EnrollmentDialogs';
import { EnrollmentHistory } from './EnrollmentHistory';

type Move = { to: EnrollmentStatus; label: string; reason: boolean };
type Dialog =
  | { kind: 'move'; enrollment: Enrollment; move: Move }
  | { kind: 'tier'; enrollment: Enrollment }
  | { kind: 'terms'; enrollment: Enrollment }
  | { kind: 'history'; enrollment: Enrollment };

const day = (value: string | null) => value ?? '—';

/** What is holding an enrollment up, in words (empty when nothing is). */
export function waitingFor(e: Enrollment): string {
  if (e.status === 'submitted') return 'Waiting for the vendor’s review';
  if (e.status === 'draft') return 'Not submitted yet';
  if (e.agreement && !e.agreement.accepted) {
    if (e.status === 'approved') return `Waiting for a partner admin to accept “${e.agreement.title}”`;
    if (e.agreement.acceptBy)
      return `Agreement version ${e.agreement.version} to accept by ${formatDateTime(e.agreement.acceptBy)}`;
  }
  return '';
}

const FINAL: EnrollmentStatus[] = ['rejected', 'terminated'];

/**
 * Enrollments with their status, tier, manager and dates; `by` says which side the rows are listed by (a
 * program's partners or a partner's programs). With `editable`, each row has the vendor's actions.
 */
export function EnrollmentsTable({
  enrollments,
  by,
  label,
  editable,
  empty,
}: {
  enrollments: Enrollment[];
  by: 'partner' | 'program';
  label: string;
  editable: boolean;
  empty: string;
}) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const name = (e: Enrollment) => (by === 'partner' ? e.partnerName : e.programName);
  const title = !dialog
    ? ''
    : dialog.kind === 'move'
      ? `${dialog.move.label}: ${dialog.enrollment.partnerName} in ${dialog.enrollment.programName}`
      : dialog.kind === 'tier'
        ? `Change the tier of ${dialog.enrollment.partnerName}`
        : dialog.kind === 'terms'
          ? `Terms of ${dialog.enrollment.partnerName} in ${dialog.enrollment.programName}`
          : `History of ${dialog.enrollment.partnerName} in ${dialog.enrollment.programName}`;

  return (
    <>
      <ScrollTable label={label} regionLabel={label} highlightOnHover miw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{by === 'partner' ? 'Partner' : 'Program'}</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Tier</Table.Th>
            <Table.Th scope="col">Account manager</Table.Th>
            <Table.Th scope="col">Start</Table.Th>
            <Table.Th scope="col">Renewal</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {enrollments.length === 0 && <EmptyRow colSpan={7}>{empty}</EmptyRow>}
          {enrollments.map((e) => {
            const waiting = waitingFor(e);
            const moves = editable ? VENDOR_MOVES[e.status] : [];
            return (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={by === 'partner' ? `/console/partners/${e.partnerId}` : `/console/programs/${e.programId}`}
                    fw={600}
                    size="sm"
                  >
                    {name(e)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <StatusBadge status={e.status} />
                    {waiting && <Text size="xs">{waiting}</Text>}
                  </Stack>
                </Table.Td>
                <Table.Td>{e.tierName ?? 'No tier'}</Table.Td>
                <Table.Td>{e.camName ?? '—'}</Table.Td>
                <Table.Td>{day(e.startDate)}</Table.Td>
                <Table.Td>{day(e.renewalDate)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {editable && !FINAL.includes(e.status) && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button size="xs" variant="default" aria-label={`Actions for ${name(e)}`}>
                            Actions
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {moves.map((move) => (
                            <Menu.Item key={move.to} onClick={() => setDialog({ kind: 'move', enrollment: e, move })}>
                              {move.label}
                            </Menu.Item>
                          ))}
                          {e.status !== 'draft' && (
                            <Menu.Item onClick={() => setDialog({ kind: 'tier', enrollment: e })}>
                              Change tier
                            </Menu.Item>
                          )}
                          <Menu.Item onClick={() => setDialog({ kind: 'terms', enrollment: e })}>
                            Manager and dates
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    )}
                    <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'history', enrollment: e })}>
                      History
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ScrollTable>
      <Modal opened={dialog !== null} onClose={close} title={title} size={dialog?.kind === 'history' ? 'xl' : 'md'}>
        {dialog?.kind === 'move' && <MoveForm enrollment={dialog.enrollment} move={dialog.move} onDone={close} />}
        {dialog?.kind === 'tier' && <ChangeTierForm enrollment={dialog.enrollment} onDone={close} />}
        {dialog?.kind === 'terms' && <TermsForm enrollment={dialog.enrollment} onDone={close} />}
        {dialog?.kind === 'history' && (
          <EnrollmentHistory enrollment={dialog.enrollment} label={`History of ${dialog.enrollment.partnerName}`} />
        )}
      </Modal>
    </>
  );
}
