import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Config, loadConfig } from '../../config.js';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/database.js';
import { JobRegistry } from '../jobs/registry.js';
import { JobRunner } from '../jobs/runner.js';
import { jobs } from '../jobs/schema.js';
import { sleep } from '../jobs/testing.js';
import { createMailer } from './mailer.js';
import { mailMessages } from './schema.js';
import { queueMail, registerMailJobs } from './service.js';

type Received = { from: string; to: string[]; raw: string };

let db: TestDatabase;
let server: SMTPServer;
let received: Received[];
let rejectRecipients: boolean;
let config: Config;

beforeEach(async () => {
  db = await createTestDatabase();
  received = [];
  rejectRecipients = false;
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejectRecipients) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  config = { ...loadConfig({}), smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Trellis <trellis@example.com>' };
});
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(resolve));
  await db.close();
});

function runnerWithMail() {
  const registry = new JobRegistry();
  registerMailJobs(registry, { db, mailer: createMailer(config), config });
  return new JobRunner({ db, registry, backoff: { baseMs: 10 } });
}

async function message(id: string) {
  const [row] = await db.owner.select().from(mailMessages).where(eq(mailMessages.id, id));
  return row!;
}

describe(`mail over SMTP (${backendName})`, () => {
  test('createMailer gives nothing without SMTP_URL', () => {
    expect(createMailer({ smtpUrl: undefined })).toBeNull();
  });

  test('a queued message arrives with its subject and recipient, and ends sent', async () => {
    const { id } = await db.run({ kind: 'system' }, (tx) =>
      queueMail(tx, { to: 'ada@example.com', subject: 'Welcome to Trellis', text: 'Hello Ada', template: 'welcome' }),
    );
    await runnerWithMail().tick();

    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['ada@example.com']);
    expect(received[0]!.from).toBe('trellis@example.com');
    expect(received[0]!.raw).toMatch(/^Subject: Welcome to Trellis\r?$/m);
    expect(received[0]!.raw).toMatch(/^To: ada@example.com\r?$/m);
    expect(received[0]!.raw).toContain('Hello Ada');
    const row = await message(id);
    expect(row).toMatchObject({ status: 'sent', error: null });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  test('a refused message is retried with the error noted, and ends failed after the last attempt', async () => {
    rejectRecipients = true;
    const { id } = await db.run({ kind: 'system' }, (tx) =>
      queueMail(tx, { to: 'nobody@example.com', subject: 'Hi', text: 'Hi', template: 'test' }),
    );
    await db.owner
      .update(jobs)
      .set({ maxAttempts: 2 })
      .where(eq(jobs.dedupeKey, `mail:${id}`));
    const runner = runnerWithMail();

    await runner.tick();
    expect(await message(id)).toMatchObject({
      status: 'queued',
      error: expect.stringContaining('Mailbox unavailable'),
    });

    const deadline = Date.now() + 5000;
    while ((await message(id)).status === 'queued') {
      if (Date.now() > deadline) throw new Error('the message never failed');
      await sleep(20);
      await runner.tick();
    }
    expect(await message(id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('Mailbox unavailable'),
      sentAt: null,
    });
    const [job] = await db.owner
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `mail:${id}`));
    expect(job).toMatchObject({ status: 'failed', attempts: 2 });
    expect(received).toEqual([]);
  });
});
