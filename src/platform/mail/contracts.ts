import { z } from 'zod';
import { pageOf, pageQuery } from '../http/pagination.js';
import { MAIL_STATUSES } from './schema.js';

export const mailView = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    template: z.string(),
    status: z.enum(MAIL_STATUSES),
    error: z.string().nullable(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'MailMessage' });
export type MailView = z.infer<typeof mailView>;

export const mailPage = pageOf(mailView);

export const listMailQuery = pageQuery.extend({ to: z.string().trim().min(1).max(320).optional() });
export type ListMailQuery = z.infer<typeof listMailQuery>;

export const mailParams = z.object({ id: z.uuid() });

export const mailTemplateView = z
  .object({
    key: z.string(),
    description: z.string(),
    variables: z
      .array(z.object({ name: z.string(), example: z.string() }))
      .describe('The placeholders the mail offers, written {{name}}, with an example value'),
    builtIn: z.object({ subject: z.string(), body: z.string() }),
    subject: z.string().describe('The subject in use: the admin’s when customized, else the built-in one'),
    body: z.string(),
    customized: z.boolean(),
    updatedBy: z.string().nullable(),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'MailTemplate' });
export type MailTemplateView = z.infer<typeof mailTemplateView>;

export const mailTemplateParams = z.object({ key: z.string().min(1).max(100) });

// lengths and placeholders are checked by the rules, so that every caller gets the same answer
export const updateMailTemplateBody = z
  .object({
    subject: z.string().describe('One line, 1–200 characters'),
    body: z.string().describe('Plain text, 1–20000 characters'),
  })
  .strict();
export type UpdateMailTemplateInput = z.input<typeof updateMailTemplateBody>;

export const previewMailTemplateBody = z
  .object({
    subject: z.string().optional().describe('A draft subject; the current one when left out'),
    body: z.string().optional().describe('A draft body; the current one when left out'),
  })
  .strict();
export type PreviewMailTemplateInput = z.input<typeof previewMailTemplateBody>;

export const mailTemplatePreview = z
  .object({
    subject: z.string(),
    text: z.string(),
    problems: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .describe('What saving this wording would be refused for'),
  })
  .meta({ id: 'MailTemplatePreview' });
export type MailTemplatePreview = z.infer<typeof mailTemplatePreview>;
