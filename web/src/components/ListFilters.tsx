import { Group, NativeSelect, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';

/** The typed search text and the trimmed text to query with, once typing pauses. */
export function useSearchText() {
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 250);
  return { text, setText, search };
}

interface ListFiltersProps {
  text: string;
  onText: (text: string) => void;
  /** What the search looks in. */
  placeholder: string;
  /** The Show archived switch, when the list has one. */
  archived?: { checked: boolean; onChange: (checked: boolean) => void };
  /** Further filters, between the search and the switch. */
  children?: ReactNode;
}

/** The filter row above a list: search, any selects, Show archived. */
export function ListFilters({ text, onText, placeholder, archived, children }: ListFiltersProps) {
  return (
    <Group align="flex-end" gap="md">
      <TextInput
        label="Search"
        type="search"
        placeholder={placeholder}
        value={text}
        onChange={(e) => onText(e.currentTarget.value)}
        w={280}
      />
      {children}
      {archived && (
        <Switch
          label="Show archived"
          checked={archived.checked}
          onChange={(e) => archived.onChange(e.currentTarget.checked)}
          mb={8}
        />
      )}
    </Group>
  );
}

interface FilterSelectProps {
  label: string;
  /** The label of the empty choice that leaves the filter off, e.g. “All statuses”. */
  allLabel: string;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  w: number;
}

/** A list filter: one of the options, or all. */
export function FilterSelect({ label, allLabel, options, value, onChange, w }: FilterSelectProps) {
  return (
    <NativeSelect
      label={label}
      data={[{ value: '', label: allLabel }, ...options]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={w}
    />
  );
}
