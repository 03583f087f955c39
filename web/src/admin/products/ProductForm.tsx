import { NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import type { Product, ProductStatus } from '../../api/types';
import { FormErrorAlert } from '../../components/ErrorAlert';
import { DescriptionField, TagsField } from '../../components/fields';
import { FormActions } from '../../components/FormActions';
import { capitalize } from '../../components/format';
import { statusChoices } from './lifecycle';
import { statusOptions } from './ProductList';

export interface ProductInput {
  title: string;
  description: string;
  status: ProductStatus;
  tags: string[];
}

interface ProductFormProps {
  initial?: Product;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ProductInput) => void;
  onCancel?: () => void;
}

export function ProductForm({ initial, submitLabel, pending, error, onSubmit, onCancel }: ProductFormProps) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [status, setStatus] = useState<ProductStatus>(initial?.status ?? 'launch');
  const [tags, setTags] = useState<string[]>(initial?.tags ?? []);
  const errors = fieldErrors(error);
  const statuses = initial
    ? statusChoices(initial.status).map((s) => ({ value: s, label: capitalize(s) }))
    : statusOptions;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ title: title.trim(), description: description.trim(), status, tags });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={640}>
        <FormErrorAlert error={error} fields={['title', 'description', 'status', 'tags']} />
        <TextInput
          label="Title"
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
        <DescriptionField minRows={3} value={description} onChange={setDescription} error={errors.description} />
        <NativeSelect
          label="Status"
          data={statuses}
          description={initial ? 'A product moves forward through its lifecycle.' : undefined}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as ProductStatus)}
          error={errors.status}
        />
        <TagsField value={tags} onChange={setTags} error={errors.tags} />
        <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
