import { eq } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { invalid, notFound } from '../../platform/errors.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import { programCard } from '../programs/refs.js';
import {
  applicationFormBody,
  type ApplicationFormInput,
  type ApplicationFormView,
  type PublicApplicationFormView,
} from './contracts.js';
import { describeRule } from './rules/eligibility.js';
import { vocabularies } from './rules/words.js';
import { applicationForms } from './schema.js';

type Program = NonNullable<Awaited<ReturnType<typeof programCard>>>;
type FormRow = typeof applicationForms.$inferSelect;

const system = { kind: 'system' } as const;

/** Only a running program takes applications: a published form of a paused program is closed until it resumes. */
export const takesApplications = (program: Program, form: FormRow | undefined): form is FormRow =>
  Boolean(form?.published) && program.status === 'active' && !program.archived;

/** For this module: a program and its form row (absent until first saved). */
export async function loadForm(
  tx: Tx,
  where: { id: string } | { key: string },
  missing = 'Program',
): Promise<{ program: Program; form: FormRow | undefined }> {
  const program = await programCard(tx, where);
  if (!program) throw notFound(missing);
  const [form] = await tx.select().from(applicationForms).where(eq(applicationForms.programId, program.id));
  return { program, form };
}

function formView(program: Program, form: FormRow | undefined): ApplicationFormView {
  return {
    programId: program.id,
    programKey: program.key,
    programName: program.name,
    programStatus: program.status,
    published: form?.published ?? false,
    live: takesApplications(program, form),
    intro: form?.intro ?? '',
    rules: (form?.rules ?? []).map((r) => ({ ...r, description: describeRule(r) })),
    passScore: form?.passScore ?? 60,
    publicPath: `/apply/${program.key}`,
    updatedAt: form?.updatedAt.toISOString() ?? null,
  };
}

export async function getApplicationForm(ctx: Ctx, programId: string): Promise<ApplicationFormView> {
  requireAccess(ctx.actor, 'application.read');
  return read(ctx, async (tx) => {
    const { program, form } = await loadForm(tx, { id: programId });
    return formView(program, form);
  });
}

/** The whole form at once; publishing needs a running program. */
export async function putApplicationForm(
  ctx: Ctx,
  programId: string,
  raw: ApplicationFormInput,
): Promise<ApplicationFormView> {
  requireAccess(ctx.actor, 'application.configure');
  const input = parseInput(applicationFormBody, raw);
  return write(ctx, 'application_form.update', async (tx) => {
    const { program, form } = await loadForm(tx, { id: programId });
    if (program.archived) throw invalid('published', 'the program is archived');
    // turning publication on needs a running program; a form published earlier stays so and reopens on resume
    if (input.published && !form?.published && program.status !== 'active')
      throw invalid('published', `the program is ${program.status}; only an active program takes applications`);
    const values = { ...input, updatedAt: new Date() };
    const [saved] = await tx
      .insert(applicationForms)
      .values({ programId, ...values })
      .onConflictDoUpdate({ target: applicationForms.programId, set: values })
      .returning();
    const after = formView(program, saved);
    await recordChange(tx, ctx, {
      action: 'application_form.updated',
      objectType: 'application_form',
      objectId: programId,
      partnerId: null,
      before: form ? formView(program, form) : null,
      after,
    });
    return after;
  });
}

/** The public form: wording and what the program asks for, in words (never the weights or the pass score). */
export async function publicApplicationForm(ctx: Ctx, key: string): Promise<PublicApplicationFormView> {
  // nobody signs in to apply: read as the system, and answer only what the public page shows
  return ctx.db.run(system, async (tx) => {
    const { program, form } = await loadForm(tx, { key }, 'Application form');
    if (!takesApplications(program, form)) throw notFound('Application form');
    return {
      programKey: program.key,
      programName: program.name,
      description: program.description,
      intro: form.intro,
      requirements: form.rules.map((r) => ({ text: describeRule(r), required: r.required })),
      vocabularies: vocabularies(),
    };
  });
}
