import { Button, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import type { Enrollment, Program } from '../../api/programs';
import type { Page, Partner } from '../../api/types';
import { useCan } from '../../auth/AuthContext';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { ModalFormActions } from '../../components/FormActions';
import { Section } from '../../components/Section';
import { useEnrollmentChanged } from './EnrollmentDialogs';
import { EnrollmentsTable } from './EnrollmentsTable';

export const partnerEnrollmentsKey = (partnerId: string) => ['enrollments', 'partner', partnerId] as const;

function AddToProgramForm({ partner, taken, onDone }: { partner: Partner; taken: Set<string>; onDone: () => void }) {
  const programs = useQuery({
    queryKey: ['programs', 'running'],
    queryFn: () => api.get<Page<Program>>('/programs', { status: 'active', limit: 100 }),
  });
  const [programId, setProgramId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const changed = useEnrollmentChanged();
  const add = useMutation({
    mutationFn: (id: string) =>
      api.post<Enrollment>(`/programs/${encodeURIComponent(id)}/enrollments`, { partnerId: partner.id }),
    onSuccess: (e) => {
      changed();
      notifications.show({ color: 'green', message: `${e.partnerName} added to ${e.programName}` });
      onDone();
    },
  });
  const errors = fieldErrors(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!programId) return setMissing(true);
    add.mutate(programId);
  };
  const options = (programs.data?.items ?? []).map((p) => ({
    value: p.id,
    label: taken.has(p.id) ? `${p.name} (already a member)` : p.name,
    disabled: taken.has(p.id),
  }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={add.error} fields={['programId', 'partnerId']} />
        <Select
          label="Program"
          required
          data={options}
          value={programId}
          onChange={(v) => {
            setProgramId(v);
            setMissing(false);
          }}
          nothingFoundMessage={programs.isPending ? 'Loading…' : 'No running programs'}
          error={missing ? 'Choose a program' : (errors.programId ?? errors.partnerId)}
          data-autofocus
        />
        <Text size="sm">
          {partner.name} is approved at the entry tier, and becomes active once one of its admins accepts the
          program&apos;s current agreement (at once if there is none).
        </Text>
        <ModalFormActions pending={add.isPending} onCancel={onDone} submitLabel="Add to program" />
      </Stack>
    </form>
  );
}

/** A partner's memberships, for the vendor's partner page. */
export function PartnerPrograms({ partner }: { partner: Partner }) {
  const can = useCan();
  const editable = can('enrollment.write');
  const [adding, setAdding] = useState(false);
  const enrollments = useQuery({
    queryKey: partnerEnrollmentsKey(partner.id),
    queryFn: () => api.get<Enrollment[]>('/enrollments', { partnerId: partner.id }),
  });
  return (
    <Section
      id="programs-heading"
      title="Programs"
      actions={editable && <Button onClick={() => setAdding(true)}>Add to a program</Button>}
    >
      {enrollments.isPending ? (
        <CenteredLoader py="sm" label="Loading the partner's programs" />
      ) : enrollments.isError ? (
        <ErrorAlert error={enrollments.error} />
      ) : (
        <EnrollmentsTable
          enrollments={enrollments.data}
          by="program"
          label={`Programs of ${partner.name}`}
          editable={editable}
          empty={`${partner.name} is in no program yet.`}
        />
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={`Add ${partner.name} to a program`}>
        {adding && (
          <AddToProgramForm
            partner={partner}
            taken={new Set((enrollments.data ?? []).map((e) => e.programId))}
            onDone={() => setAdding(false)}
          />
        )}
      </Modal>
    </Section>
  );
}
