import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../config.js';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/database.js';
import type { Actor } from '../access/actor.js';
import type { Role } from '../access/roles.js';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { JobRegistry } from '../jobs/registry.js';
import { JobRunner } from '../jobs/runner.js';
import { jobs } from '../jobs/schema.js';
import { sleep } from '../jobs/testing.js';
import { mailPage } from './contracts.js';
import { getMail, listMail, queueMail, registerMailJobs } from './service.js';
import { mailMessages } from './schema.js';

const system = { kind: 'system' } as const;
const config = loadConfig({});

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

const user = (role: Role, partnerId: string | null = null): Actor => ({
  type: 'user',
  id: randomUUID(),
  label: `${role} user`,
  role,
  partnerId,
  sessionId: null,
});
const ctxOf = (actor: Actor): Ctx => ({ db, config, actor, requestId: null });

const mail = (n: number) => ({
  to: `person${n}@example.com`,
  subject: `Subject ${n}`,
  text: `Body ${n}`,
  template: 'test',
});

async function deliverAll() {
  const registry = new JobRegistry();
  registerMailJobs(registry, { db, mailer: null, config });
  await new JobRunner({ db, registry }).tick();
}

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe(`mail without SMTP (${backendName})`, () => {
  test('a queued message ends stored and the console reads it', async () => {
    const { id } = await db.run(system, (tx) => queueMail(tx, mail(1)));
    const [job] = await db.owner
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `mail:${id}`));
    expect(job).toMatchObject({ kind: 'mail.send', payload: { messageId: id }, status: 'queued' });

    await deliverAll();

    const admin = ctxOf(user('admin'));
    const message = await getMail(admin, id);
    expect(message).toEqual({
      id,
      to: 'person1@example.com',
      subject: 'Subject 1',
      text: 'Body 1',
      template: 'test',
      status: 'stored',
      error: null,
      createdAt: expect.any(String),
      sentAt: null,
    });
    expect(new Date(message.createdAt).toISOString()).toBe(message.createdAt);
  });

  test('lists newest first, page by page, each message once', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) {
      ids.push((await db.run(system, (tx) => queueMail(tx, mail(n)))).id);
      // distinct creation times, so "newest first" has one right answer
      await sleep(3);
    }
    // three in one transaction share a creation time: the id breaks the tie across pages
    await db.run(system, async (tx) => {
      for (let n = 6; n <= 8; n++) await queueMail(tx, mail(n));
    });
    await deliverAll();
    const admin = ctxOf(user('admin'));

    const subjects: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listMail(admin, { cursor, limit: 2 });
      expect(mailPage.parse(page)).toEqual(page);
      subjects.push(...page.items.map((m) => m.subject));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(4);
    expect(subjects).toHaveLength(8);
    expect(new Set(subjects).size).toBe(8);
    expect(subjects.slice(3)).toEqual(['Subject 5', 'Subject 4', 'Subject 3', 'Subject 2', 'Subject 1']);
    expect(subjects.slice(0, 3).sort()).toEqual(['Subject 6', 'Subject 7', 'Subject 8']);
    expect(ids).toHaveLength(5);
  });

  test('filters by recipient regardless of case', async () => {
    await db.run(system, async (tx) => {
      await queueMail(tx, mail(1));
      await queueMail(tx, { ...mail(2), to: 'Ada@Example.com' });
    });
    const page = await listMail(ctxOf(user('admin')), { to: 'ada@example.COM' });
    expect(page.items.map((m) => m.subject)).toEqual(['Subject 2']);
  });

  test('only admins may read mail', async () => {
    const { id } = await db.run(system, (tx) => queueMail(tx, mail(1)));
    for (const actor of [user('viewer'), user('channel_manager'), user('partner_admin', randomUUID())]) {
      await expectCode(listMail(ctxOf(actor), {}), 'forbidden');
      await expectCode(getMail(ctxOf(actor), id), 'forbidden');
    }
  });

  test('an unknown or malformed id is not found', async () => {
    const admin = ctxOf(user('admin'));
    await expectCode(getMail(admin, randomUUID()), 'not_found');
    await expectCode(getMail(admin, 'not-a-uuid'), 'not_found');
  });

  test('a partner-scope change can queue mail, and mail of a rolled-back change never exists', async () => {
    const partnerId = randomUUID();
    const { id } = await db.run({ kind: 'partner', partnerId }, (tx) => queueMail(tx, mail(1)));
    await expect(
      db.run(system, async (tx) => {
        await queueMail(tx, mail(2));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    await deliverAll();

    const rows = await db.owner.select().from(mailMessages);
    expect(rows.map((r) => [r.id, r.status])).toEqual([[id, 'stored']]);
  });
});
