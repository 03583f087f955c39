import { Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ReasonField } from '../../components/fields';
import { useRequiredText } from '../../components/useRequiredText';
import { formatMajor, parseMajor } from '../programs/money';
import { DecisionModal, type DecisionProps } from './DecisionModal';

const today = () => new Date().toISOString().slice(0, 10);

/** Close an approved registration: won (final amount and date) or lost (why). */
export function CloseDialog(props: DecisionProps) {
  const d = props.deal;
  const initialAmount = d.amount === null ? '' : formatMajor(d.amount, d.currency);
  const [outcome, setOutcome] = useState<'won' | 'lost'>('won');
  const [amount, setAmount] = useState(initialAmount);
  const [amountError, setAmountError] = useState<string | null>(null);
  const [closeDate, setCloseDate] = useState(today);
  const reason = useRequiredText('', 'Say why the deal was lost');

  const body = () => {
    if (outcome === 'lost')
      return reason.check() ? { outcome, reason: reason.value.trim(), ...(closeDate ? { closeDate } : {}) } : null;
    const parsed = parseMajor(amount, d.currency);
    if (!parsed.ok) {
      setAmountError(parsed.message);
      return null;
    }
    return { outcome, amount: parsed.minor, closeDate };
  };

  return (
    <DecisionModal
      {...props}
      title={`Close ${d.reference}`}
      submitLabel={outcome === 'won' ? 'Close as won' : 'Close as lost'}
      path="close"
      intro={
        <Text size="sm">
          Closing ends the registration of {d.customerName}: a won deal is what commissions and tier revenue build on.
        </Text>
      }
      body={body}
      fields={['outcome', 'amount', 'closeDate', 'reason']}
      done={(next) => `${next.reference} is closed as ${next.status}`}
      reset={() => {
        setOutcome('won');
        setAmount(initialAmount);
        setAmountError(null);
        setCloseDate(today());
        reason.reset();
      }}
    >
      {(errors) => (
        <>
          <Radio.Group
            label="Outcome"
            required
            value={outcome}
            onChange={(v) => setOutcome(v === 'lost' ? 'lost' : 'won')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="won" label="Won" data-autofocus />
              <Radio value="lost" label="Lost" />
            </Stack>
          </Radio.Group>
          {outcome === 'won' ? (
            <TextInput
              label="Final amount"
              description={`In ${d.currency}, as won (the registration’s estimate to start with).`}
              required
              inputMode="decimal"
              value={amount}
              onChange={(e) => {
                setAmount(e.currentTarget.value);
                setAmountError(null);
              }}
              error={amountError ?? errors.amount}
            />
          ) : (
            <ReasonField description="Kept with the registration." {...reason.props(errors.reason)} />
          )}
          <TextInput
            type="date"
            label="Close date"
            required={outcome === 'won'}
            value={closeDate}
            onChange={(e) => setCloseDate(e.currentTarget.value)}
            error={errors.closeDate}
          />
        </>
      )}
    </DecisionModal>
  );
}
