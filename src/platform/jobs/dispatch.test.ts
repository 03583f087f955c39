import { isNull, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/database.js';
import { emitEvent } from './outbox.js';
import { type EventJobPayload, JobRegistry } from './registry.js';
import { JobRunner } from './runner.js';
import { jobs, outboxEvents } from './schema.js';
import { jobRows, peerOf } from './testing.js';

const system = { kind: 'system' } as const;

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

describe(`outbox dispatch (${backendName})`, () => {
  test('each event reaches every matching subscriber once, even with two runners dispatching', async () => {
    const peer = await peerOf(db);
    try {
      const received: string[] = [];
      const registry = new JobRegistry();
      for (const kind of ['exact', 'prefix', 'all', 'other']) {
        registry.handle(kind, async (job) => {
          const event = job.payload as EventJobPayload;
          received.push(`${kind}<-${event.topic}#${event.payload.n}`);
        });
      }
      registry
        .subscribe('product.created', 'exact')
        .subscribe('product.*', 'prefix')
        .subscribe('*', 'all')
        // a second pattern feeding the same kind must not double its jobs
        .subscribe('product.created', 'all')
        .subscribe('partner.updated', 'other');
      await db.run(system, async (tx) => {
        for (let n = 0; n < 30; n++) {
          await emitEvent(tx, 'product.created', { n });
          await emitEvent(tx, 'partner.created', { n });
        }
      });
      const runners = [
        new JobRunner({ db, registry, batchSize: 7 }),
        new JobRunner({ db: peer.db, registry, batchSize: 7 }),
      ];

      for (let i = 0; i < 12; i++) await Promise.all(runners.map((r) => r.tick()));

      const expected = Array.from({ length: 30 }, (_, n) => [
        `exact<-product.created#${n}`,
        `prefix<-product.created#${n}`,
        `all<-product.created#${n}`,
        `all<-partner.created#${n}`,
      ]).flat();
      expect([...received].sort()).toEqual(expected.sort());
      const pending = await db.owner.select().from(outboxEvents).where(isNull(outboxEvents.dispatchedAt));
      expect(pending).toEqual([]);
    } finally {
      await peer.close();
    }
  });

  test('dispatching an event again creates no second job', async () => {
    const registry = new JobRegistry().subscribe('deal.*', 'notify');
    const runner = new JobRunner({ db, registry });
    await db.run(system, (tx) => emitEvent(tx, 'deal.won', { amount: 100 }));
    await runner.tick();
    // as if the first dispatch had crashed after inserting the jobs but before marking the event
    await db.owner.update(outboxEvents).set({ dispatchedAt: null });
    expect(await runner.tick()).toMatchObject({ dispatched: 1 });

    const rows = await jobRows(db, 'notify');
    expect(rows).toHaveLength(1);
    const [event] = await db.owner.select().from(outboxEvents);
    expect(rows[0]!.dedupeKey).toBe(`notify:${event!.id}`);
    expect(rows[0]!.payload).toEqual({
      eventId: event!.id,
      topic: 'deal.won',
      payload: { amount: 100 },
      createdAt: event!.createdAt.toISOString(),
    });
  });

  test('an event nobody subscribes to is marked dispatched and creates nothing', async () => {
    const runner = new JobRunner({ db, registry: new JobRegistry().subscribe('deal.*', 'notify') });
    await db.run(system, (tx) => emitEvent(tx, 'user.created', {}));
    await runner.tick();
    const [count] = await db.owner.select({ n: sql<number>`count(*)::int` }).from(jobs);
    expect(count!.n).toBe(0);
    const [event] = await db.owner.select().from(outboxEvents);
    expect(event!.dispatchedAt).toBeInstanceOf(Date);
  });

  test('an event of a rolled-back transaction is never dispatched', async () => {
    const runner = new JobRunner({ db, registry: new JobRegistry().subscribe('*', 'notify') });
    await expect(
      db.run(system, async (tx) => {
        await emitEvent(tx, 'deal.won', {});
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await runner.tick();
    expect(await jobRows(db, 'notify')).toEqual([]);
  });
});
