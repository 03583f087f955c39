import { eq } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { renderWording, wordingProblems } from './rules/wording.js';
import { mailTemplates } from './schema.js';
import { queueMail } from './service.js';

export { fillPlaceholders, placeholdersOf, renderWording } from './rules/wording.js';

/**
 * A mail a module sends, with its built-in wording. Admins may replace the subject and body (stored in
 * `mail_templates`); `{{name}}` placeholders are filled from the variables the sender passes.
 */
export type MailTemplateDef = {
  key: string;
  /** What the mail is for, shown to admins next to the template. */
  description: string;
  subject: string;
  body: string;
  /** The placeholders a sender fills, each with an example value for previews. */
  variables: Record<string, string>;
};

const registry = new Map<string, MailTemplateDef>();

/**
 * Registers a module's template; a key is defined once, and the built-in wording may use only the variables the
 * template declares (a mistake here stops the start instead of mailing `{{name}}` as written).
 */
export function defineMailTemplate(def: MailTemplateDef): MailTemplateDef {
  if (registry.has(def.key)) throw new Error(`mail template ${def.key} is defined twice`);
  const problems = wordingProblems(def, Object.keys(def.variables));
  if (problems.length)
    throw new Error(`mail template ${def.key}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  registry.set(def.key, def);
  return def;
}

export function mailTemplateDefs(): MailTemplateDef[] {
  return [...registry.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function mailTemplateDef(key: string): MailTemplateDef | undefined {
  return registry.get(key);
}

/** The admin's wording of a template, or undefined while the built-in one applies. */
export async function customWording(tx: Tx, key: string) {
  const [custom] = await tx.select().from(mailTemplates).where(eq(mailTemplates.key, key));
  return custom;
}

/** The subject and text of a template as the admin has worded it (or built in), filled in. */
export async function renderMail(
  tx: Tx,
  def: MailTemplateDef,
  vars: Record<string, string>,
): Promise<{ template: string; subject: string; text: string }> {
  return { template: def.key, ...renderWording((await customWording(tx, def.key)) ?? def, vars) };
}

/** Renders a template and queues it in the caller's transaction. */
export async function queueTemplatedMail(
  tx: Tx,
  def: MailTemplateDef,
  to: string,
  vars: Record<string, string>,
): Promise<{ id: string }> {
  return queueMail(tx, { to, ...(await renderMail(tx, def, vars)) });
}
