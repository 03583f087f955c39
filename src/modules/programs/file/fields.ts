export type FieldChange = { field: string; from: unknown; to: unknown };

/** Deep equality that ignores object key order (jsonb gives keys back in its own order). */
export const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );

/** The fields of `to` whose values differ in `from`. */
export const fieldChanges = (from: Record<string, unknown>, to: Record<string, unknown>): FieldChange[] =>
  Object.keys(to)
    .filter((field) => !same(from[field], to[field]))
    .map((field) => ({ field, from: from[field], to: to[field] }));

/** Every field of a new thing, as changes from null. */
export const created = (to: Record<string, unknown>): FieldChange[] =>
  Object.entries(to).map(([field, value]) => ({ field, from: null, to: value }));

/** Nested objects as dotted fields (`auto_approve.enabled`), so that a plan names each setting that changes. */
export function flatFields(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(value)) {
    if (v && typeof v === 'object' && !Array.isArray(v))
      Object.assign(flat, flatFields(v as Record<string, unknown>, `${prefix}${field}.`));
    else flat[`${prefix}${field}`] = v;
  }
  return flat;
}
