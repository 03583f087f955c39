import { Checkbox, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api, fieldErrors } from '../../api/client';
import type { Criterion, Program, Tier } from '../../api/programs';
import { FormErrorAlert } from '../../components/ErrorAlert';
import { DescriptionField } from '../../components/fields';
import { ModalFormActions } from '../../components/FormActions';
import { useRequiredText } from '../../components/useRequiredText';
import { CriteriaEditor, criteriaFromRows, rowsFromCriteria, type CriterionRow } from './CriteriaEditor';
import { errorsByPath } from './errors';

interface TierInput {
  key?: string;
  name: string;
  description: string;
  invitationOnly: boolean;
  criteria: Criterion[];
}

interface TierModalProps {
  program: Program;
  /** The tier to edit; null to add one on top of the ladder. */
  tier: Tier | null;
  opened: boolean;
  onClose: () => void;
  onSaved: (tier: Tier) => void;
}

/** Add or edit a tier: its name, key, description, invitation-only flag and requirements. */
export function TierModal({ program, tier, opened, onClose, onSaved }: TierModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={tier ? `Edit ${tier.name}` : 'Add tier'}>
      {opened && <TierForm key={tier?.id ?? 'new'} program={program} tier={tier} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function TierForm({ program, tier, onClose, onSaved }: Omit<TierModalProps, 'opened'>) {
  const name = useRequiredText(tier?.name ?? '', 'Enter a name');
  const [key, setKey] = useState(tier?.key ?? '');
  const [description, setDescription] = useState(tier?.description ?? '');
  const [invitationOnly, setInvitationOnly] = useState(tier?.invitationOnly ?? false);
  const [rows, setRows] = useState<CriterionRow[]>(() => rowsFromCriteria(tier?.criteria ?? [], program.currency));
  const [clientErrors, setClientErrors] = useState<{ value?: string; qualifier?: string }[]>([]);

  const base = `/programs/${encodeURIComponent(program.id)}/tiers`;
  const save = useMutation({
    mutationFn: (input: TierInput) =>
      tier ? api.patch<Tier>(`${base}/${encodeURIComponent(tier.id)}`, input) : api.post<Tier>(base, input),
    onSuccess: (saved) => {
      notifications.show({
        color: 'green',
        message: tier ? `Tier “${saved.name}” saved` : `Tier “${saved.name}” added`,
      });
      onSaved(saved);
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const byPath = errorsByPath(save.error);
  const criteriaError = byPath.criteria;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = criteriaFromRows(rows, program.currency);
    const named = name.check();
    if (!parsed.ok) setClientErrors(parsed.errors);
    if (!parsed.ok || !named) return;
    setClientErrors([]);
    const trimmedKey = key.trim();
    save.mutate({
      ...(trimmedKey ? { key: trimmedKey } : {}),
      name: name.value.trim(),
      description: description.trim(),
      invitationOnly,
      criteria: parsed.criteria,
    });
  };

  const hasClientErrors = clientErrors.some((e) => e?.value || e?.qualifier);

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={save.error} fields={['key', 'name', 'description', 'invitationOnly', 'criteria']} />
        <TextInput label="Name" required {...name.props(errors.name)} data-autofocus />
        <TextInput
          label="Key"
          description={
            tier ? 'Lowercase letters, digits and dashes.' : 'Optional: derived from the name when left empty.'
          }
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          error={errors.key}
          autoComplete="off"
          spellCheck={false}
        />
        <DescriptionField minRows={2} value={description} onChange={setDescription} error={errors.description} />
        <Checkbox
          label="Invitation only"
          description="Partners reach this tier only when the vendor places them there, never by meeting its requirements."
          checked={invitationOnly}
          onChange={(e) => setInvitationOnly(e.currentTarget.checked)}
          error={errors.invitationOnly}
        />
        <Stack gap="xs" component="section" aria-labelledby="tier-requirements-heading">
          <Title order={3} size="h5" id="tier-requirements-heading">
            Requirements
          </Title>
          <Text size="sm">
            A partner qualifies when all of them hold. Money is in {program.currency}, in major units (e.g. 10,000.00).
          </Text>
          <CriteriaEditor
            rows={rows}
            onChange={(next) => {
              // a row that changed loses its error; the others keep theirs
              if (hasClientErrors) setClientErrors((errs) => errs.map((e, i) => (next[i] === rows[i] ? e : {})));
              setRows(next);
            }}
            onReshape={() => {
              // errors given by position would land on the wrong rows
              setClientErrors([]);
              if (save.error instanceof ApiError) save.reset();
            }}
            currency={program.currency}
            clientErrors={clientErrors}
            serverErrors={byPath}
          />
          {criteriaError && (
            <Text size="sm" c="red.9" role="alert">
              {criteriaError}
            </Text>
          )}
          {hasClientErrors && (
            <Text size="sm" c="red.9" role="alert">
              Some requirements need a valid value.
            </Text>
          )}
        </Stack>
        <ModalFormActions pending={save.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
