import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { AppError } from './errors.js';

/** A problem of an imported file: its row (1 is the header, 0 the file as a whole), column and message. */
export const csvProblem = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type CsvProblem = z.infer<typeof csvProblem>;

export type CsvRow<C extends string> = { line: number; values: Partial<Record<C, string>> };

/**
 * Reads a CSV file into rows keyed by column: header names in any case, spaces read as underscores, empty cells
 * left out. Unknown columns and missing required ones are problems of row 1; a file that does not parse, of row 0.
 */
export function readCsv<C extends string>(
  text: string,
  columns: readonly C[],
  required: readonly C[],
): { rows: CsvRow<C>[]; problems: CsvProblem[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return {
      rows: [],
      problems: [{ row: 0, field: 'file', message: error instanceof Error ? error.message : String(error) }],
    };
  }
  const [header, ...body] = records;
  if (!header)
    return { rows: [], problems: [{ row: 0, field: 'file', message: 'is empty; the first line names the columns' }] };
  const known = (c: string): c is C => (columns as readonly string[]).includes(c);
  const names = header.map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const problems: CsvProblem[] = names
    .filter((c) => !known(c))
    .map((c) => ({ row: 1, field: c, message: `is not a column; the columns are ${columns.join(', ')}` }));
  for (const c of required)
    if (!names.includes(c)) problems.push({ row: 1, field: c, message: `the ${c} column is required` });
  const rows = body.map((cells, i) => {
    const values: CsvRow<C>['values'] = {};
    names.forEach((c, j) => {
      const cell = cells[j] ?? '';
      if (known(c) && cell !== '') values[c] = cell;
    });
    return { line: i + 2, values };
  });
  return { rows, problems };
}

/** Rows as CSV under a header of `columns`, with a byte-order mark so that spreadsheets read UTF-8. */
export function writeCsv(columns: readonly string[], rows: (string | null)[][]): string {
  return stringify(
    rows.map((r) => r.map((v) => v ?? '')),
    { header: true, columns: [...columns], bom: true },
  );
}

/** A refused import: every problem as a field error named by its row and column, e.g. `rows[3].website`. */
export function refusedImport(problems: CsvProblem[]): AppError {
  const errors = problems.map((p) => ({ field: `rows[${p.row}].${p.field}`, message: p.message }));
  return new AppError(
    'validation_failed',
    `The file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported`,
    errors,
  );
}
