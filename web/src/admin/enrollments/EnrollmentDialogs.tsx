import { NativeSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import type { Enrollment, EnrollmentStatus, Tier } from '../../api/programs';
import { FormErrorAlert } from '../../components/ErrorAlert';
import { ReasonField } from '../../components/fields';
import { ModalFormActions } from '../../components/FormActions';
import { useCamOptions } from '../../components/partnerProfile';
import { useRequiredText } from '../../components/useRequiredText';
import { useTiers } from '../programs/TiersTab';

/** What a vendor may do to an enrollment in each status (the server checks again). */
export const VENDOR_MOVES: Record<EnrollmentStatus, { to: EnrollmentStatus; label: string; reason: boolean }[]> = {
  draft: [{ to: 'submitted', label: 'Submit for review', reason: false }],
  submitted: [
    { to: 'approved', label: 'Approve', reason: false },
    { to: 'rejected', label: 'Reject', reason: true },
  ],
  approved: [{ to: 'terminated', label: 'Terminate', reason: true }],
  active: [
    { to: 'suspended', label: 'Suspend', reason: true },
    { to: 'terminated', label: 'Terminate', reason: true },
  ],
  suspended: [
    { to: 'active', label: 'Reinstate', reason: false },
    { to: 'terminated', label: 'Terminate', reason: true },
  ],
  rejected: [],
  terminated: [],
};

/** Everything that shows an enrollment is refreshed after a change. */
export function useEnrollmentChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['programs'] });
    void queryClient.invalidateQueries({ queryKey: ['enrollments'] });
    void queryClient.invalidateQueries({ queryKey: ['onboardings'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

const NEXT_WORDS: Partial<Record<EnrollmentStatus, (e: Enrollment) => string>> = {
  approved: (e) => `${e.partnerName} is approved for ${e.programName}`,
  active: (e) => `${e.partnerName} is active in ${e.programName}`,
  rejected: (e) => `${e.partnerName} was turned down`,
  suspended: (e) => `${e.partnerName} is suspended`,
  terminated: (e) => `${e.partnerName} left ${e.programName}`,
  submitted: (e) => `${e.partnerName}'s request is submitted`,
};

export function MoveForm({
  enrollment,
  move,
  onDone,
}: {
  enrollment: Enrollment;
  move: { to: EnrollmentStatus; label: string; reason: boolean };
  onDone: () => void;
}) {
  const required = useRequiredText('', 'Give a reason');
  const [optional, setOptional] = useState('');
  const changed = useEnrollmentChanged();
  const save = useMutation({
    mutationFn: (input: { status: EnrollmentStatus; reason: string }) =>
      api.post<Enrollment>(`/enrollments/${encodeURIComponent(enrollment.id)}/status`, input),
    onSuccess: (e) => {
      changed();
      notifications.show({ color: 'green', message: NEXT_WORDS[e.status]?.(e) ?? `Now ${e.status}` });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (move.reason && !required.check()) return;
    save.mutate({ status: move.to, reason: (move.reason ? required.value : optional).trim() });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {move.to === 'approved' && (
          <Text size="sm">
            {enrollment.partnerName} starts at the entry tier unless it holds one. The membership becomes active once a
            partner admin accepts the program&apos;s current agreement (at once if there is none).
          </Text>
        )}
        {move.to === 'rejected' && <Text size="sm">The reason is mailed to the partner&apos;s admins.</Text>}
        <FormErrorAlert error={save.error} fields={['reason', 'status']} />
        {move.reason ? (
          <ReasonField
            description="Kept in the enrollment's history."
            {...required.props(errors.reason)}
            data-autofocus
          />
        ) : (
          <Textarea
            label="Note (optional)"
            autosize
            minRows={2}
            value={optional}
            onChange={(e) => setOptional(e.currentTarget.value)}
            error={errors.reason}
            data-autofocus
          />
        )}
        <ModalFormActions pending={save.isPending} onCancel={onDone} submitLabel={move.label} />
      </Stack>
    </form>
  );
}

const NO_TIER = '';

export function tierOptions(tiers: Tier[] | undefined) {
  return [
    { value: NO_TIER, label: 'No tier' },
    ...[...(tiers ?? [])].sort((a, b) => a.rank - b.rank).map((t) => ({ value: t.id, label: t.name })),
  ];
}

export function ChangeTierForm({ enrollment, onDone }: { enrollment: Enrollment; onDone: () => void }) {
  const tiers = useTiers(enrollment.programId);
  const [tierId, setTierId] = useState(enrollment.tierId ?? NO_TIER);
  const reason = useRequiredText('', 'Give a reason for the change');
  const changed = useEnrollmentChanged();
  const change = useMutation({
    mutationFn: (input: { tierId: string | null; reason: string }) =>
      api.post<Enrollment>(`/enrollments/${encodeURIComponent(enrollment.id)}/tier`, input),
    onSuccess: (e) => {
      changed();
      notifications.show({
        color: 'green',
        message: e.tierName ? `${e.partnerName} is now at ${e.tierName}` : `${e.partnerName} holds no tier now`,
      });
      onDone();
    },
  });
  const errors = fieldErrors(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.check()) return;
    change.mutate({ tierId: tierId || null, reason: reason.value.trim() });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {enrollment.partnerName} is at {enrollment.tierName ?? 'no tier'} now.
        </Text>
        <FormErrorAlert error={change.error} fields={['tierId', 'reason']} />
        <NativeSelect
          label="Tier"
          data={tierOptions(tiers.data)}
          value={tierId}
          onChange={(e) => setTierId(e.currentTarget.value)}
          error={errors.tierId}
          data-autofocus
        />
        <ReasonField description="Kept in the partner's tier history." {...reason.props(errors.reason)} />
        <ModalFormActions pending={change.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** The vendor's terms of a membership: who looks after it, when it started and when it renews. */
export function TermsForm({ enrollment, onDone }: { enrollment: Enrollment; onDone: () => void }) {
  const cams = useCamOptions(true);
  const [camUserId, setCam] = useState<string | null>(enrollment.camUserId);
  const [startDate, setStart] = useState(enrollment.startDate ?? '');
  const [renewalDate, setRenewal] = useState(enrollment.renewalDate ?? '');
  const changed = useEnrollmentChanged();
  const save = useMutation({
    mutationFn: () =>
      api.patch<Enrollment>(`/enrollments/${encodeURIComponent(enrollment.id)}`, {
        camUserId,
        startDate: startDate || null,
        renewalDate: renewalDate || null,
      }),
    onSuccess: (e) => {
      changed();
      notifications.show({ color: 'green', message: `Saved the terms of ${e.partnerName} in ${e.programName}` });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <Stack>
        <FormErrorAlert error={save.error} fields={['camUserId', 'startDate', 'renewalDate']} />
        <Select
          label="Channel account manager"
          description="Defaults to the partner's channel account manager."
          data={cams.options}
          value={camUserId}
          onChange={setCam}
          clearable
          searchable
          error={errors.camUserId}
          data-autofocus
        />
        <TextInput
          type="date"
          label="Start date"
          value={startDate}
          onChange={(e) => setStart(e.currentTarget.value)}
          error={errors.startDate}
        />
        <TextInput
          type="date"
          label="Renewal date"
          value={renewalDate}
          onChange={(e) => setRenewal(e.currentTarget.value)}
          error={errors.renewalDate}
        />
        <ModalFormActions pending={save.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
