import { sql, type SQL } from 'drizzle-orm';

/** `now() + ms`, in the database's clock so that every instance agrees on what is due. */
export const nowPlusMs = (ms: number): SQL => sql`now() + (${ms}::double precision * interval '1 millisecond')`;
