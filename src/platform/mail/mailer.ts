import { createTransport } from 'nodemailer';
import type { Config } from '../../config.js';

export type OutgoingMail = { from: string; to: string; subject: string; text: string };

/** The one thing the mail job needs from a transport; tests may pass their own. */
export type Mailer = { sendMail(message: OutgoingMail): Promise<unknown> };

/** An SMTP transport from `SMTP_URL`, or null: then mail is only stored for admins to read in the console. */
export function createMailer(config: Pick<Config, 'smtpUrl'>): Mailer | null {
  if (!config.smtpUrl) return null;
  // a stalled server must fail the attempt well within the job's lease, so the retry happens in time
  return createTransport({
    url: config.smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}
