import { MultiSelect, NativeSelect, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import type { Program, ProgramType } from '../../api/programs';
import { FormErrorAlert } from '../../components/ErrorAlert';
import { DescriptionField, TagsField } from '../../components/fields';
import { FormActions } from '../../components/FormActions';
import { useRequiredText } from '../../components/useRequiredText';
import { programTypeOptions } from './labels';
import { useAllProducts } from './useProducts';

export interface ProgramInput {
  key?: string;
  name: string;
  programType: ProgramType;
  currency: string;
  description: string;
  tags: string[];
  revenueSeasoningDays: number;
  demotionGraceDays: number;
  productIds: string[];
}

const FIELDS = [
  'key',
  'name',
  'programType',
  'currency',
  'description',
  'tags',
  'revenueSeasoningDays',
  'demotionGraceDays',
  'productIds',
];

function currencyOptions(): { value: string; label: string }[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'currency' });
  } catch {
    names = null;
  }
  return Intl.supportedValuesOf('currency').map((code) => {
    const name = names?.of(code);
    return { value: code, label: name && name !== code ? `${code} — ${name}` : code };
  });
}

const toWhole = (v: number | string): number => (typeof v === 'number' ? v : Number(v === '' ? NaN : v));

interface ProgramFormProps {
  initial?: Program;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ProgramInput) => void;
  onCancel?: () => void;
}

export function ProgramForm({ initial, submitLabel, pending, error, onSubmit, onCancel }: ProgramFormProps) {
  const name = useRequiredText(initial?.name ?? '', 'Enter a name');
  const [key, setKey] = useState(initial?.key ?? '');
  const [programType, setProgramType] = useState<ProgramType>(initial?.programType ?? 'reseller');
  const [currency, setCurrency] = useState<string | null>(initial?.currency ?? 'USD');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [tags, setTags] = useState<string[]>(initial?.tags ?? []);
  const [productIds, setProductIds] = useState<string[]>(initial?.productIds ?? []);
  const [seasoning, setSeasoning] = useState<number | string>(initial?.revenueSeasoningDays ?? 0);
  const [grace, setGrace] = useState<number | string>(initial?.demotionGraceDays ?? 90);
  const currencies = useMemo(currencyOptions, []);
  const products = useAllProducts();
  const errors = fieldErrors(error);

  const productOptions = useMemo(() => {
    const list = (products.data ?? []).map((p) => ({
      value: p.id,
      label: p.archivedAt ? `${p.title} (archived)` : p.title,
    }));
    // a linked product the list does not know still shows, by its id
    for (const id of productIds) if (!list.some((o) => o.value === id)) list.push({ value: id, label: id });
    return list;
  }, [products.data, productIds]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.check()) return;
    const trimmedKey = key.trim();
    onSubmit({
      ...(trimmedKey ? { key: trimmedKey } : {}),
      name: name.value.trim(),
      programType,
      currency: currency ?? '',
      description: description.trim(),
      tags,
      revenueSeasoningDays: toWhole(seasoning),
      demotionGraceDays: toWhole(grace),
      productIds,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={720}>
        <FormErrorAlert error={error} fields={FIELDS} />
        <TextInput label="Name" required {...name.props(errors.name)} />
        <TextInput
          label="Key"
          description={
            initial
              ? 'Lowercase letters, digits and dashes; program files and the API refer to the program by it.'
              : 'Optional: derived from the name when left empty. Lowercase letters, digits and dashes.'
          }
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          error={errors.key}
          autoComplete="off"
          spellCheck={false}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label="Type"
            required
            data={programTypeOptions}
            value={programType}
            onChange={(e) => setProgramType(e.currentTarget.value as ProgramType)}
            error={errors.programType}
          />
          <Select
            label="Currency"
            required
            searchable
            data={currencies}
            value={currency}
            onChange={setCurrency}
            allowDeselect={false}
            nothingFoundMessage="No such currency"
            description="Money amounts of the program (tier requirements, MDF) are in this currency."
            error={errors.currency}
          />
        </SimpleGrid>
        <DescriptionField minRows={3} value={description} onChange={setDescription} error={errors.description} />
        <TagsField value={tags} onChange={setTags} error={errors.tags} />
        <MultiSelect
          label="Products"
          description="The products partners sell, build on or integrate with in this program."
          data={productOptions}
          value={productIds}
          onChange={setProductIds}
          searchable
          clearable
          nothingFoundMessage={products.isPending ? 'Loading products…' : 'No products found'}
          error={errors.productIds}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="Revenue seasoning days"
            description="Days before won revenue counts toward tier requirements."
            min={0}
            max={730}
            allowDecimal={false}
            allowNegative={false}
            value={seasoning}
            onChange={setSeasoning}
            error={errors.revenueSeasoningDays}
          />
          <NumberInput
            label="Demotion grace days"
            description="Days a partner keeps its tier after falling below its requirements."
            min={0}
            max={730}
            allowDecimal={false}
            allowNegative={false}
            value={grace}
            onChange={setGrace}
            error={errors.demotionGraceDays}
          />
        </SimpleGrid>
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
