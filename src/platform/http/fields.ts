import { z } from 'zod';

/** Free-form tags as every module takes them: trimmed, no commas (CSV exports), duplicates dropped. */
export const tagsField = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(50)
      .regex(/^[^,]+$/, 'must not contain commas'),
  )
  .max(30)
  .transform((t) => [...new Set(t)]);

/** Query strings say 'true'/'false'; in-process callers pass booleans. */
export const boolFlag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
