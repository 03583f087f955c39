import {
  Anchor,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { type Acceptance, type Agreement, agreementKeys, type AgreementSummary } from '../../api/agreements';
import { api, fieldErrors } from '../../api/client';
import type { Program } from '../../api/programs';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EditorModal } from '../../components/EditorModal';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { ModalFormActions } from '../../components/FormActions';
import { DateTime, formatDateTime } from '../../components/format';
import { Markdown } from '../../components/markdown/Markdown';
import { EmptyRow, ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useDialogMutation } from '../../components/useDialogMutation';
import { useRequiredText } from '../../components/useRequiredText';
import { VerifyLink } from '../../public/VerifyAcceptancePage';

const DAY_MS = 86_400_000;
const path = (id: string) => `/agreements/${encodeURIComponent(id)}`;

function useAgreementsChanged(programId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['agreements'] });
    void queryClient.invalidateQueries({ queryKey: ['programs', 'enrollments', programId] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

function useAgreement(id: string) {
  return useQuery({ queryKey: agreementKeys.one(id), queryFn: () => api.get<Agreement>(path(id)) });
}

function VersionStatus({ a }: { a: AgreementSummary }) {
  if (a.status === 'draft') return <StatusBadge status="pending" label="Draft" />;
  return a.current ? <StatusBadge status="active" label="Current" /> : <StatusBadge status="archived" label="Former" />;
}

/** The draft editor: title, days to re-accept and the Markdown text, with a preview of what partners will read. */
function DraftForm({ program, draft, onDone }: { program: Program; draft: Agreement | null; onDone: () => void }) {
  const title = useRequiredText(draft?.title ?? 'Partner agreement', 'Enter a title');
  const body = useRequiredText(draft?.body ?? '', 'Write the text of the agreement');
  const [days, setDays] = useState<number | string>(draft?.acceptWithinDays ?? 30);
  const [tab, setTab] = useState<string | null>('write');
  const changed = useAgreementsChanged(program.id);
  const save = useMutation({
    mutationFn: (input: { title: string; body: string; acceptWithinDays: number }) =>
      draft
        ? api.patch<Agreement>(path(draft.id), input)
        : api.post<Agreement>(`/programs/${encodeURIComponent(program.id)}/agreements`, input),
    onSuccess: (saved) => {
      changed();
      notifications.show({ color: 'green', message: `Draft of version ${saved.version} saved` });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ok = [title.check(), body.check()].every(Boolean);
    if (!ok) {
      setTab('write');
      return;
    }
    save.mutate({ title: title.value.trim(), body: body.value, acceptWithinDays: Number(days) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={save.error} fields={['title', 'body', 'acceptWithinDays']} />
        <Group grow align="flex-start">
          <TextInput label="Title" required {...title.props(errors.title)} data-autofocus />
          <NumberInput
            label="Days to accept"
            description="Partners already in the program accept a new version within this many days."
            required
            min={1}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            value={days}
            onChange={setDays}
            error={errors.acceptWithinDays}
          />
        </Group>
        <Tabs value={tab} onChange={setTab} keepMounted>
          <Tabs.List aria-label="Text of the agreement">
            <Tabs.Tab value="write">Write</Tabs.Tab>
            <Tabs.Tab value="preview">Preview</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="sm">
            <Textarea
              label="Text (Markdown)"
              description="Headings (#), lists (-, 1.), **bold**, *italic*, `code` and [links](https://…). At most 200 KB."
              required
              autosize
              minRows={12}
              maxRows={24}
              ff="monospace"
              {...body.props(errors.body)}
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="sm">
            <Paper
              withBorder
              p="md"
              mah={480}
              style={{ overflowY: 'auto' }}
              tabIndex={0}
              role="region"
              aria-label="Preview"
            >
              {body.value.trim() ? <Markdown source={body.value} /> : <Text size="sm">Nothing written yet.</Text>}
            </Paper>
          </Tabs.Panel>
        </Tabs>
        <ModalFormActions submitLabel="Save draft" pending={save.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** Loads the draft's text before the editor opens on it. */
function EditDraft({ program, id, onDone }: { program: Program; id: string; onDone: () => void }) {
  const draft = useAgreement(id);
  if (draft.isPending) return <CenteredLoader label="Loading the draft" />;
  if (draft.isError) return <ErrorAlert error={draft.error} />;
  return <DraftForm program={program} draft={draft.data} onDone={onDone} />;
}

function VersionText({ id }: { id: string }) {
  const agreement = useAgreement(id);
  if (agreement.isPending) return <CenteredLoader label="Loading the text" />;
  if (agreement.isError) return <ErrorAlert error={agreement.error} />;
  const a = agreement.data;
  return (
    <Stack>
      <Text size="sm">
        {a.publishedAt ? (
          <>
            Published <DateTime value={a.publishedAt} />. SHA-256 of the text:{' '}
            <Text span ff="monospace" size="xs" style={{ wordBreak: 'break-all' }}>
              {a.sha256}
            </Text>
          </>
        ) : (
          'A draft: partners do not see it.'
        )}
      </Text>
      <Paper withBorder p="md">
        <Markdown source={a.body} />
      </Paper>
    </Stack>
  );
}

function Acceptances({ agreement }: { agreement: AgreementSummary }) {
  const acceptances = useQuery({
    queryKey: agreementKeys.acceptances(agreement.id),
    queryFn: () => api.get<Acceptance[]>(`${path(agreement.id)}/acceptances`),
  });
  if (acceptances.isPending) return <CenteredLoader label="Loading the acceptances" />;
  if (acceptances.isError) return <ErrorAlert error={acceptances.error} />;
  return (
    <ScrollTable label={`Acceptances of version ${agreement.version}`} miw={900}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Partner</Table.Th>
          <Table.Th scope="col">Accepted by</Table.Th>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">Address</Table.Th>
          <Table.Th scope="col">Browser</Table.Th>
          <Table.Th scope="col">Text SHA-256</Table.Th>
          <Table.Th scope="col">Proof</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {acceptances.data.length === 0 && <EmptyRow colSpan={7}>Nobody has accepted this version yet.</EmptyRow>}
        {acceptances.data.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>
              <Anchor component={Link} to={`/console/partners/${r.partnerId}`} size="sm">
                {r.partnerName}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{r.userName}</Text>
              <Text size="xs" c="gray.8">
                {r.userEmail}
              </Text>
            </Table.Td>
            <Table.Td>
              <DateTime value={r.acceptedAt} />
            </Table.Td>
            <Table.Td ff="monospace" fz="xs">
              {r.ipAddress || '—'}
            </Table.Td>
            <Table.Td fz="xs" maw={220} style={{ wordBreak: 'break-word' }}>
              {r.userAgent || '—'}
            </Table.Td>
            <Table.Td ff="monospace" fz="xs" title={r.sha256}>
              {r.sha256.slice(0, 12)}…
            </Table.Td>
            <Table.Td>
              <VerifyLink id={r.id} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

function PublishDialog({
  program,
  draft,
  onClose,
}: {
  program: Program;
  draft: AgreementSummary | null;
  onClose: () => void;
}) {
  const changed = useAgreementsChanged(program.id);
  const { mutation: publish, close } = useDialogMutation({
    mutationFn: (a: AgreementSummary) => api.post<Agreement>(`${path(a.id)}/publish`),
    onSuccess: (a) => {
      changed();
      notifications.show({ color: 'green', message: `Version ${a.version} is published` });
    },
    onClose,
  });
  const by = draft ? formatDateTime(new Date(Date.now() + draft.acceptWithinDays * DAY_MS).toISOString()) : '';
  return (
    <ConfirmDialog
      opened={draft !== null}
      onClose={close}
      title={draft ? `Publish version ${draft.version}?` : 'Publish?'}
      error={<ErrorAlert error={publish.error} />}
      confirmLabel="Publish"
      pending={publish.isPending}
      onConfirm={() => draft && publish.mutate(draft)}
    >
      <Text size="sm">
        Its text is then fixed and becomes the agreement of {program.name}. Partners in the program will have to accept
        it again within {draft?.acceptWithinDays} days (by {by}); their admins are mailed. New partners become active
        once they accept it.
      </Text>
    </ConfirmDialog>
  );
}

function DeleteDraftDialog({ draft, onClose }: { draft: AgreementSummary | null; onClose: () => void }) {
  const changed = useAgreementsChanged(draft?.programId ?? '');
  const { mutation: del, close } = useDialogMutation({
    mutationFn: (a: AgreementSummary) => api.delete(path(a.id)),
    onSuccess: () => {
      changed();
      notifications.show({ color: 'green', message: 'Draft deleted' });
    },
    onClose,
  });
  return (
    <ConfirmDialog
      opened={draft !== null}
      onClose={close}
      title={draft ? `Delete the draft of version ${draft.version}?` : 'Delete?'}
      error={<ErrorAlert error={del.error} />}
      confirmLabel="Delete"
      pending={del.isPending}
      onConfirm={() => draft && del.mutate(draft)}
    >
      <Text size="sm">The draft is gone for good; published versions stay as they are.</Text>
    </ConfirmDialog>
  );
}

type Dialog =
  | { kind: 'publish' | 'delete' | 'read' | 'acceptances'; agreement: AgreementSummary }
  | { kind: 'edit'; agreement: AgreementSummary | 'new' };

/** The program's agreement: its versions, the draft being written, and who accepted which version. */
export function AgreementTab({ program, editable }: { program: Program; editable: boolean }) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const versions = useQuery({
    queryKey: agreementKeys.versions(program.id),
    queryFn: () => api.get<AgreementSummary[]>(`/programs/${encodeURIComponent(program.id)}/agreements`),
  });
  const close = () => setDialog(null);
  const hasDraft = (versions.data ?? []).some((v) => v.status === 'draft');
  const pick = (kind: 'publish' | 'delete' | 'read' | 'acceptances') =>
    dialog?.kind === kind ? dialog.agreement : null;
  const editing = dialog?.kind === 'edit' ? dialog.agreement : null;

  const body = () => {
    if (versions.isPending) return <CenteredLoader label="Loading the agreement" />;
    if (versions.isError) return <ErrorAlert error={versions.error} />;
    return (
      <ScrollTable label={`Versions of the agreement of ${program.name}`} regionLabel="Agreement versions" miw={800}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Title</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Published</Table.Th>
            <Table.Th scope="col">Accept by</Table.Th>
            <Table.Th scope="col">Accepted</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.data.length === 0 && (
            <EmptyRow colSpan={7}>No agreement yet: partners become active as soon as they are approved.</EmptyRow>
          )}
          {versions.data.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.version}</Table.Td>
              <Table.Td>{a.title}</Table.Td>
              <Table.Td>
                <VersionStatus a={a} />
              </Table.Td>
              <Table.Td>
                <DateTime value={a.publishedAt} />
              </Table.Td>
              <Table.Td>
                <DateTime value={a.reacceptBy} />
              </Table.Td>
              <Table.Td>
                {a.status === 'draft' ? '—' : a.acceptanceCount}
                {a.awaitingCount !== null && a.awaitingCount > 0 && (
                  <Text size="xs" c="gray.8">
                    {a.awaitingCount} still to accept
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {a.status === 'draft' && editable ? (
                    <>
                      <Button size="xs" onClick={() => setDialog({ kind: 'publish', agreement: a })}>
                        Publish
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'edit', agreement: a })}>
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        variant="outline"
                        color="red"
                        onClick={() => setDialog({ kind: 'delete', agreement: a })}
                      >
                        Delete
                      </Button>
                    </>
                  ) : (
                    <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'read', agreement: a })}>
                      Read
                    </Button>
                  )}
                  {a.status === 'published' && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setDialog({ kind: 'acceptances', agreement: a })}
                    >
                      Acceptances
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    );
  };

  const reading = pick('read') ?? pick('acceptances');
  return (
    <Section
      id="agreement-heading"
      title="Agreement"
      actions={
        editable &&
        !hasDraft &&
        versions.isSuccess && (
          <Button onClick={() => setDialog({ kind: 'edit', agreement: 'new' })}>
            {versions.data.length === 0 ? 'Write the agreement' : 'New version'}
          </Button>
        )
      }
    >
      <Stack>
        <Text size="sm">
          Partners accept the current version before their membership starts, and accept every new version within the
          days it gives them. Published versions never change.
        </Text>
        {body()}
      </Stack>
      <EditorModal<AgreementSummary>
        editing={editing}
        onClose={close}
        size="xl"
        title={(a) => (a ? `Edit the draft of version ${a.version}` : 'New version of the agreement')}
      >
        {(a) =>
          a ? (
            <EditDraft program={program} id={a.id} onDone={close} />
          ) : (
            <DraftForm program={program} draft={null} onDone={close} />
          )
        }
      </EditorModal>
      <Modal
        opened={reading !== null}
        onClose={close}
        size={dialog?.kind === 'acceptances' ? '100%' : 'xl'}
        title={
          reading
            ? dialog?.kind === 'acceptances'
              ? `Who accepted version ${reading.version}`
              : `${reading.title}, version ${reading.version}`
            : ''
        }
      >
        {dialog?.kind === 'read' && <VersionText id={dialog.agreement.id} />}
        {dialog?.kind === 'acceptances' && <Acceptances agreement={dialog.agreement} />}
      </Modal>
      <PublishDialog program={program} draft={pick('publish')} onClose={close} />
      <DeleteDraftDialog draft={pick('delete')} onClose={close} />
    </Section>
  );
}
