import { eq } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { mailTemplates } from './schema.js';
import { queueMail } from './service.js';

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

/** Registers a module's template; a key is defined once. */
export function defineMailTemplate(def: MailTemplateDef): MailTemplateDef {
  if (registry.has(def.key)) throw new Error(`mail template ${def.key} is defined twice`);
  registry.set(def.key, def);
  return def;
}

export function mailTemplateDefs(): MailTemplateDef[] {
  return [...registry.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function mailTemplateDef(key: string): MailTemplateDef | undefined {
  return registry.get(key);
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

/** Fills `{{name}}` placeholders; an unknown name is left as written so that a typo shows in the mail. */
export function fillPlaceholders(text: string, vars: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in vars ? vars[name]! : whole));
}

/** The placeholders a text uses. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** The subject and text of a template as the admin has worded it (or built in), filled in. */
export async function renderMail(
  tx: Tx,
  def: MailTemplateDef,
  vars: Record<string, string>,
): Promise<{ template: string; subject: string; text: string }> {
  const [custom] = await tx
    .select({ subject: mailTemplates.subject, body: mailTemplates.body })
    .from(mailTemplates)
    .where(eq(mailTemplates.key, def.key));
  const wording = custom ?? def;
  return {
    template: def.key,
    // a subject is one line whatever a variable holds
    subject: fillPlaceholders(wording.subject, vars).replace(/\s+/g, ' ').trim(),
    text: fillPlaceholders(wording.body, vars),
  };
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
