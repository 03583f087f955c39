import { Alert, Anchor, Button, Group, List, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { ApplicationApproval, ApplicationDetail } from '../../api/applications';
import { api, fieldErrors } from '../../api/client';
import type { Region, PartnerType } from '../../api/types';
import { useCan } from '../../auth/AuthContext';
import { CenteredLoader } from '../../components/CenteredLoader';
import { DetailField } from '../../components/DetailField';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { NoteField, ReasonField } from '../../components/fields';
import { ModalFormActions } from '../../components/FormActions';
import { DateTime } from '../../components/format';
import { CamSelect, countryName, regionLabel, typeLabel, useCamOptions } from '../../components/partnerProfile';
import { EmptyRow, ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useDialogMutation } from '../../components/useDialogMutation';
import { usePageTitle } from '../../components/usePageTitle';
import { useRequiredText } from '../../components/useRequiredText';
import { ApplicationStatusBadge, EligibleBadge } from './ApplicationsPage';
import { RULE_KIND_LABELS, STATUS_LABELS } from './labels';

const LABEL_WIDTH = 150;
const keyOf = (id: string) => ['applications', 'one', id] as const;

function list(values: string[]): string {
  return values.length ? values.join(', ') : '—';
}

function useDecided(id: string) {
  const queryClient = useQueryClient();
  return (detail: ApplicationDetail) => {
    queryClient.setQueryData(keyOf(id), detail);
    void queryClient.invalidateQueries({ queryKey: ['applications'], predicate: (q) => q.queryKey[1] !== 'one' });
    void queryClient.invalidateQueries({ queryKey: ['partners'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

interface DialogProps {
  application: ApplicationDetail;
  opened: boolean;
  onClose: () => void;
}

function ApproveDialog({ application: a, opened, onClose }: DialogProps) {
  const [camUserId, setCamUserId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const cams = useCamOptions(opened);
  const decided = useDecided(a.id);
  const { mutation: approve, close } = useDialogMutation({
    mutationFn: () =>
      api.post<ApplicationApproval>(`/applications/${encodeURIComponent(a.id)}/approve`, {
        camUserId,
        note: note.trim(),
      }),
    onSuccess: (result) => {
      decided(result.application);
      notifications.show({
        color: 'green',
        message: result.invitation
          ? `${result.partner.name} is approved; ${result.invitation.email} is invited as its admin`
          : `${result.partner.name} is approved`,
      });
    },
    onClose: () => {
      setCamUserId(null);
      setNote('');
      onClose();
    },
  });
  const errors = fieldErrors(approve.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    approve.mutate();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Approve ${a.companyName}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {a.matchedPartner ? (
            <Text size="sm">
              The domain {a.domain} belongs to the partner <strong>{a.matchedPartner.name}</strong>: approving admits
              that partner into {a.programName} instead of creating a second company.
            </Text>
          ) : (
            <Text size="sm">
              Approving creates the partner {a.companyName} from this application, admits it into {a.programName} at the
              entry tier and starts its onboarding.
            </Text>
          )}
          <Text size="sm">
            {a.contactName} ({a.contactEmail}) is invited as the partner&apos;s admin, unless already a user, and is
            told by mail.
          </Text>
          <FormErrorAlert error={approve.error} fields={['camUserId', 'note']} />
          <CamSelect
            description={a.matchedPartner ? 'For this program; the partner keeps its own otherwise.' : undefined}
            options={cams.options}
            loadError={cams.error}
            value={camUserId}
            onChange={setCamUserId}
            error={errors.camUserId}
            // the list opens when the reviewer asks, not when the dialog opens
            openOnFocus={false}
            data-autofocus
          />
          <NoteField
            description="Kept with the decision; not mailed."
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <ModalFormActions submitLabel="Confirm approval" pending={approve.isPending} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}

function RejectDialog({ application: a, opened, onClose }: DialogProps) {
  const reason = useRequiredText('', 'Give the reason; it is mailed to the applicant');
  const decided = useDecided(a.id);
  const { mutation: reject, close } = useDialogMutation({
    mutationFn: (input: { reason: string }) =>
      api.post<ApplicationDetail>(`/applications/${encodeURIComponent(a.id)}/reject`, input),
    onSuccess: (detail) => {
      decided(detail);
      notifications.show({ color: 'green', message: `The application of ${a.companyName} is turned down` });
    },
    onClose: () => {
      reason.reset();
      onClose();
    },
  });
  const errors = fieldErrors(reject.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.check()) return;
    reject.mutate({ reason: reason.value.trim() });
  };
  return (
    <Modal opened={opened} onClose={close} title={`Reject ${a.companyName}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {a.contactName} ({a.contactEmail}) gets a mail with the reason below.
          </Text>
          <FormErrorAlert error={reject.error} fields={['reason']} />
          <ReasonField
            description="Mailed to the applicant as you write it."
            {...reason.props(errors.reason)}
            data-autofocus
          />
          <ModalFormActions submitLabel="Send the decision" pending={reject.isPending} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}

function Eligibility({ application: a }: { application: ApplicationDetail }) {
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Text size="sm" fw={600}>
          Score {a.score} / 100
        </Text>
        <EligibleBadge eligible={a.eligible} />
      </Group>
      <ScrollTable label={`Eligibility of ${a.companyName}, rule by rule`} regionLabel="Eligibility">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Rule</Table.Th>
            <Table.Th scope="col">Result</Table.Th>
            <Table.Th scope="col">Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.eligibility.length === 0 && (
            <EmptyRow colSpan={3}>
              The form had no rules when this application came in: every applicant scores 100.
            </EmptyRow>
          )}
          {a.eligibility.map((r) => (
            <Table.Tr key={r.rule}>
              <Table.Td>
                {RULE_KIND_LABELS[r.kind]}
                {r.required ? ' (required)' : ''}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={r.met ? 'active' : 'failed'} label={r.met ? 'Met' : 'Not met'} />
              </Table.Td>
              <Table.Td>{r.detail}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

function Duplicates({ application: a }: { application: ApplicationDetail }) {
  if (!a.duplicateOf && !a.matchedPartner) return null;
  return (
    <Alert color="yellow" variant="light" title="This company may be known already">
      <Stack gap={4}>
        {a.duplicateOf && (
          <Text size="sm">
            The domain {a.domain} applied before:{' '}
            <Anchor component={Link} to={`/console/applications/${a.duplicateOf.id}`} size="sm">
              {a.duplicateOf.companyName}
            </Anchor>{' '}
            ({STATUS_LABELS[a.duplicateOf.status].toLowerCase()}, <DateTime value={a.duplicateOf.createdAt} />
            ).
          </Text>
        )}
        {a.matchedPartner && (
          <Text size="sm">
            The domain belongs to the partner{' '}
            <Anchor component={Link} to={`/console/partners/${a.matchedPartner.id}`} size="sm">
              {a.matchedPartner.name}
            </Anchor>
            {a.status === 'received' ? '; approving admits it instead of creating a second company.' : '.'}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

export function ApplicationPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const application = useQuery({
    queryKey: keyOf(id),
    queryFn: () => api.get<ApplicationDetail>(`/applications/${encodeURIComponent(id)}`),
  });
  usePageTitle(application.data ? `Application of ${application.data.companyName}` : 'Application');

  if (application.isPending) return <CenteredLoader py="xl" size="md" label="Loading the application" />;
  if (application.isError) {
    return (
      <Stack>
        <Anchor component={Link} to="/console/applications" size="sm">
          ← Applications
        </Anchor>
        <Title order={1}>Application</Title>
        <ErrorAlert error={application.error} />
      </Stack>
    );
  }
  const a = application.data;
  const reviewable = can('application.review') && a.status === 'received';

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/console/applications" size="sm">
        ← Applications
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={1}>{a.companyName}</Title>
            <ApplicationStatusBadge status={a.status} />
          </Group>
          <Text size="sm">
            Applied to{' '}
            <Anchor component={Link} to={`/console/programs/${a.programId}`} size="sm">
              {a.programName}
            </Anchor>{' '}
            on <DateTime value={a.createdAt} />
          </Text>
        </Stack>
        {reviewable && (
          <Group gap="xs">
            <Button onClick={() => setDialog('approve')}>Approve</Button>
            <Button variant="default" onClick={() => setDialog('reject')}>
              Reject
            </Button>
          </Group>
        )}
      </Group>

      <Duplicates application={a} />

      {a.status !== 'received' && (
        <Section id="decision-heading" title="Decision">
          <Stack gap="xs">
            <DetailField label="Decision" labelWidth={LABEL_WIDTH}>
              {STATUS_LABELS[a.status]} by {a.reviewedBy ?? '—'} on <DateTime value={a.reviewedAt} />
            </DetailField>
            {a.partner && (
              <DetailField label="Partner" labelWidth={LABEL_WIDTH}>
                <Anchor component={Link} to={`/console/partners/${a.partner.id}`} size="sm">
                  {a.partner.name}
                </Anchor>
              </DetailField>
            )}
            <DetailField label={a.status === 'rejected' ? 'Reason' : 'Note'} labelWidth={LABEL_WIDTH}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{a.reviewReason || '—'}</span>
            </DetailField>
          </Stack>
        </Section>
      )}

      <Section id="eligibility-heading" title="Eligibility">
        <Eligibility application={a} />
      </Section>

      <Section id="company-heading" title="Company">
        <Stack gap="xs">
          <DetailField label="Website" labelWidth={LABEL_WIDTH}>
            {a.website} ({a.domain})
          </DetailField>
          <DetailField label="Country" labelWidth={LABEL_WIDTH}>
            {countryName(a.country)}
          </DetailField>
          <DetailField label="Company size" labelWidth={LABEL_WIDTH}>
            {a.companySize} employees
          </DetailField>
          <DetailField label="Regions served" labelWidth={LABEL_WIDTH}>
            {list(a.regions.map((r) => regionLabel(r as Region)))}
          </DetailField>
          <DetailField label="Partner types" labelWidth={LABEL_WIDTH}>
            {list(a.partnerTypes.map((t) => typeLabel(t as PartnerType)))}
          </DetailField>
          <DetailField label="Industries" labelWidth={LABEL_WIDTH}>
            {list(a.industries)}
          </DetailField>
        </Stack>
      </Section>

      <Section id="contact-heading" title="Contact">
        <Stack gap="xs">
          <DetailField label="Name" labelWidth={LABEL_WIDTH}>
            {a.contactName}
          </DetailField>
          <DetailField label="Email" labelWidth={LABEL_WIDTH}>
            <Anchor href={`mailto:${a.contactEmail}`} size="sm">
              {a.contactEmail}
            </Anchor>
          </DetailField>
          <DetailField label="Message" labelWidth={LABEL_WIDTH}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{a.message || '—'}</span>
          </DetailField>
        </Stack>
      </Section>

      {a.sameDomain.length > 0 && (
        <Section id="same-domain-heading" title={`Other applications from ${a.domain}`}>
          <List size="sm">
            {a.sameDomain.map((o) => (
              <List.Item key={o.id}>
                <Anchor component={Link} to={`/console/applications/${o.id}`} size="sm">
                  {o.companyName}
                </Anchor>{' '}
                to {o.programName}, {STATUS_LABELS[o.status].toLowerCase()}, <DateTime value={o.createdAt} />
              </List.Item>
            ))}
          </List>
        </Section>
      )}

      {can('application.review') && (
        <>
          <ApproveDialog application={a} opened={dialog === 'approve'} onClose={() => setDialog(null)} />
          <RejectDialog application={a} opened={dialog === 'reject'} onClose={() => setDialog(null)} />
        </>
      )}
    </Stack>
  );
}
