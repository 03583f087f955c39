import { Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DealConflict, DealDetail } from '../../api/deals';
import { NoteField, ReasonField } from '../../components/fields';
import { DateTime, formatDateTime } from '../../components/format';
import { useRequiredText } from '../../components/useRequiredText';
import { DecisionModal, type DecisionProps } from './DecisionModal';
import { DEAL_STATUS_LABELS } from './labels';

const DAY_MS = 86_400_000;
/** Registrations that hold their customer (the server's ACTIVE statuses): resolving against them rejects them. */
const HOLDING = new Set(['submitted', 'approved', 'protected']);

/** "is protected until …", or "is approved" when its program protects for 0 days. */
function outcome(d: DealDetail): string {
  return d.protectedUntil
    ? `${d.reference} is protected until ${formatDateTime(d.protectedUntil)}`
    : `${d.reference} is ${DEAL_STATUS_LABELS[d.status].toLowerCase()}`;
}

function Protection({ deal: d }: { deal: DealDetail }) {
  return (
    <>
      It is then protected for the deal protection days of its tier{d.tierName ? ` (${d.tierName})` : ''}, or the
      program’s default when the tier has none, and nobody else can register {d.customerName} meanwhile.
    </>
  );
}

export function ApproveDialog(props: DecisionProps) {
  const d = props.deal;
  const [note, setNote] = useState('');
  return (
    <DecisionModal
      {...props}
      title={`Approve ${d.reference}`}
      submitLabel="Approve registration"
      path="approve"
      intro={
        <Text size="sm">
          {d.partnerName} is told by mail that its registration of {d.customerName} is approved. <Protection deal={d} />
        </Text>
      }
      body={() => ({ note: note.trim() })}
      fields={['note']}
      done={(next) => `Approved: ${outcome(next)}`}
      reset={() => setNote('')}
    >
      {(errors) => (
        <NoteField
          description="Kept with the decision; not mailed."
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          data-autofocus
        />
      )}
    </DecisionModal>
  );
}

export function RejectDialog(props: DecisionProps) {
  const d = props.deal;
  const reason = useRequiredText('', 'Give the reason; it is mailed to the partner');
  return (
    <DecisionModal
      {...props}
      title={`Reject ${d.reference}`}
      submitLabel="Reject registration"
      path="reject"
      intro={
        <Text size="sm">
          The registration of {d.customerName} by {d.partnerName} is rejected, and the partner gets a mail with your
          reason.
        </Text>
      }
      body={() => (reason.check() ? { reason: reason.value.trim() } : null)}
      fields={['reason']}
      done={(next) => `${next.reference} is rejected; ${next.partnerName} is told why`}
      reset={reason.reset}
    >
      {(errors) => (
        <ReasonField
          description="Mailed to the partner as you write it."
          {...reason.props(errors.reason)}
          data-autofocus
        />
      )}
    </DecisionModal>
  );
}

/** "DR-12 of Acme" for each registration that holds the customer now. */
function holdersText(conflicts: DealConflict[]): string {
  return conflicts
    .flatMap((c) => (c.deal && HOLDING.has(c.deal.status) ? [`${c.deal.reference} of ${c.deal.partnerName}`] : []))
    .join(', ');
}

type Side = 'registration' | 'existing';

export function ResolveDialog(props: DecisionProps) {
  const d = props.deal;
  const [side, setSide] = useState<Side | null>(null);
  const [sideMissing, setSideMissing] = useState(false);
  const reason = useRequiredText('', 'Give the reason for the decision');
  const holders = holdersText(d.conflicts);
  const houseAccounts = d.conflicts.flatMap((c) => (c.houseAccount ? [c.houseAccount.name] : []));
  const heldBy = holders || (houseAccounts.length ? `your house account ${houseAccounts.join(', ')}` : null);
  const keeps = holders
    ? ` ${holders} keeps the customer.`
    : houseAccounts.length
      ? ' The customer stays with your own sales team.'
      : '';
  return (
    <DecisionModal
      {...props}
      title={`Resolve the conflict of ${d.reference}`}
      submitLabel="Resolve conflict"
      path="resolve"
      intro={
        <Text size="sm">
          {d.partnerName} registered {d.customerName}
          {heldBy ? `, which ${heldBy} already held` : ' after an earlier registration that no longer holds it'}. Decide
          who keeps the customer. The partners are told by mail; neither is told who the other is.
        </Text>
      }
      body={() => {
        if (!side) setSideMissing(true);
        const ok = reason.check();
        return side && ok ? { inFavourOf: side, reason: reason.value.trim() } : null;
      }}
      fields={['inFavourOf', 'reason']}
      done={(next) =>
        next.status === 'rejected'
          ? `Conflict resolved: ${next.reference} is rejected`
          : `Conflict resolved: ${outcome(next)}`
      }
      reset={() => {
        setSide(null);
        setSideMissing(false);
        reason.reset();
      }}
    >
      {(errors) => (
        <>
          <Radio.Group
            label="Who keeps the customer"
            required
            value={side}
            onChange={(v) => {
              setSide(v as Side);
              setSideMissing(false);
            }}
            error={sideMissing ? 'Choose who keeps the customer' : errors.inFavourOf}
          >
            <Stack gap="sm" mt="xs">
              <Radio
                value="registration"
                label="Give it to this registration"
                description={
                  <>
                    {d.reference} of {d.partnerName} is approved and protected.{' '}
                    {holders
                      ? `${holders} is rejected; its partner is told the customer went to another registration, not to whom.`
                      : ''}
                    {houseAccounts.length > 0
                      ? ` The house account ${houseAccounts.join(', ')} stays on your list as it is.`
                      : ''}
                  </>
                }
                data-autofocus
              />
              <Radio
                value="existing"
                label="Keep the existing one"
                description={`${d.reference} is rejected and ${d.partnerName} is mailed your reason.${keeps}`}
              />
            </Stack>
          </Radio.Group>
          <ReasonField
            description="Kept with the decision, and mailed to the partner whose registration this rejects."
            {...reason.props(errors.reason)}
          />
        </>
      )}
    </DecisionModal>
  );
}

export function ExtensionDialog(props: DecisionProps & { grant: boolean }) {
  const { deal: d, grant } = props;
  const reason = useRequiredText('', 'Give the reason; it is mailed to the partner');
  const until = d.protectedUntil
    ? new Date(Date.parse(d.protectedUntil) + d.extension.days * DAY_MS).toISOString()
    : null;
  return (
    <DecisionModal
      {...props}
      title={`${grant ? 'Grant' : 'Refuse'} the extension of ${d.reference}`}
      submitLabel={grant ? 'Grant extension' : 'Refuse extension'}
      path="extension/decision"
      intro={
        <Stack gap={4}>
          <Text size="sm">
            {d.partnerName} asks for more time: “{d.extension.reason ?? ''}”. Protection ends{' '}
            <DateTime value={d.protectedUntil} />.
          </Text>
          <Text size="sm">
            {grant ? (
              <>
                Granting adds {d.extension.days} days: it is then protected until <DateTime value={until} />.
              </>
            ) : (
              'Protection keeps its end date.'
            )}{' '}
            The partner is told by mail; it can ask only once.
          </Text>
        </Stack>
      }
      body={() =>
        grant ? { grant, reason: reason.value.trim() } : reason.check() ? { grant, reason: reason.value.trim() } : null
      }
      fields={['reason', 'grant']}
      done={(next) => (grant ? `Extension granted: ${outcome(next)}` : `Extension of ${next.reference} refused`)}
      reset={reason.reset}
    >
      {(errors) =>
        grant ? (
          <NoteField description="Optional; kept in the history." {...reason.props(errors.reason)} data-autofocus />
        ) : (
          <ReasonField
            description="Mailed to the partner as you write it."
            {...reason.props(errors.reason)}
            data-autofocus
          />
        )
      }
    </DecisionModal>
  );
}
