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
