import { Anchor, Checkbox, Group, List, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, fieldErrors } from '../../api/client';
import type { DealSettings } from '../../api/deals';
import type { Matrix, Program } from '../../api/programs';
import { useCan } from '../../auth/AuthContext';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, FormErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { Section } from '../../components/Section';
import { matrixKey } from '../programs/matrix/BenefitMatrix';
import { formatMajor, parseMajor } from '../programs/money';
import { dealKeys } from './cache';
import { attributionOptions } from './labels';

const PROTECTION_BENEFIT = 'deal_protection_days';

type DayField = 'approvalSlaDays' | 'protectionDays' | 'extensionDays';
const DAY_FIELDS: Record<DayField, { label: string; description: string; min: number; max: number }> = {
  approvalSlaDays: {
    label: 'Approval SLA (business days)',
    description:
      'A channel manager decides within this many working days (Monday to Friday) of submission; later, the registration shows as overdue.',
    min: 1,
    max: 30,
  },
  protectionDays: {
    label: 'Default protection days',
    description: 'For tiers without their own; 0 approves without protection.',
    min: 0,
    max: 365,
  },
  extensionDays: {
    label: 'Extension days',
    description: 'A partner may ask once to extend protection by this many days; 0 allows no extension.',
    min: 0,
    max: 365,
  },
};
const DAY_KEYS = Object.keys(DAY_FIELDS) as DayField[];
const whole = (v: number | string) => (typeof v === 'number' ? v : Number.parseInt(v, 10));

/** Each tier's own deal protection days from the benefit matrix, or null where the program's default applies. */
function TierProtection({ program, fallback }: { program: Program; fallback: number }) {
  const matrix = useQuery({
    queryKey: matrixKey(program.id),
    queryFn: () => api.get<Matrix>(`/programs/${encodeURIComponent(program.id)}/matrix`),
  });
  if (matrix.isPending) return <CenteredLoader py="xs" label="Loading the tiers’ protection" />;
  if (matrix.isError) return <ErrorAlert error={matrix.error} />;
  const m = matrix.data;
  const benefit = m.benefits.find((b) => b.key === PROTECTION_BENEFIT);
  const tiers = [...m.tiers].sort((a, b) => a.rank - b.rank);
  if (tiers.length === 0) return <Text size="sm">The program has no tiers: every registration gets the default.</Text>;
  return (
    <List size="sm" aria-label="Protection by tier">
      {tiers.map((t) => {
        const value = benefit && m.values.find((v) => v.tierId === t.id && v.benefitId === benefit.id)?.value;
        return (
          <List.Item key={t.id}>
            {t.name}: {typeof value === 'number' ? `${value} days (its own)` : `${fallback} days (the default below)`}
          </List.Item>
        );
      })}
    </List>
  );
}

function SettingsForm({
  settings,
  program,
  editable,
}: {
  settings: DealSettings;
  program: Program;
  editable: boolean;
}) {
  const currency = settings.currency;
  const [dayValues, setDayValues] = useState<Record<DayField, number | string>>({
    approvalSlaDays: settings.approvalSlaDays,
    protectionDays: settings.protectionDays,
    extensionDays: settings.extensionDays,
  });
  const [autoApprove, setAutoApprove] = useState(settings.autoApprove);
  const [below, setBelow] = useState(
    settings.autoApproveBelow === null ? '' : formatMajor(settings.autoApproveBelow, currency),
  );
  const [belowError, setBelowError] = useState<string | null>(null);
  const [attributions, setAttributions] = useState<string[]>(settings.autoApproveAttributions);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: object) =>
      api.put<DealSettings>(`/programs/${encodeURIComponent(program.id)}/deal-settings`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(dealKeys.settings(program.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
      notifications.show({ color: 'green', message: 'Deal registration settings saved' });
    },
  });
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let autoApproveBelow: number | null = null;
    if (below.trim()) {
      const parsed = parseMajor(below, currency);
      if (!parsed.ok) return setBelowError(parsed.message);
      autoApproveBelow = parsed.minor;
    }
    save.mutate({
      ...Object.fromEntries(DAY_KEYS.map((k) => [k, whole(dayValues[k])])),
      autoApprove,
      autoApproveBelow,
      autoApproveAttributions: attributions,
    });
  };

  const dayInput = (field: DayField) => (
    <NumberInput
      {...DAY_FIELDS[field]}
      value={dayValues[field]}
      onChange={(v) => setDayValues((d) => ({ ...d, [field]: v }))}
      error={errors[field]}
      allowDecimal={false}
      allowNegative={false}
      readOnly={!editable}
      w={220}
    />
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <FormErrorAlert
          error={save.error}
          fields={[...DAY_KEYS, 'autoApprove', 'autoApproveBelow', 'autoApproveAttributions']}
        />
        {dayInput('approvalSlaDays')}
        <Section id="protection-days-heading" title="Protection">
          <Stack gap="sm">
            <Text size="sm">
              An approved registration is protected for its tier’s <strong>Deal protection</strong> days, set in the{' '}
              <Anchor component={Link} to="?tab=benefits" size="sm">
                benefit matrix
              </Anchor>
              . A tier without a value there gets the default below.
            </Text>
            <TierProtection program={program} fallback={whole(dayValues.protectionDays) || 0} />
            {dayInput('protectionDays')}
            {dayInput('extensionDays')}
          </Stack>
        </Section>
        <Section id="auto-approval-heading" title="Auto-approval">
          <Stack gap="sm">
            <Switch
              label="Approve registrations without review"
              description="Only registrations without a conflict: a conflict always waits for a channel manager."
              checked={autoApprove}
              onChange={(e) => setAutoApprove(e.currentTarget.checked)}
              disabled={!editable}
              error={errors.autoApprove}
            />
            <Group align="flex-start" gap="lg">
              <TextInput
                label="Below amount"
                description={`In ${currency}; empty approves any amount.`}
                inputMode="decimal"
                value={below}
                onChange={(e) => {
                  setBelow(e.currentTarget.value);
                  setBelowError(null);
                }}
                error={belowError ?? errors.autoApproveBelow}
                readOnly={!editable}
                disabled={!autoApprove}
                w={240}
              />
              <Checkbox.Group
                label="Attributions"
                description="Which registrations qualify."
                value={attributions}
                onChange={setAttributions}
                error={errors.autoApproveAttributions}
              >
                <Stack gap={6} mt={6}>
                  {attributionOptions.map((o) => (
                    <Checkbox key={o.value} value={o.value} label={o.label} disabled={!editable || !autoApprove} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </Group>
          </Stack>
        </Section>
        {editable && <FormActions submitLabel="Save deal settings" pending={save.isPending} />}
      </Stack>
    </form>
  );
}

/** A program's deal registration rules: approval SLA, protection, extensions, auto-approval. */
export function DealSettingsTab({ program }: { program: Program }) {
  const can = useCan();
  const settings = useQuery({
    queryKey: dealKeys.settings(program.id),
    queryFn: () => api.get<DealSettings>(`/programs/${encodeURIComponent(program.id)}/deal-settings`),
  });
  if (settings.isPending) return <CenteredLoader label="Loading the deal registration settings" />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  const editable = can('deal.configure') && !program.archivedAt;
  return (
    <Stack gap="md">
      <Text size="sm">
        How partners’ deal registrations in {program.name} are reviewed and protected.
        {settings.data.updatedAt ? '' : ' The program runs on the defaults until you save.'}
      </Text>
      <SettingsForm
        key={settings.data.updatedAt ?? 'defaults'}
        settings={settings.data}
        program={program}
        editable={editable}
      />
    </Stack>
  );
}
