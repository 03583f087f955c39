import { Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { METRICS, OPERATORS, type Criterion, type Metric, type Operator } from '../../api/programs';
import { AddRowButton, RemoveRowButton, rowEditing } from '../../components/RowButtons';
import { METRIC_SPECS, OPERATOR_LABELS } from './labels';
import { formatMajor, parseMajor } from './money';

/** A requirement as the form holds it: the value as typed (major units for money). */
export interface CriterionRow {
  uid: string;
  metric: Metric;
  op: Operator;
  value: string;
  qualifier: string;
}

let nextUid = 0;
const uid = () => `criterion-${++nextUid}`;

export function newRow(): CriterionRow {
  return { uid: uid(), metric: 'revenue_12m', op: '>=', value: '', qualifier: '' };
}

export function rowsFromCriteria(criteria: Criterion[], currency: string): CriterionRow[] {
  return criteria.map((c) => {
    const spec = METRIC_SPECS[c.metric];
    return {
      uid: uid(),
      metric: c.metric,
      op: c.op,
      value: spec?.unit === 'money' ? formatMajor(c.value, currency) : String(c.value),
      qualifier: c.certification ?? c.specialization ?? '',
    };
  });
}

type RowErrors = { value?: string; qualifier?: string };

/** The requirements to send, or the problems of each row (by index) when some value does not read. */
export function criteriaFromRows(
  rows: CriterionRow[],
  currency: string,
): { ok: true; criteria: Criterion[] } | { ok: false; errors: RowErrors[] } {
  const errors: RowErrors[] = [];
  const criteria: Criterion[] = [];
  rows.forEach((row, i) => {
    const spec = METRIC_SPECS[row.metric];
    const parsed = parseValue(row.value, spec.unit, currency, spec.min, spec.max);
    if (typeof parsed === 'string') {
      errors[i] = { value: parsed };
      return;
    }
    const c: Criterion = { metric: row.metric, op: row.op, value: parsed };
    const q = row.qualifier.trim();
    if (q && spec.qualifier) c[spec.qualifier] = q;
    criteria.push(c);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, criteria };
}

function parseValue(text: string, unit: string, currency: string, min: number, max: number): number | string {
  if (unit === 'money') {
    const money = parseMajor(text, currency);
    return money.ok ? money.minor : money.message;
  }
  const t = text
    .trim()
    .replace(/[,\s_]/g, '')
    .replace(/^−/, '-');
  if (t === '') return 'Enter a value';
  if (unit === 'percent') {
    if (!/^\d+(\.\d{1,2})?$/.test(t)) return 'Enter a percentage with at most two decimals';
  } else if (!/^-?\d+$/.test(t)) {
    return 'Enter a whole number';
  }
  const n = Number(t);
  if (n < min || n > max) return `Must be between ${min} and ${max}`;
  return n;
}

function valueLabel(unit: string, currency: string): string {
  if (unit === 'money') return `Value (${currency})`;
  if (unit === 'percent') return 'Value (%)';
  return 'Value';
}

function valuePlaceholder(unit: string, currency: string): string {
  if (unit === 'money') return formatMajor(0, currency).replace(/^0/, '10,000');
  if (unit === 'percent') return '90';
  if (unit === 'score') return '50';
  return '5';
}

const metricOptions = METRICS.map((m) => ({ value: m, label: METRIC_SPECS[m].label }));
const operatorOptions = OPERATORS.map((o) => ({ value: o, label: OPERATOR_LABELS[o] }));

interface CriteriaEditorProps {
  rows: CriterionRow[];
  onChange: (rows: CriterionRow[]) => void;
  /** The rows were added or removed: errors the server gave by position no longer apply. */
  onReshape: () => void;
  currency: string;
  /** Errors of the rows as typed (by index). */
  clientErrors: RowErrors[];
  /** Errors the server answered, by field path (`criteria.0.value`). */
  serverErrors: Record<string, string>;
}

/** Tier requirements: all of them must hold. Each row is a metric, an operator and a value in the metric's unit. */
export function CriteriaEditor({
  rows,
  onChange,
  onReshape,
  currency,
  clientErrors,
  serverErrors,
}: CriteriaEditorProps) {
  const update = (i: number, patch: Partial<CriterionRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const edit = rowEditing(rows, onChange, onReshape);

  return (
    <Stack gap="sm">
      {rows.length === 0 && (
        <Text size="sm">No requirements: partners can be placed at this tier without meeting any.</Text>
      )}
      {rows.map((row, i) => {
        const spec = METRIC_SPECS[row.metric];
        const server = (field: string) => serverErrors[`criteria.${i}.${field}`];
        const rowError = serverErrors[`criteria.${i}`];
        const qualifierError = server('certification') ?? server('specialization');
        return (
          <Fieldset key={row.uid} legend={`Requirement ${i + 1}`} variant="default" p="sm">
            <Group align="flex-start" gap="sm" wrap="wrap">
              <NativeSelect
                label="Metric"
                data={metricOptions}
                value={row.metric}
                onChange={(e) => {
                  const metric = e.currentTarget.value as Metric;
                  const unitChanged = METRIC_SPECS[metric].unit !== spec.unit;
                  update(i, {
                    metric,
                    value: unitChanged ? '' : row.value,
                    qualifier: METRIC_SPECS[metric].qualifier ? row.qualifier : '',
                  });
                }}
                error={server('metric')}
                w={300}
              />
              <NativeSelect
                label="Operator"
                data={operatorOptions}
                value={row.op}
                onChange={(e) => update(i, { op: e.currentTarget.value as Operator })}
                error={server('op')}
                w={150}
              />
              <TextInput
                label={valueLabel(spec.unit, currency)}
                inputMode={spec.unit === 'money' || spec.unit === 'percent' ? 'decimal' : 'numeric'}
                placeholder={valuePlaceholder(spec.unit, currency)}
                value={row.value}
                onChange={(e) => update(i, { value: e.currentTarget.value })}
                error={clientErrors[i]?.value ?? server('value')}
                autoComplete="off"
                w={190}
              />
              {spec.qualifier && (
                <TextInput
                  label={spec.qualifier === 'certification' ? 'Certification' : 'Specialization'}
                  placeholder="Any"
                  value={row.qualifier}
                  onChange={(e) => update(i, { qualifier: e.currentTarget.value })}
                  error={qualifierError}
                  w={200}
                />
              )}
              <RemoveRowButton label={`Remove requirement ${i + 1}`} onClick={() => edit.remove(i)} />
            </Group>
            {rowError && (
              <Text size="sm" c="red.9" mt={4} role="alert">
                {rowError}
              </Text>
            )}
          </Fieldset>
        );
      })}
      <AddRowButton label="Add requirement" onClick={() => edit.add(newRow())} disabled={rows.length >= 20} />
    </Stack>
  );
}
