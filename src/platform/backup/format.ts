import { z } from 'zod';

/**
 * A Trellis backup is one gzip'd file of JSON lines, the same from either backend:
 *   line 1            the header (below)
 *   per table         {"table": name, "rows": n}, then n lines, each a JSON array of the row's values in the
 *                     header's column order: PostgreSQL's own text for every type, bytea as base64, null as null
 *   last line         {"end": FORMAT, "tables": t, "rows": r}; a file without it was cut short
 */
export const FORMAT = 'trellis.backup/v1';

const column = z.object({ name: z.string().min(1), type: z.string().min(1) });

export const headerSchema = z.object({
  format: z.literal(FORMAT),
  trellis: z.string(),
  createdAt: z.string(),
  source: z.object({ backend: z.enum(['pglite', 'postgres']), server: z.string() }),
  /** The last migration the source had applied: its rows fit the schema as of this migration. */
  migration: z.object({ tag: z.string(), when: z.number(), hash: z.string() }),
  tables: z.array(
    z.object({
      name: z.string().min(1),
      columns: z.array(column).min(1),
      rows: z.number().int().min(0),
      /** sha256 over the sorted sha256 of each row's canonical text (see checksum.ts). */
      checksum: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  sequences: z.array(z.object({ name: z.string().min(1), lastValue: z.string(), isCalled: z.boolean() })),
});
export type BackupHeader = z.infer<typeof headerSchema>;
export type TableHeader = BackupHeader['tables'][number];

export const sectionSchema = z.object({ table: z.string(), rows: z.number().int().min(0) });
export const endSchema = z.object({ end: z.literal(FORMAT), tables: z.number().int(), rows: z.number().int() });

/** What a restore or a move found, table by table: the figures the operator reads. */
export type TableCheck = { table: string; rows: number; expectedRows: number; ok: boolean };
