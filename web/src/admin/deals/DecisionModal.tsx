import { Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent, ReactNode } from 'react';
import { api, fieldErrors } from '../../api/client';
import type { DealDetail } from '../../api/deals';
import { FormErrorAlert } from '../../components/ErrorAlert';
import { ModalFormActions } from '../../components/FormActions';
import { useDialogMutation } from '../../components/useDialogMutation';
import { useDealChanged } from './cache';

export interface DecisionProps {
  deal: DealDetail;
  opened: boolean;
  onClose: () => void;
}

interface DecisionModalProps extends DecisionProps {
  title: string;
  submitLabel: string;
  /** What the decision does, said plainly. */
  intro: ReactNode;
  /** Under /deals/:id/, e.g. `approve`. */
  path: string;
  /** The body to send, or null when a check in the form failed (and marked its field). */
  body: () => object | null;
  /** The inputs the form shows, for the error summary. */
  fields: string[];
  /** The toast after it is done, from the registration as the server answered. */
  done: (deal: DealDetail) => string;
  /** Forget what was typed, when the dialog closes. */
  reset: () => void;
  children: (errors: Record<string, string>) => ReactNode;
}

/** A dialog that sends one decision on a registration and shows the registration as it is after it. */
export function DecisionModal(props: DecisionModalProps) {
  const { deal, opened, title, submitLabel, intro, path, body, fields, done, reset, children } = props;
  const changed = useDealChanged();
  const { mutation, close } = useDialogMutation({
    mutationFn: (input: object) => api.post<DealDetail>(`/deals/${encodeURIComponent(deal.id)}/${path}`, input),
    onSuccess: (next) => {
      changed(next);
      notifications.show({ color: 'green', message: done(next) });
    },
    onClose: () => {
      reset();
      props.onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = body();
    if (input) mutation.mutate(input);
  };
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {intro}
          <FormErrorAlert error={mutation.error} fields={fields} />
          {children(fieldErrors(mutation.error))}
          <ModalFormActions submitLabel={submitLabel} pending={mutation.isPending} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}
