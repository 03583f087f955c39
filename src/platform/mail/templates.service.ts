import { eq } from 'drizzle-orm';
import { requireAccess } from '../access/require-access.js';
import { recordChange } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { invalidFields, notFound } from '../errors.js';
import { read, write } from '../unit-of-work.js';
import { parseInput } from '../validation.js';
import {
  type MailTemplatePreview,
  type MailTemplateView,
  previewMailTemplateBody,
  type PreviewMailTemplateInput,
  updateMailTemplateBody,
  type UpdateMailTemplateInput,
} from './contracts.js';
import { renderWording, wordingProblems } from './rules/wording.js';
import { mailTemplates } from './schema.js';
import { customWording, mailTemplateDef, mailTemplateDefs, type MailTemplateDef } from './templates.js';

type Custom = typeof mailTemplates.$inferSelect;

const view = (def: MailTemplateDef, custom: Custom | undefined): MailTemplateView => ({
  key: def.key,
  description: def.description,
  variables: Object.entries(def.variables).map(([name, example]) => ({ name, example })),
  builtIn: { subject: def.subject, body: def.body },
  subject: custom?.subject ?? def.subject,
  body: custom?.body ?? def.body,
  customized: Boolean(custom),
  updatedBy: custom?.updatedBy ?? null,
  updatedAt: custom?.updatedAt.toISOString() ?? null,
});

/** What the audit log keeps of a template: its wording and whether it is the admin's. */
const audited = (v: MailTemplateView) => ({ subject: v.subject, body: v.body, customized: v.customized });

function defOf(key: string): MailTemplateDef {
  const def = mailTemplateDef(key);
  if (!def) throw notFound('Mail template');
  return def;
}

/** Every template the modules registered, with the wording in use. */
export async function listMailTemplates(ctx: Ctx): Promise<MailTemplateView[]> {
  requireAccess(ctx.actor, 'mail.template');
  const rows = await read(ctx, (tx) => tx.select().from(mailTemplates));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return mailTemplateDefs().map((def) => view(def, byKey.get(def.key)));
}

export async function getMailTemplate(ctx: Ctx, key: string): Promise<MailTemplateView> {
  requireAccess(ctx.actor, 'mail.template');
  const def = defOf(key);
  return view(def, await read(ctx, (tx) => customWording(tx, key)));
}

/** Replaces the wording of a template; mail queued from now on uses it. */
export async function updateMailTemplate(
  ctx: Ctx,
  key: string,
  raw: UpdateMailTemplateInput,
): Promise<MailTemplateView> {
  requireAccess(ctx.actor, 'mail.template');
  const def = defOf(key);
  const input = parseInput(updateMailTemplateBody, raw);
  const problems = wordingProblems(input, Object.keys(def.variables));
  if (problems.length) throw invalidFields(problems);
  return write(ctx, 'mail_template.update', async (tx) => {
    const before = view(def, await customWording(tx, key));
    const values = {
      subject: input.subject.trim(),
      body: input.body,
      updatedBy: ctx.actor.label,
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(mailTemplates)
      .values({ key, ...values })
      .onConflictDoUpdate({ target: mailTemplates.key, set: values })
      .returning();
    const after = view(def, row);
    await recordChange(tx, ctx, {
      action: 'mail_template.updated',
      objectType: 'mail_template',
      objectId: key,
      partnerId: null,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}

/** Drops the admin's wording: the built-in one applies again. Resetting a template not customized changes nothing. */
export async function resetMailTemplate(ctx: Ctx, key: string): Promise<MailTemplateView> {
  requireAccess(ctx.actor, 'mail.template');
  const def = defOf(key);
  return write(ctx, 'mail_template.reset', async (tx) => {
    const [removed] = await tx.delete(mailTemplates).where(eq(mailTemplates.key, key)).returning();
    const after = view(def, undefined);
    if (!removed) return after;
    await recordChange(tx, ctx, {
      action: 'mail_template.reset',
      objectType: 'mail_template',
      objectId: key,
      partnerId: null,
      before: audited(view(def, removed)),
      after: audited(after),
    });
    return after;
  });
}

/**
 * A template filled with its example values: the draft wording where given, else the one in use. Problems
 * are returned, not thrown, so that an editor can preview while the text is still being written.
 */
export async function previewMailTemplate(
  ctx: Ctx,
  key: string,
  raw: PreviewMailTemplateInput,
): Promise<MailTemplatePreview> {
  requireAccess(ctx.actor, 'mail.template');
  const def = defOf(key);
  const draft = parseInput(previewMailTemplateBody, raw);
  const current = (await read(ctx, (tx) => customWording(tx, key))) ?? def;
  const wording = { subject: draft.subject ?? current.subject, body: draft.body ?? current.body };
  return {
    ...renderWording(wording, def.variables),
    problems: wordingProblems(wording, Object.keys(def.variables)),
  };
}
