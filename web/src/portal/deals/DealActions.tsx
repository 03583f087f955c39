import { Alert, Button, Group, List, Modal, MultiSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, fieldErrors } from '../../api/client';
import type { CloseDealInput, DealDetail } from '../../api/deals';
import { formatMajor, parseMajor } from '../../admin/programs/money';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { ReasonField } from '../../components/fields';
import { ModalFormActions } from '../../components/FormActions';
import { useDialogMutation } from '../../components/useDialogMutation';
import { useRequiredText } from '../../components/useRequiredText';
import { FIELD_LABELS, formatDate, moneyText, submittedMessage, today } from './format';
import { dealApiPath, editDealPath, useDealChanged, useProductOptions } from './queries';

type Dialog = 'delete' | 'withdraw' | 'extension' | 'won' | 'lost' | null;

const post = (deal: DealDetail, move: string, body: unknown) =>
  api.post<DealDetail>(`${dealApiPath(deal.id)}/${move}`, body);

/** A refused submission: what the registration still lacks, in the form's words, with the way to add it. */
function SubmitError({ error, deal }: { error: unknown; deal: DealDetail }) {
  if (!(error instanceof ApiError) || error.errors.length === 0) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" variant="light" title="The registration was not submitted" role="alert">
      <Text size="sm">Complete it first:</Text>
      <List size="sm" mt={4}>
        {error.errors.map((e) => (
          <List.Item key={e.field}>
            {FIELD_LABELS[e.field] ?? e.field} {e.message}
          </List.Item>
        ))}
      </List>
      {deal.actions.includes('edit') && (
        <Button component={Link} to={editDealPath(deal.id)} variant="default" size="xs" mt="xs">
          Edit the registration
        </Button>
      )}
    </Alert>
  );
}

/** The moves the API lists for this registration and this user (`actions`), and only those. */
export function DealActions({ deal }: { deal: DealDetail }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const changed = useDealChanged();
  const navigate = useNavigate();
  const may = (a: DealDetail['actions'][number]) => deal.actions.includes(a);
  const close = () => setDialog(null);

  const submit = useMutation({
    mutationFn: () => post(deal, 'submit', {}),
    onSuccess: (d) => {
      changed(d);
      notifications.show({ ...submittedMessage(d), autoClose: 10_000 });
    },
  });
  const remove = useDialogMutation({
    mutationFn: () => api.delete(dealApiPath(deal.id)),
    onSuccess: () => {
      changed();
      notifications.show({ color: 'green', message: `The draft ${deal.reference} is deleted` });
      void navigate('/portal/deals');
    },
    onClose: close,
  });
  const [withdrawReason, setWithdrawReason] = useState('');
  const withdraw = useDialogMutation({
    mutationFn: () => post(deal, 'withdraw', { reason: withdrawReason.trim() }),
    onSuccess: (d) => {
      changed(d);
      notifications.show({ color: 'green', message: `${deal.reference} is withdrawn` });
    },
    onClose: close,
  });

  if (deal.actions.length === 0) return null;
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="sm" justify="flex-end">
        {may('submit') && (
          <Button onClick={() => submit.mutate()} loading={submit.isPending}>
            Submit registration
          </Button>
        )}
        {may('close') && (
          <>
            <Button onClick={() => setDialog('won')}>Close as won</Button>
            <Button variant="default" onClick={() => setDialog('lost')}>
              Close as lost
            </Button>
          </>
        )}
        {may('requestExtension') && (
          <Button variant="default" onClick={() => setDialog('extension')}>
            Request an extension
          </Button>
        )}
        {may('edit') && (
          <Button component={Link} to={editDealPath(deal.id)} variant="default">
            Edit
          </Button>
        )}
        {may('withdraw') && (
          <Button variant="default" color="red" onClick={() => setDialog('withdraw')}>
            Withdraw
          </Button>
        )}
        {may('delete') && (
          <Button variant="default" color="red" onClick={() => setDialog('delete')}>
            Delete draft
          </Button>
        )}
      </Group>
      {submit.isError && <SubmitError error={submit.error} deal={deal} />}

      <ConfirmDialog
        opened={dialog === 'delete'}
        title={`Delete the draft ${deal.reference}?`}
        confirmLabel="Delete draft"
        pending={remove.mutation.isPending}
        error={<ErrorAlert error={remove.mutation.error} />}
        onConfirm={() => remove.mutation.mutate(undefined)}
        onClose={remove.close}
      >
        <Text size="sm">The draft and its files are deleted. Nobody outside your company ever saw it.</Text>
      </ConfirmDialog>

      <ConfirmDialog
        opened={dialog === 'withdraw'}
        title={`Withdraw ${deal.reference}?`}
        confirmLabel="Withdraw registration"
        pending={withdraw.mutation.isPending}
        error={<ErrorAlert error={withdraw.mutation.error} />}
        onConfirm={() => withdraw.mutation.mutate(undefined)}
        onClose={() => {
          setWithdrawReason('');
          withdraw.close();
        }}
      >
        <Text size="sm">
          The registration is no longer reviewed and stops holding the customer. It stays on record; to register the
          customer again, start a new registration.
        </Text>
        <Textarea
          label="Reason (optional)"
          autosize
          minRows={2}
          value={withdrawReason}
          onChange={(e) => setWithdrawReason(e.currentTarget.value)}
          data-autofocus
        />
      </ConfirmDialog>

      <Modal opened={dialog === 'extension'} onClose={close} title="Request an extension">
        {dialog === 'extension' && <ExtensionForm deal={deal} onDone={close} />}
      </Modal>
      <Modal opened={dialog === 'won'} onClose={close} title={`Close ${deal.reference} as won`}>
        {dialog === 'won' && <WonForm deal={deal} onDone={close} />}
      </Modal>
      <Modal opened={dialog === 'lost'} onClose={close} title={`Close ${deal.reference} as lost`}>
        {dialog === 'lost' && <LostForm deal={deal} onDone={close} />}
      </Modal>
    </Stack>
  );
}

/** A dialog form's move: the registration comes back, the dialog closes with a green notice. */
function useMove<V>(deal: DealDetail, move: string, message: string, onDone: () => void) {
  const changed = useDealChanged();
  return useMutation({
    mutationFn: (body: V) => post(deal, move, body),
    onSuccess: (d) => {
      changed(d);
      notifications.show({ color: 'green', message });
      onDone();
    },
  });
}

function ExtensionForm({ deal, onDone }: { deal: DealDetail; onDone: () => void }) {
  const reason = useRequiredText('', 'Say why the deal needs more time');
  const ask = useMove<{ reason: string }>(deal, 'extension', 'Extension requested', onDone);
  const until = deal.protectedUntil
    ? new Date(Date.parse(deal.protectedUntil) + deal.extension.days * 86_400_000).toISOString()
    : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.check()) ask.mutate({ reason: reason.value.trim() });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          Protection ends on {formatDate(deal.protectedUntil)}. If a channel manager grants the extension, this program
          adds {deal.extension.days} days, to {formatDate(until)}. You can ask once.
        </Text>
        <FormErrorAlert error={ask.error} fields={['reason']} />
        <ReasonField
          description="For the channel manager: where the deal stands and why it needs more time."
          {...reason.props(fieldErrors(ask.error).reason)}
          data-autofocus
        />
        <ModalFormActions submitLabel="Request extension" pending={ask.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function CloseDateField(props: { value: string; onChange: (day: string) => void; error?: string }) {
  return (
    <TextInput
      label="Close date"
      required
      type="date"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
    />
  );
}

function WonForm({ deal, onDone }: { deal: DealDetail; onDone: () => void }) {
  const products = useProductOptions(deal.products);
  const [amount, setAmount] = useState(deal.amount === null ? '' : formatMajor(deal.amount, deal.currency));
  const [closeDate, setCloseDate] = useState(today());
  const [productIds, setProductIds] = useState(deal.products.map((p) => p.id));
  const [amountError, setAmountError] = useState<string | null>(null);
  const won = useMove<CloseDealInput>(deal, 'close', `${deal.reference} is closed as won`, onDone);
  const errors = fieldErrors(won.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseMajor(amount, deal.currency);
    if (!parsed.ok) {
      setAmountError(parsed.message);
      return;
    }
    won.mutate({ outcome: 'won', amount: parsed.minor, closeDate, productIds });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          The registration was for {moneyText(deal.amount, deal.currency)}. Give what the customer signed for; it counts
          toward your tier and incentives.
        </Text>
        <FormErrorAlert error={won.error} fields={['amount', 'closeDate', 'productIds']} />
        <TextInput
          label={`Final amount (${deal.currency})`}
          required
          inputMode="decimal"
          value={amount}
          onChange={(e) => {
            setAmount(e.currentTarget.value);
            setAmountError(null);
          }}
          error={amountError ?? errors.amount}
          data-autofocus
        />
        <CloseDateField value={closeDate} onChange={setCloseDate} error={errors.closeDate} />
        <MultiSelect
          label="Products"
          data={products.options}
          searchable
          clearable
          value={productIds}
          onChange={setProductIds}
          error={errors.productIds}
        />
        <ModalFormActions submitLabel="Close as won" pending={won.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function LostForm({ deal, onDone }: { deal: DealDetail; onDone: () => void }) {
  const reason = useRequiredText('', 'Say why the deal was lost');
  const [closeDate, setCloseDate] = useState(today());
  const lost = useMove<CloseDealInput>(deal, 'close', `${deal.reference} is closed as lost`, onDone);
  const errors = fieldErrors(lost.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.check()) lost.mutate({ outcome: 'lost', reason: reason.value.trim(), closeDate });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={lost.error} fields={['reason', 'closeDate']} />
        <ReasonField
          description="What decided it: a competitor, the budget, timing…"
          {...reason.props(errors.reason)}
          data-autofocus
        />
        <CloseDateField value={closeDate} onChange={setCloseDate} error={errors.closeDate} />
        <ModalFormActions submitLabel="Close as lost" pending={lost.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
