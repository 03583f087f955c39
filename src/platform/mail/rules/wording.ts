import type { FieldError } from '../../errors.js';

/** `{{name}}`, spaces inside the braces allowed; a name starts with a letter. */
const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;
// anything in double braces, so that `{{first name}}` is refused instead of being mailed as written
const ANY_BRACES = /\{\{([^{}]*)\}\}/g;

export const SUBJECT_MAX = 200;
export const BODY_MAX = 20_000;

/** Fills `{{name}}` placeholders; an unknown name is left as written so that a typo shows in the mail. */
export function fillPlaceholders(text: string, vars: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name]! : whole));
}

/** The placeholders a text uses, each once, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** A wording filled in: the subject is one line whatever a variable holds. */
export function renderWording(
  wording: { subject: string; body: string },
  vars: Record<string, string>,
): { subject: string; text: string } {
  return {
    subject: fillPlaceholders(wording.subject, vars).replace(/\s+/g, ' ').trim(),
    text: fillPlaceholders(wording.body, vars),
  };
}

/** What is written in double braces but is not one of `offered`, as written (trimmed). */
function unknownPlaceholders(text: string, offered: readonly string[]): string[] {
  const names = [...text.matchAll(ANY_BRACES)].map((m) => m[1]!.trim());
  return [...new Set(names.filter((n) => !offered.includes(n)))];
}

const quoted = (names: string[]) => names.map((n) => `{{${n}}}`).join(', ');

/**
 * What is wrong with an admin's wording of a template that offers the placeholders `offered`: the subject is
 * one line of 1–200 characters, the body 1–20000, and both use only offered placeholders.
 */
export function wordingProblems(wording: { subject: string; body: string }, offered: readonly string[]): FieldError[] {
  const problems: FieldError[] = [];
  const subject = wording.subject.trim();
  if (!subject) problems.push({ field: 'subject', message: 'must not be empty' });
  else if (subject.length > SUBJECT_MAX)
    problems.push({ field: 'subject', message: `must be at most ${SUBJECT_MAX} characters` });
  else if (/[\r\n]/.test(subject)) problems.push({ field: 'subject', message: 'must be one line' });
  if (!wording.body.trim()) problems.push({ field: 'body', message: 'must not be empty' });
  else if (wording.body.length > BODY_MAX)
    problems.push({ field: 'body', message: `must be at most ${BODY_MAX} characters` });
  for (const field of ['subject', 'body'] as const) {
    const unknown = unknownPlaceholders(wording[field], offered);
    if (unknown.length === 0) continue;
    const available = offered.length ? `; this mail offers ${quoted([...offered])}` : '; this mail offers none';
    problems.push({
      field,
      message: `${unknown.length === 1 ? 'unknown placeholder' : 'unknown placeholders'} ${quoted(unknown)}${available}`,
    });
  }
  return problems;
}
