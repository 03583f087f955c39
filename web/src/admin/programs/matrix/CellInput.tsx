import { ActionIcon, Checkbox, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import type { ValueType } from '../../../api/programs';
import { currencySymbol, minorDigits } from '../money';
import type { Draft } from './cells';

interface CellInputProps {
  type: ValueType;
  /** The accessible name: "<Benefit> for <Tier>". */
  label: string;
  draft: Draft;
  currency: string;
  error?: string;
  disabled?: boolean;
  onChange: (draft: Draft) => void;
}

function ClearButton({ label, disabled, onClear }: { label: string; disabled?: boolean; onClear: () => void }) {
  return (
    <ActionIcon
      variant="subtle"
      color="gray"
      c="gray.9"
      size="sm"
      aria-label={`Clear ${label}`}
      title="Not awarded"
      disabled={disabled}
      onClick={onClear}
    >
      <span aria-hidden="true">×</span>
    </ActionIcon>
  );
}

/** One matrix cell as an input suited to the benefit's value type, with a way back to "not awarded". */
export function CellInput({ type, label, draft, currency, error, disabled, onChange }: CellInputProps) {
  const empty = draft === null || draft === '';
  const clear = empty ? null : <ClearButton label={label} disabled={disabled} onClear={() => onChange(null)} />;

  if (type === 'boolean') {
    return (
      <Stack gap={2}>
        <Group gap={6} wrap="nowrap">
          <Checkbox
            aria-label={label}
            checked={draft === true}
            indeterminate={draft === null}
            disabled={disabled}
            onChange={(e) => onChange(e.currentTarget.checked)}
          />
          <Text size="xs" c="gray.8" aria-hidden="true" style={{ whiteSpace: 'nowrap' }}>
            {draft === null ? 'Not awarded' : draft ? 'Yes' : 'No'}
          </Text>
          {clear}
        </Group>
        {error && (
          <Text size="xs" c="red.9" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    );
  }

  const common = {
    'aria-label': label,
    size: 'xs' as const,
    error,
    disabled,
    placeholder: '—',
    rightSection: clear,
    rightSectionPointerEvents: 'all' as const,
    miw: 120,
  };
  const text = draft === null ? '' : String(draft);

  switch (type) {
    case 'text':
      return <TextInput {...common} miw={160} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'money': {
      const digits = minorDigits(currency);
      const symbol = currencySymbol(currency);
      return (
        <NumberInput
          {...common}
          miw={140}
          value={text}
          valueIsNumericString
          onValueChange={(v) => onChange(v.value)}
          prefix={symbol.length > 1 ? `${symbol} ` : symbol}
          thousandSeparator=","
          decimalScale={digits}
          allowDecimal={digits > 0}
          allowNegative={false}
          clampBehavior="none"
          hideControls
        />
      );
    }
    case 'percent':
      return (
        <NumberInput
          {...common}
          value={text}
          valueIsNumericString
          onValueChange={(v) => onChange(v.value)}
          suffix="%"
          decimalScale={2}
          allowNegative={false}
          clampBehavior="none"
          hideControls
        />
      );
    case 'quantity':
    case 'days':
      return (
        <NumberInput
          {...common}
          value={text}
          valueIsNumericString
          onValueChange={(v) => onChange(v.value)}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          hideControls
        />
      );
  }
}
