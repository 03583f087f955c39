import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/database.js';
import { PURGE_JOB, registerPlatformJobs } from './purge.js';
import { JobRegistry } from './registry.js';
import { JobRunner } from './runner.js';
import { jobs, outboxEvents, schedules } from './schema.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

const daysAgo = (days: number) => sql`now() - (${days}::double precision * interval '1 day')`;

describe(`platform jobs (${backendName})`, () => {
  test('the daily purge deletes old done jobs and old dispatched events, and nothing else', async () => {
    await db.owner.insert(jobs).values([
      { kind: 'old.done', status: 'done', finishedAt: daysAgo(8) },
      { kind: 'recent.done', status: 'done', finishedAt: daysAgo(6) },
      { kind: 'old.failed', status: 'failed', finishedAt: daysAgo(60) },
      { kind: 'old.queued', status: 'queued', runAt: daysAgo(60), createdAt: daysAgo(60) },
    ]);
    await db.owner.insert(outboxEvents).values([
      { topic: 'old.dispatched', payload: {}, dispatchedAt: daysAgo(31) },
      { topic: 'recent.dispatched', payload: {}, dispatchedAt: daysAgo(29) },
      { topic: 'old.pending', payload: {}, createdAt: daysAgo(40) },
    ]);
    const registry = new JobRegistry();
    registerPlatformJobs(registry, { db });
    // only the purge should run; the queued job stands for someone else's work
    registry.handle('old.queued', async () => {
      throw new Error('not now');
    });

    await new JobRunner({ db, registry }).tick();

    const kinds = (await db.owner.select({ kind: jobs.kind, status: jobs.status }).from(jobs))
      .map((j) => j.kind)
      .sort();
    expect(kinds).toEqual([PURGE_JOB, 'old.failed', 'old.queued', 'recent.done']);
    const topics = (await db.owner.select({ topic: outboxEvents.topic }).from(outboxEvents)).map((e) => e.topic).sort();
    expect(topics).toEqual(['old.pending', 'recent.dispatched']);
    const [schedule] = await db.owner.select().from(schedules);
    expect(schedule).toMatchObject({ name: PURGE_JOB, jobKind: PURGE_JOB, everySeconds: 86_400 });
  });
});
