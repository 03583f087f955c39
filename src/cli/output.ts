import { AppError } from '../platform/errors.js';

/** Prints rows as aligned columns, or JSON when asked; scripts use --json. */
export function printTable(rows: Record<string, string>[], json: boolean, raw: unknown = rows): void {
  if (json) {
    process.stdout.write(JSON.stringify(raw, null, 2) + '\n');
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const keys = Object.keys(rows[0]!);
  const width = keys.map((k) => Math.max(k.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(width[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    [line(keys), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(keys.map((k) => r[k] ?? '')))].join(
      '\n',
    ) + '\n',
  );
}

/** An error as the operator should read it: the problem and each field, no stack for expected failures. */
export function describeError(error: unknown): string {
  if (error instanceof AppError) {
    const fields = error.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n');
    return `Error (${error.code}): ${error.message}${fields ? '\n' + fields : ''}`;
  }
  return `Error: ${error instanceof Error ? error.message : String(error)}`;
}
