import {
  Alert,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrors } from '../../api/client';
import type { Attribution, DealDetail, DealInput } from '../../api/deals';
import { formatMajor, parseMajor } from '../../admin/programs/money';
import { FormErrorAlert } from '../../components/ErrorAlert';
import { countryOptions } from '../../components/partnerProfile';
import { FIELD_LABELS, today } from './format';
import { type DealProgram, useProductOptions } from './queries';
import { useConflictCheck } from './useConflictCheck';

/** What the buttons of the form do: keep a draft, submit for review, or save a submitted registration. */
export type SaveKind = 'draft' | 'submit' | 'save';

/** The form's values: as the API takes them, but the amount, domain and date as typed. */
type Values = Omit<DealInput, 'amount' | 'customerDomain' | 'expectedCloseDate'> & {
  /** In major units of the program's currency. */
  amount: string;
  customerDomain: string;
  expectedCloseDate: string;
};

type TextKey = Exclude<keyof Values, 'customerCountry' | 'productIds' | 'attribution'>;

const FIELDS = Object.keys(FIELD_LABELS);

function initialValues(deal: DealDetail | undefined, programs: DealProgram[]): Values {
  const open = programs.filter((p) => p.open);
  return {
    programId: deal?.programId ?? (open.length === 1 ? open[0]!.id : ''),
    customerName: deal?.customerName ?? '',
    customerDomain: deal?.customerDomain ?? '',
    customerCountry: deal?.customerCountry ?? null,
    contactName: deal?.contactName ?? '',
    contactEmail: deal?.contactEmail ?? '',
    contactPhone: deal?.contactPhone ?? '',
    contactTitle: deal?.contactTitle ?? '',
    productIds: deal?.products.map((p) => p.id) ?? [],
    amount: deal && deal.amount !== null ? formatMajor(deal.amount, deal.currency) : '',
    expectedCloseDate: deal?.expectedCloseDate ?? '',
    attribution: deal?.attribution ?? 'sourced',
    notes: deal?.notes ?? '',
  };
}

interface DealFormProps {
  /** The registration being edited; none for a new one. */
  deal?: DealDetail;
  programs: DealProgram[];
  /** Which button's save is under way. */
  pending: SaveKind | null;
  error: unknown;
  /** Shown above the fields instead of the error summary, e.g. that a draft was saved but not submitted. */
  notice?: ReactNode;
  onSave: (input: DealInput, kind: SaveKind) => void;
  onCancel: () => void;
}

/**
 * The registration form: the program, who the customer is, the contact there, and the opportunity. While the
 * partner types the customer, a calm warning says when it looks registered already, never by whom. Once a
 * registration is submitted, its program and customer are fixed and only the deal's facts can change.
 */
export function DealForm({ deal, programs, pending, error, notice, onSave, onCancel }: DealFormProps) {
  const [values, setValues] = useState(() => initialValues(deal, programs));
  const [local, setLocal] = useState<Record<string, string>>({});
  const products = useProductOptions(deal?.products);
  const fixed = deal !== undefined && deal.status !== 'draft';
  const program = programs.find((p) => p.id === values.programId);
  const currency = program?.currency ?? deal?.currency ?? 'USD';
  const warning = useConflictCheck({
    name: values.customerName,
    domain: values.customerDomain,
    dealId: deal?.id,
    enabled: !fixed,
  });
  const errors = { ...fieldErrors(error), ...local };

  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) => {
      setValues((v) => ({ ...v, [key]: value }));
      // what the partner changes is no longer what the last check found wrong
      setLocal((l) => Object.fromEntries(Object.entries(l).filter(([k]) => k !== key)));
    };
  const text = (key: TextKey) => ({
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key)(e.currentTarget.value),
    error: errors[key],
  });

  const programOptions = programs
    .filter((p) => p.open || p.id === values.programId)
    .map((p) => ({ value: p.id, label: p.open ? p.name : `${p.name} (not taking registrations)` }));

  const save = (kind: SaveKind) => {
    const problems: Record<string, string> = {};
    if (!values.programId) problems.programId = 'Choose the program you register it in';
    if (!values.customerName.trim()) problems.customerName = 'Enter the customer’s company name';
    const amount = values.amount.trim() ? parseMajor(values.amount, currency) : null;
    if (amount && !amount.ok) problems.amount = amount.message;
    setLocal(problems);
    if (Object.keys(problems).length) return;
    onSave(
      {
        programId: values.programId,
        customerName: values.customerName.trim(),
        customerDomain: values.customerDomain.trim() || null,
        customerCountry: values.customerCountry,
        contactName: values.contactName.trim(),
        contactEmail: values.contactEmail.trim(),
        contactPhone: values.contactPhone.trim(),
        contactTitle: values.contactTitle.trim(),
        productIds: values.productIds,
        amount: amount?.ok ? amount.minor : null,
        expectedCloseDate: values.expectedCloseDate || null,
        attribution: values.attribution,
        notes: values.notes.trim(),
      },
      kind,
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(fixed ? 'save' : 'submit');
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={760} gap="lg">
        {!fixed && (
          <Text size="sm">
            Fields marked * are needed to submit the registration; a draft can be saved without them.
          </Text>
        )}
        {notice ?? <FormErrorAlert error={error} fields={FIELDS} />}
        <NativeSelect
          label="Program"
          description={fixed ? 'A submitted registration stays in its program.' : undefined}
          required
          disabled={fixed}
          data={[{ value: '', label: 'Choose a program' }, ...programOptions]}
          value={values.programId}
          onChange={(e) => set('programId')(e.currentTarget.value)}
          error={errors.programId}
          maw={420}
        />

        <Fieldset legend="Customer">
          <Stack>
            {fixed && (
              <Text size="sm">Who the customer is was checked when you submitted the registration; it stays.</Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Company name" required disabled={fixed} autoComplete="off" {...text('customerName')} />
              <TextInput
                label="Web domain"
                required
                disabled={fixed}
                placeholder="example.com"
                autoComplete="off"
                {...text('customerDomain')}
              />
            </SimpleGrid>
            <div role="status" aria-live="polite">
              {warning && (
                <Alert color="yellow" variant="light" title="This customer may already be covered">
                  <Text size="sm">{warning}</Text>
                  <Text size="sm" mt={4}>
                    You can still submit: your registration is kept and reviewed in order of arrival.
                  </Text>
                </Alert>
              )}
            </div>
            <Select
              label="Country"
              required
              disabled={fixed}
              data={countryOptions}
              searchable
              clearable
              value={values.customerCountry}
              onChange={set('customerCountry')}
              error={errors.customerCountry}
              maw={420}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Contact at the customer">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Contact name" required autoComplete="off" {...text('contactName')} />
            <TextInput label="Contact email" required type="email" autoComplete="off" {...text('contactEmail')} />
            <TextInput label="Contact phone" type="tel" autoComplete="off" {...text('contactPhone')} />
            <TextInput label="Contact title" autoComplete="off" {...text('contactTitle')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Opportunity">
          <Stack>
            <MultiSelect
              label="Products"
              placeholder={values.productIds.length ? undefined : 'Choose the products it is about'}
              data={products.options}
              searchable
              clearable
              value={values.productIds}
              onChange={set('productIds')}
              error={errors.productIds ?? (products.isError ? 'The products could not be loaded' : undefined)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={`Estimated amount (${currency})`}
                description={`In ${currency}, e.g. ${formatMajor(4_800_050, currency)}`}
                required
                inputMode="decimal"
                autoComplete="off"
                {...text('amount')}
              />
              <TextInput
                label="Expected close date"
                description="When you expect the customer to sign."
                required
                type="date"
                min={today()}
                {...text('expectedCloseDate')}
              />
            </SimpleGrid>
            <Radio.Group
              label="Your part in it"
              value={values.attribution}
              onChange={(v) => set('attribution')(v as Attribution)}
              error={errors.attribution}
            >
              <Stack gap="xs" mt={6}>
                <Radio value="sourced" label="Sourced: you found the opportunity and bring it in" />
                <Radio value="influenced" label="Influenced: you help win an opportunity already under way" />
              </Stack>
            </Radio.Group>
            <Textarea
              label="Notes for the channel manager"
              description="What the customer needs, who decides, where it stands."
              autosize
              minRows={3}
              {...text('notes')}
            />
          </Stack>
        </Fieldset>

        <Group>
          {fixed ? (
            <Button type="submit" loading={pending === 'save'}>
              Save changes
            </Button>
          ) : (
            <>
              <Button type="submit" loading={pending === 'submit'} disabled={pending !== null && pending !== 'submit'}>
                Submit registration
              </Button>
              <Button
                variant="default"
                onClick={() => save('draft')}
                loading={pending === 'draft'}
                disabled={pending !== null && pending !== 'draft'}
              >
                Save draft
              </Button>
            </>
          )}
          <Button variant="subtle" onClick={onCancel} disabled={pending !== null}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
