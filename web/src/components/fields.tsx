import { TagsInput, Textarea, type TextareaProps } from '@mantine/core';

interface FieldProps<V> {
  value: V;
  onChange: (value: V) => void;
  error?: string;
}

/** The Tags input of a form. */
export function TagsField({ value, onChange, error }: FieldProps<string[]>) {
  return (
    <TagsInput
      label="Tags"
      description="Press Enter after each tag."
      value={value}
      onChange={onChange}
      error={error}
      clearable
    />
  );
}

/** The Description input of a form: free text that grows as it is written. */
export function DescriptionField({ value, onChange, error, minRows }: FieldProps<string> & { minRows: number }) {
  return (
    <Textarea
      label="Description"
      autosize
      minRows={minRows}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

/** The required Reason of a change; `description` says which history keeps it. */
export function ReasonField(props: Omit<TextareaProps, 'label' | 'required' | 'autosize' | 'minRows'>) {
  return <Textarea label="Reason" required autosize minRows={2} {...props} />;
}

/** An optional Note kept with a decision; `description` says where it goes. */
export function NoteField(props: Omit<TextareaProps, 'label' | 'autosize' | 'minRows'>) {
  return <Textarea label="Note" autosize minRows={2} {...props} />;
}
