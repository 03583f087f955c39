import { z } from 'zod';
import { CHANGE_KINDS } from './diff.js';

export const MAX_SOURCE_CHARS = 2 * 1024 * 1024;
export const programSource = z.string().max(MAX_SOURCE_CHARS, 'must be at most 2 MiB');

export const programSourceBody = z
  .object({
    source: programSource.describe(
      'The program file, YAML or JSON; badges inline as data URIs (the server reads no files)',
    ),
  })
  .strict()
  .meta({ id: 'ProgramSource' });

export const changeView = z
  .object({
    op: z.enum(['create', 'update', 'delete']),
    // a string, not an enum: modules add sections to the file at start-up, after this schema is made
    kind: z.string().describe(`${CHANGE_KINDS.join(', ')}, or a section's field (deal_registration)`),
    path: z
      .string()
      .describe('What changes: a tier key, a benefit ref, `tier × benefit` for a value, a title, a section’s field'),
    fields: z
      .array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }))
      .optional()
      .describe('For an update the fields that change; for a create every field of the new thing (from null)'),
  })
  .meta({ id: 'ProgramChange' });

export const programPlanView = z
  .object({
    key: z.string(),
    programId: z.uuid().nullable().describe('null when the program does not exist yet'),
    changes: z.array(changeView),
    summary: z.string().describe('The changes as lines people read, as the command line prints them'),
  })
  .meta({ id: 'ProgramPlan' });
