import {
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Stack,
  TagsInput,
  Text,
} from '@mantine/core';
import { RULE_KINDS, type EligibilityRule, type RuleKind } from '../../api/applications';
import { COMPANY_SIZES } from '../../api/types';
import { countryOptions, regionOptions, typeOptions } from '../../components/partnerProfile';
import { AddRowButton, RemoveRowButton, rowEditing } from '../../components/RowButtons';
import { RULE_KIND_LABELS } from './labels';

/** A rule as the form holds it. */
export interface RuleRow {
  uid: string;
  kind: RuleKind;
  values: string[];
  companySize: string;
  weight: number | string;
  required: boolean;
}

let nextUid = 0;
const uid = () => `rule-${++nextUid}`;

export const newRule = (): RuleRow => ({
  uid: uid(),
  kind: 'countries',
  values: [],
  companySize: COMPANY_SIZES[1],
  weight: 1,
  required: false,
});

/** The field of the API rule that holds a kind's list. */
const LIST_FIELD = {
  countries: 'countries',
  regions: 'regions',
  partner_types: 'partnerTypes',
  industries: 'industries',
} as const;

export function rowsFromRules(rules: EligibilityRule[]): RuleRow[] {
  return rules.map((r) => ({
    uid: uid(),
    kind: r.kind,
    values: r.kind === 'min_size' ? [] : (r[LIST_FIELD[r.kind]] ?? []),
    companySize: r.companySize ?? COMPANY_SIZES[1],
    weight: r.weight,
    required: r.required,
  }));
}

export function rulesFromRows(rows: RuleRow[]): EligibilityRule[] {
  return rows.map((r) => {
    const common = {
      kind: r.kind,
      weight: typeof r.weight === 'number' ? r.weight : Number(r.weight),
      required: r.required,
    };
    return r.kind === 'min_size'
      ? { ...common, companySize: r.companySize }
      : { ...common, [LIST_FIELD[r.kind]]: r.values };
  });
}

const kindOptions = RULE_KINDS.map((k) => ({ value: k, label: RULE_KIND_LABELS[k] }));
const sizeOptions = COMPANY_SIZES.map((s) => ({ value: s, label: `${s} employees` }));

interface RulesEditorProps {
  rows: RuleRow[];
  onChange: (rows: RuleRow[]) => void;
  /** Rows were added or removed: errors the server gave by position no longer apply. */
  onReshape: () => void;
  /** Errors the server answered, by field path (`rules.1.countries.0`). */
  serverErrors: { field: string; message: string }[];
  disabled: boolean;
}

/** The eligibility rules of an application form: each is met or not, weighted; required ones must be met. */
export function RulesEditor({ rows, onChange, onReshape, serverErrors, disabled }: RulesEditorProps) {
  const update = (i: number, patch: Partial<RuleRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const edit = rowEditing(rows, onChange, onReshape);
  const errorAt = (i: number, ...names: string[]) => {
    const found = serverErrors.find((e) =>
      names.some((n) => e.field === `rules.${i}.${n}` || e.field.startsWith(`rules.${i}.${n}.`)),
    )?.message;
    return found && found.charAt(0).toUpperCase() + found.slice(1);
  };

  return (
    <Stack gap="sm">
      {rows.length === 0 && <Text size="sm">No rules: every application scores 100 and is eligible.</Text>}
      {rows.map((row, i) => {
        const label = `Rule ${i + 1}`;
        const valuesError = errorAt(i, 'countries', 'regions', 'partnerTypes', 'industries');
        const valueProps = {
          value: row.values,
          onChange: (values: string[]) => update(i, { values }),
          error: valuesError,
          disabled,
          w: 360,
          clearable: true,
        };
        return (
          <Fieldset key={row.uid} legend={label} p="sm">
            <Group align="flex-start" gap="sm" wrap="wrap">
              <NativeSelect
                label="Checks"
                data={kindOptions}
                value={row.kind}
                onChange={(e) => update(i, { kind: e.currentTarget.value as RuleKind, values: [] })}
                error={errorAt(i, 'kind')}
                disabled={disabled}
                w={200}
              />
              {row.kind === 'countries' && (
                <MultiSelect label="Countries" data={countryOptions} searchable {...valueProps} />
              )}
              {row.kind === 'regions' && (
                <MultiSelect label="Regions" data={regionOptions} searchable {...valueProps} />
              )}
              {row.kind === 'partner_types' && (
                <MultiSelect label="Partner types" data={typeOptions} searchable {...valueProps} />
              )}
              {row.kind === 'industries' && (
                <TagsInput label="Industries" description="Press Enter after each one." {...valueProps} />
              )}
              {row.kind === 'min_size' && (
                <NativeSelect
                  label="At least"
                  data={sizeOptions}
                  value={row.companySize}
                  onChange={(e) => update(i, { companySize: e.currentTarget.value })}
                  error={errorAt(i, 'companySize')}
                  disabled={disabled}
                  w={200}
                />
              )}
              <NumberInput
                label="Weight"
                min={0}
                max={100}
                allowDecimal={false}
                allowNegative={false}
                value={row.weight}
                onChange={(weight) => update(i, { weight })}
                error={errorAt(i, 'weight')}
                disabled={disabled}
                w={100}
              />
              <Checkbox
                label="Required"
                mt={32}
                checked={row.required}
                onChange={(e) => update(i, { required: e.currentTarget.checked })}
                disabled={disabled}
              />
              {!disabled && <RemoveRowButton label={`Remove rule ${i + 1}`} onClick={() => edit.remove(i)} />}
            </Group>
          </Fieldset>
        );
      })}
      {!disabled && <AddRowButton label="Add rule" onClick={() => edit.add(newRule())} disabled={rows.length >= 20} />}
    </Stack>
  );
}
