import { Anchor, Button, Group, Modal, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, fieldErrors } from '../../api/client';
import type { Program, ProgramStatus } from '../../api/programs';
import { useCan } from '../../auth/AuthContext';
import { ArchiveToggle, useArchiveMutation } from '../../components/Archive';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { ReasonField } from '../../components/fields';
import { ModalFormActions } from '../../components/FormActions';
import { StatusBadge } from '../../components/StatusBadge';
import { ApplicationFormTab } from '../applications/ApplicationFormTab';
import { DealSettingsTab } from '../deals/DealSettingsTab';
import { useDialogMutation } from '../../components/useDialogMutation';
import { usePageTitle } from '../../components/usePageTitle';
import { useRequiredText } from '../../components/useRequiredText';
import { AgreementTab } from './AgreementTab';
import { programKeys, useProgramChanged } from './cache';
import { EcosystemTab } from './EcosystemTab';
import { ProgramFilePanel } from './file/ProgramFilePanel';
import { MOVE_HINTS, moveLabel, programTypeLabel, statusLabel } from './labels';
import { BenefitMatrix } from './matrix/BenefitMatrix';
import { OnboardingTab } from './OnboardingTab';
import { OverviewTab } from './OverviewTab';
import { PartnersTab } from './PartnersTab';
import { TiersTab } from './TiersTab';

const TABS = [
  { value: 'overview', label: 'Overview' },
  { value: 'tiers', label: 'Tiers' },
  { value: 'benefits', label: 'Benefits' },
  { value: 'ecosystem', label: 'Ecosystem' },
  { value: 'partners', label: 'Partners' },
  { value: 'agreement', label: 'Agreement' },
  { value: 'onboarding', label: 'Onboarding' },
  { value: 'application-form', label: 'Application form' },
  { value: 'deals', label: 'Deal registration' },
  { value: 'file', label: 'Import / export' },
] as const;
type Tab = (typeof TABS)[number]['value'];

function StatusMoveModal({
  program,
  to,
  onClose,
}: {
  program: Program;
  to: ProgramStatus | null;
  onClose: () => void;
}) {
  const reason = useRequiredText('', 'Give a reason for the change');
  const onChanged = useProgramChanged(program.id);
  const queryClient = useQueryClient();
  const { mutation: move, close } = useDialogMutation({
    mutationFn: (input: { status: ProgramStatus; reason: string }) =>
      api.post<Program>(`/programs/${encodeURIComponent(program.id)}/status`, input),
    onSuccess: (p) => {
      onChanged(p);
      void queryClient.invalidateQueries({ queryKey: programKeys.history(program.id) });
      notifications.show({
        color: 'green',
        message: `Program “${p.name}” is now ${statusLabel(p.status).toLowerCase()}`,
      });
    },
    onClose: () => {
      reason.reset();
      onClose();
    },
  });
  const label = to ? moveLabel(program.status, to) : '';
  const errors = fieldErrors(move.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    if (!reason.check()) return;
    move.mutate({ status: to, reason: reason.value.trim() });
  };

  return (
    <Modal opened={to !== null} onClose={close} title={`${label} ${program.name}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            The program moves from {statusLabel(program.status).toLowerCase()} to{' '}
            {to ? statusLabel(to).toLowerCase() : ''}. {to ? (MOVE_HINTS[to] ?? '') : ''}
          </Text>
          <FormErrorAlert error={move.error} fields={['reason']} />
          <ReasonField
            description="Kept in the program's status history."
            {...reason.props(errors.reason)}
            data-autofocus
          />
          <ModalFormActions submitLabel={`${label} program`} pending={move.isPending} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}

export function ProgramPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const [searchParams, setSearchParams] = useSearchParams();
  const [moveTo, setMoveTo] = useState<ProgramStatus | null>(null);
  const writable = can('program.write');
  const onChanged = useProgramChanged(id);

  const program = useQuery({
    queryKey: programKeys.one(id),
    queryFn: () => api.get<Program>(`/programs/${encodeURIComponent(id)}`),
  });
  usePageTitle(program.data ? program.data.name : 'Program');

  const archive = useArchiveMutation<Program>({
    path: `/programs/${encodeURIComponent(id)}`,
    onChanged,
    message: (_, action) => (action === 'archive' ? 'Program archived' : 'Program restored'),
  });

  const requested = searchParams.get('tab');
  const tab: Tab = TABS.some((t) => t.value === requested) ? (requested as Tab) : 'overview';
  const setTab = (value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (!value || value === 'overview') next.delete('tab');
    else next.set('tab', value);
    setSearchParams(next, { replace: true });
  };

  if (program.isPending) {
    return <CenteredLoader py="xl" size="md" label="Loading the program" />;
  }
  if (program.isError) {
    return (
      <Stack>
        <Anchor component={Link} to="/console/programs" size="sm">
          ← Programs
        </Anchor>
        <Title order={1}>Program</Title>
        <ErrorAlert error={program.error} />
      </Stack>
    );
  }

  const p = program.data;
  const editable = writable && !p.archivedAt;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/console/programs" size="sm">
        ← Programs
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={1}>{p.name}</Title>
            <StatusBadge status={p.status} label={statusLabel(p.status)} />
            {p.archivedAt && <StatusBadge status="archived" />}
          </Group>
          <Group gap="lg">
            <Text size="sm">
              <Text span fw={600}>
                Type:
              </Text>{' '}
              {programTypeLabel(p.programType)}
            </Text>
            <Text size="sm">
              <Text span fw={600}>
                Key:
              </Text>{' '}
              <Text span ff="monospace" size="sm">
                {p.key}
              </Text>
            </Text>
            <Text size="sm">
              <Text span fw={600}>
                Currency:
              </Text>{' '}
              {p.currency}
            </Text>
          </Group>
        </Stack>
        {writable && (
          <Group gap="xs">
            {editable &&
              p.nextStatuses.map((s) => (
                <Button key={s} variant={s === 'active' ? 'filled' : 'default'} onClick={() => setMoveTo(s)}>
                  {moveLabel(p.status, s)}
                </Button>
              ))}
            <ArchiveToggle archived={Boolean(p.archivedAt)} pending={archive.isPending} onAction={archive.mutate} />
          </Group>
        )}
      </Group>
      <ErrorAlert error={archive.error} />
      {p.archivedAt && <Text size="sm">This program is archived: restore it to change it.</Text>}

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List aria-label="Program sections">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="lg">
          <OverviewTab program={p} editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="tiers" pt="lg">
          <TiersTab program={p} editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="benefits" pt="lg">
          <BenefitMatrix program={p} />
        </Tabs.Panel>
        <Tabs.Panel value="ecosystem" pt="lg">
          <EcosystemTab program={p} editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="partners" pt="lg">
          <PartnersTab program={p} editable={can('enrollment.write') && !p.archivedAt} />
        </Tabs.Panel>
        <Tabs.Panel value="agreement" pt="lg">
          <AgreementTab program={p} editable={can('agreement.write') && !p.archivedAt} />
        </Tabs.Panel>
        <Tabs.Panel value="onboarding" pt="lg">
          <OnboardingTab program={p} editable={can('onboarding.configure') && !p.archivedAt} />
        </Tabs.Panel>
        <Tabs.Panel value="application-form" pt="lg">
          <ApplicationFormTab program={p} />
        </Tabs.Panel>
        <Tabs.Panel value="deals" pt="lg">
          <DealSettingsTab program={p} />
        </Tabs.Panel>
        <Tabs.Panel value="file" pt="lg">
          <ProgramFilePanel program={p} />
        </Tabs.Panel>
      </Tabs>

      {writable && <StatusMoveModal program={p} to={moveTo} onClose={() => setMoveTo(null)} />}
    </Stack>
  );
}
