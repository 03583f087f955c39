import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { DealAction, DealDetail } from '../../api/deals';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateTime } from '../../components/format';
import { Section } from '../../components/Section';
import { usePageTitle } from '../../components/usePageTitle';
import { dealKeys } from './cache';
import { CloseDialog } from './CloseDialog';
import { ConflictPanel } from './ConflictPanel';
import { DealAttachments } from './DealAttachments';
import { DealBadges } from './DealBadges';
import { DealFacts } from './DealFacts';
import { DealHistory } from './DealHistory';
import { ApproveDialog, ExtensionDialog, RejectDialog, ResolveDialog } from './ReviewDialogs';

type Dialog = 'approve' | 'reject' | 'resolve' | 'grant' | 'refuse' | 'close';

/** The buttons of the vendor's moves, in the order shown, each with the action that allows it. */
const BUTTONS: { dialog: Dialog; action: DealAction; label: string; primary?: boolean }[] = [
  { dialog: 'approve', action: 'approve', label: 'Approve', primary: true },
  { dialog: 'resolve', action: 'resolve', label: 'Resolve conflict', primary: true },
  { dialog: 'grant', action: 'decideExtension', label: 'Grant extension', primary: true },
  { dialog: 'refuse', action: 'decideExtension', label: 'Refuse extension' },
  { dialog: 'close', action: 'close', label: 'Close won or lost' },
  { dialog: 'reject', action: 'reject', label: 'Reject' },
];

function ExtensionRequest({ deal: d }: { deal: DealDetail }) {
  if (d.extension.status !== 'requested') return null;
  return (
    <Alert color="yellow" variant="light" title="The partner asks to extend protection">
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        “{d.extension.reason}” (asked <DateTime value={d.extension.requestedAt} />)
      </Text>
      <Text size="sm">
        Protection ends <DateTime value={d.protectedUntil} />; granting adds {d.extension.days} days.
      </Text>
    </Alert>
  );
}

export function DealPage() {
  const { id = '' } = useParams();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const deal = useQuery({
    queryKey: dealKeys.one(id),
    queryFn: () => api.get<DealDetail>(`/deals/${encodeURIComponent(id)}`),
  });
  usePageTitle(deal.data ? `${deal.data.reference} ${deal.data.customerName}` : 'Deal registration');
  const back = (
    <Anchor component={Link} to="/console/deals" size="sm">
      ← Deal registrations
    </Anchor>
  );

  if (deal.isPending) return <CenteredLoader py="xl" size="md" label="Loading the registration" />;
  if (deal.isError) {
    return (
      <Stack>
        {back}
        <Title order={1}>Deal registration</Title>
        <ErrorAlert error={deal.error} />
      </Stack>
    );
  }
  const d = deal.data;
  const buttons = BUTTONS.filter((b) => d.actions.includes(b.action));
  const dialogProps = (which: Dialog) => ({ deal: d, opened: dialog === which, onClose: () => setDialog(null) });

  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={1}>
              {d.reference} {d.customerName}
            </Title>
            <DealBadges deal={d} />
          </Group>
          <Text size="sm">
            Registered by{' '}
            <Anchor component={Link} to={`/console/partners/${d.partnerId}`} size="sm">
              {d.partnerName}
            </Anchor>{' '}
            in{' '}
            <Anchor component={Link} to={`/console/programs/${d.programId}`} size="sm">
              {d.programName}
            </Anchor>
            {d.submittedAt ? (
              <>
                , submitted <DateTime value={d.submittedAt} />
              </>
            ) : (
              ', not submitted yet'
            )}
          </Text>
        </Stack>
        {buttons.length > 0 && (
          <Group gap="xs">
            {buttons.map((b) => (
              <Button key={b.dialog} variant={b.primary ? 'filled' : 'default'} onClick={() => setDialog(b.dialog)}>
                {b.label}
              </Button>
            ))}
          </Group>
        )}
      </Group>

      <ExtensionRequest deal={d} />
      <ConflictPanel deal={d} />
      <DealFacts deal={d} />

      <Section id="files-heading" title="Files">
        <DealAttachments deal={d} />
      </Section>
      <Section id="history-heading" title="History">
        <DealHistory deal={d} />
      </Section>

      {d.actions.includes('approve') && <ApproveDialog {...dialogProps('approve')} />}
      {d.actions.includes('reject') && <RejectDialog {...dialogProps('reject')} />}
      {d.actions.includes('resolve') && <ResolveDialog {...dialogProps('resolve')} />}
      {d.actions.includes('decideExtension') && (
        <>
          <ExtensionDialog {...dialogProps('grant')} grant />
          <ExtensionDialog {...dialogProps('refuse')} grant={false} />
        </>
      )}
      {d.actions.includes('close') && <CloseDialog {...dialogProps('close')} />}
    </Stack>
  );
}
