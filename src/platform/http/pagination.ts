import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { AppError } from '../errors.js';

export const MAX_PAGE_SIZE = 100;

export const pageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export type Page<T> = { items: T[]; nextCursor: string | null };

type CursorKey = { at: string; id: string };

const cursorSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

/** Decodes a cursor this API gave out, of the shape `schema` says; anything else is a 400 naming `cursor`. */
export function decodeCursorOf<T>(schema: z.ZodType<T>, cursor: string | undefined): T | null {
  if (!cursor) return null;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('invalid_cursor', 'cursor: not a cursor this API gave out', [
      { field: 'cursor', message: 'not a cursor this API gave out' },
    ]);
  }
}

/** A cursor for any keyset (the list decodes it with `decodeCursorOf` and its own schema). */
export const encodeCursorOf = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string | undefined): CursorKey | null {
  return decodeCursorOf(cursorSchema, cursor);
}

/** Keyset condition for lists ordered by (time desc, id desc): rows strictly after the cursor. */
export function after(cursor: CursorKey | null, at: AnyPgColumn, id: AnyPgColumn): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${at}, ${id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

/** Cuts a page from `limit + 1` fetched rows; the extra row only tells that there is a next page. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => { at: Date; id: string },
  view: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursorOf({ at: keyOf(last).at.toISOString(), id: keyOf(last).id }) : null;
  return { items: items.map(view), nextCursor };
}

/** A page of rows keyed by creation time, turned into views in one batch (names looked up together). */
export async function toViewPage<R extends { createdAt: Date; id: string }, T>(
  rows: R[],
  limit: number,
  views: (rows: R[]) => Promise<T[]>,
): Promise<Page<T>> {
  const page = toPage(
    rows,
    limit,
    (r) => ({ at: r.createdAt, id: r.id }),
    (r) => r,
  );
  return { items: await views(page.items), nextCursor: page.nextCursor };
}
