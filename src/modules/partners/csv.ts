import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { PartnerView } from './contracts.js';

/** The columns of the partner CSV, in order; list fields hold values separated by semicolons. */
export const CSV_COLUMNS = [
  'name',
  'legal_name',
  'website',
  'country',
  'regions',
  'partner_types',
  'industries',
  'company_size',
  'status',
  'tags',
  'cam_email',
  'notes',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const LISTS = new Set<Column>(['regions', 'partner_types', 'industries', 'tags']);

export type CsvRow = { line: number; values: Partial<Record<Column, string | string[]>> };
export type CsvProblem = { row: number; field: string; message: string };

/** Reads the file into rows keyed by column (header names, any case); unknown columns are problems. */
export function readPartnerCsv(text: string): { rows: CsvRow[]; problems: CsvProblem[] } {
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
  const columns = header.map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const problems: CsvProblem[] = columns
    .filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c))
    .map((c) => ({ row: 1, field: c, message: `is not a column; the columns are ${CSV_COLUMNS.join(', ')}` }));
  if (!columns.includes('name')) problems.push({ row: 1, field: 'name', message: 'the name column is required' });
  const rows = body.map((cells, i) => {
    const values: CsvRow['values'] = {};
    columns.forEach((c, j) => {
      const cell = cells[j] ?? '';
      if (!(CSV_COLUMNS as readonly string[]).includes(c) || cell === '') return;
      values[c as Column] = LISTS.has(c as Column)
        ? cell
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean)
        : cell;
    });
    return { line: i + 2, values };
  });
  return { rows, problems };
}

/** Partners as CSV, in the same columns the import reads, so an export imports back. */
export function writePartnerCsv(partners: (PartnerView & { camEmail: string | null })[]): string {
  const list = (l: string[]) => l.join('; ');
  return stringify(
    partners.map((p) => [
      p.name,
      p.legalName,
      p.website,
      p.country ?? '',
      list(p.regions),
      list(p.partnerTypes),
      list(p.industries),
      p.companySize ?? '',
      p.status,
      list(p.tags),
      p.camEmail ?? '',
      p.notes ?? '',
    ]),
    { header: true, columns: [...CSV_COLUMNS], bom: true },
  );
}
