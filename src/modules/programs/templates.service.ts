import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { requireAccess } from '../../platform/access/require-access.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { packageRoot } from '../../platform/paths.js';
import { parseInput } from '../../platform/validation.js';
import { keySchema } from './file/format.js';
import { parseProgramText } from './file/parse.js';
import { applyProgram, planProgram, type ProgramPlan } from './file/service.js';
import { PROGRAM_TYPES } from './rules/program-lifecycle.js';

/** Templates are program files shipped in `templates/`; their badges are files beside them. */
export const TEMPLATES_DIR = path.join(packageRoot, 'templates');

export const templateView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    programType: z.enum(PROGRAM_TYPES),
    currency: z.string(),
    tiers: z.array(z.string()),
  })
  .meta({ id: 'ProgramTemplate' });
export type TemplateView = z.infer<typeof templateView>;

export const fromTemplateBody = z
  .object({
    template: z.string().regex(/^[a-z0-9-]{1,63}$/, 'is not a template name'),
    key: keySchema.optional(),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type FromTemplateInput = z.input<typeof fromTemplateBody>;

const templateFiles = () =>
  readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

/** The shipped templates, read (and checked) once per process: they only change with a new release. */
let cached: TemplateView[] | null = null;

export function listTemplates(ctx: Ctx): TemplateView[] {
  requireAccess(ctx.actor, 'program.read');
  cached ??= templateFiles().map((file) => {
    const parsed = parseProgramText(readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'), { baseDir: TEMPLATES_DIR });
    return {
      id: file.replace(/\.yaml$/, ''),
      name: parsed.name,
      description: parsed.description,
      programType: parsed.type,
      currency: parsed.currency,
      tiers: parsed.tiers.map((t) => t.name),
    };
  });
  return cached;
}

/**
 * A new program from a template, with the key and name the caller chooses. It only ever creates: a template
 * applied over an existing program of the same key would rewrite that program, so that is refused.
 */
export async function createFromTemplate(ctx: Ctx, raw: FromTemplateInput): Promise<ProgramPlan> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(fromTemplateBody, raw);
  if (!templateFiles().includes(`${input.template}.yaml`)) throw notFound('Template');
  const doc = parseDocument(readFileSync(path.join(TEMPLATES_DIR, `${input.template}.yaml`), 'utf8'));
  if (input.key) doc.set('key', input.key);
  if (input.name) doc.set('name', input.name);
  const text = doc.toString();
  const plan = await planProgram(ctx, text, { baseDir: TEMPLATES_DIR });
  if (plan.programId) {
    const message = `a program with the key ${plan.key} exists already; choose another key`;
    throw new AppError('already_exists', `key: ${message}`, [{ field: 'key', message }]);
  }
  return applyProgram(ctx, text, { baseDir: TEMPLATES_DIR });
}
