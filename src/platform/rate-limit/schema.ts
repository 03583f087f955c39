import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamptz } from '../db/columns.js';
import { staffOnly } from '../db/rls.js';

/**
 * Fixed-window request counters (per API key, per address asking for password resets…), kept in the database
 * so a limit holds across every server instance. One row per bucket and window; old windows are cleared by
 * the bucket's next window.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamptz('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), staffOnly('rate_limits')],
);
