import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/database.js';
import { JobRegistry } from './registry.js';
import { JobRunner } from './runner.js';
import { schedules } from './schema.js';
import { jobRows, peerOf } from './testing.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

async function scheduleRow(name: string) {
  const [row] = await db.owner.select().from(schedules).where(eq(schedules.name, name));
  return row!;
}

/** Moves the schedule's next run into the past, as if that much time had gone by. */
const makeDue = (name: string, agoSeconds = 0) =>
  db.owner
    .update(schedules)
    .set({ nextRunAt: sql`now() - (${agoSeconds}::double precision * interval '1 second')` })
    .where(eq(schedules.name, name));

describe(`schedules (${backendName})`, () => {
  test('two runners ticking at once enqueue one job per period', async () => {
    const peer = await peerOf(db);
    try {
      let runs = 0;
      const registry = new JobRegistry()
        .handle('report', async () => {
          runs += 1;
        })
        .schedule('nightly-report', 3600, 'report');
      const runners = [new JobRunner({ db, registry }), new JobRunner({ db: peer.db, registry })];

      // the first start writes the schedule due now; both instances then race for the period
      for (let i = 0; i < 3; i++) await Promise.all(runners.map((r) => r.tick()));
      expect(await jobRows(db, 'report')).toHaveLength(1);
      expect(runs).toBe(1);
      const afterFirst = await scheduleRow('nightly-report');
      expect(afterFirst.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
      expect(afterFirst.lastRunAt).toBeInstanceOf(Date);

      await makeDue('nightly-report');
      for (let i = 0; i < 3; i++) await Promise.all(runners.map((r) => r.tick()));
      const rows = await jobRows(db, 'report');
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(2);
      expect(rows.every((r) => r.dedupeKey!.startsWith('schedule:nightly-report:'))).toBe(true);
      expect(runs).toBe(2);
    } finally {
      await peer.close();
    }
  });

  test('missed periods are skipped, not caught up, and the next run stays on the period grid', async () => {
    const registry = new JobRegistry().handle('tick', async () => undefined).schedule('every-minute', 60, 'tick');
    const runner = new JobRunner({ db, registry });
    await runner.tick();
    await makeDue('every-minute', 10 * 60 + 30);
    const due = (await scheduleRow('every-minute')).nextRunAt;

    await runner.tick();
    await runner.tick();

    expect(await jobRows(db, 'tick')).toHaveLength(2);
    const next = (await scheduleRow('every-minute')).nextRunAt;
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    expect((next.getTime() - due.getTime()) % 60_000).toBe(0);
  });

  test('a restart keeps the next run time and takes a changed period', async () => {
    const first = new JobRegistry().handle('tick', async () => undefined).schedule('heartbeat', 60, 'tick');
    await new JobRunner({ db, registry: first }).tick();
    const before = await scheduleRow('heartbeat');

    const second = new JobRegistry().handle('tick', async () => undefined).schedule('heartbeat', 120, 'tick');
    const runner = new JobRunner({ db, registry: second, pollIntervalMs: 10_000 });
    await runner.start();
    await runner.stop();

    const afterRestart = await scheduleRow('heartbeat');
    expect(afterRestart.nextRunAt).toEqual(before.nextRunAt);
    expect(afterRestart.everySeconds).toBe(120);
    expect(await jobRows(db, 'tick')).toHaveLength(1);
  });
});
