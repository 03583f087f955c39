import { type CsvProblem, readCsv, writeCsv } from '../../platform/csv.js';
import type { PartnerView } from './contracts.js';

export type { CsvProblem };

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

/** Reads the file into rows keyed by column (header names, any case); unknown columns are problems. */
export function readPartnerCsv(text: string): { rows: CsvRow[]; problems: CsvProblem[] } {
  const { rows, problems } = readCsv(text, CSV_COLUMNS, ['name']);
  const split = (cell: string) =>
    cell
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    rows: rows.map(({ line, values }) => ({
      line,
      values: Object.fromEntries(
        Object.entries(values).map(([c, cell]) => [c, LISTS.has(c as Column) ? split(cell as string) : cell]),
      ),
    })),
    problems,
  };
}

/** Partners as CSV, in the same columns the import reads, so an export imports back. */
export function writePartnerCsv(partners: (PartnerView & { camEmail: string | null })[]): string {
  const list = (l: string[]) => l.join('; ');
  return writeCsv(
    CSV_COLUMNS,
    partners.map((p) => [
      p.name,
      p.legalName,
      p.website,
      p.country,
      list(p.regions),
      list(p.partnerTypes),
      list(p.industries),
      p.companySize,
      p.status,
      list(p.tags),
      p.camEmail,
      p.notes ?? '',
    ]),
  );
}
