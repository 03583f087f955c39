import type { z } from 'zod';
import { invalidFields } from './errors.js';

/** Validates a use case's input (callers other than HTTP — CLI, jobs, other modules — get the same checks). */
export function parseInput<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
  throw invalidFields(errors);
}
