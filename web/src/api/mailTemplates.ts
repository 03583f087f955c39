/** Shapes of the mail template API (`/mail/templates`). */

export interface MailTemplate {
  key: string;
  /** What the mail is for. */
  description: string;
  /** The placeholders the mail offers, written `{{name}}`, with an example value. */
  variables: { name: string; example: string }[];
  builtIn: { subject: string; body: string };
  /** The wording in use: the admin's when customized, else the built-in one. */
  subject: string;
  body: string;
  customized: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface MailTemplatePreview {
  subject: string;
  text: string;
  /** What saving this wording would be refused for, by field. */
  problems: { field: string; message: string }[];
}

export const mailTemplateKeys = {
  all: ['mail-templates'] as const,
  one: (key: string) => ['mail-templates', 'one', key] as const,
  preview: (key: string, subject: string, body: string) => ['mail-templates', 'preview', key, subject, body] as const,
};

export const mailTemplatePath = (key: string) => `/mail/templates/${encodeURIComponent(key)}`;
