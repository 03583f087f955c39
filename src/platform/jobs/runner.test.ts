import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/database.js';
import type { Database } from '../db/database.js';
import { enqueueJob } from './enqueue.js';
import { type Job, JobRegistry } from './registry.js';
import { JobRunner } from './runner.js';
import { jobs } from './schema.js';
import { jobRows, peerOf, sleep, tickUntil } from './testing.js';

const system = { kind: 'system' } as const;

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

const enqueue = (kind: string, payload: Record<string, unknown> = {}, options = {}) =>
  db.run(system, (tx) => enqueueJob(tx, kind, payload, options));

async function jobById(id: string) {
  const [row] = await db.owner.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

describe(`job runner (${backendName})`, () => {
  test('runs a job once and marks it done', async () => {
    const seen: Job[] = [];
    const registry = new JobRegistry().handle('greet', async (job) => {
      seen.push(job);
    });
    const runner = new JobRunner({ db, registry });
    const id = (await enqueue('greet', { name: 'Ada' }))!;

    expect(await runner.tick()).toMatchObject({ claimed: 1 });
    expect(await runner.tick()).toMatchObject({ claimed: 0 });

    expect(seen).toEqual([{ id, kind: 'greet', payload: { name: 'Ada' }, attempts: 1, maxAttempts: 8 }]);
    const row = await jobById(id);
    expect(row).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lockedUntil: null, lastError: null });
    expect(row.finishedAt).toBeInstanceOf(Date);
  });

  test('a dedupe key makes the second enqueue a no-op', async () => {
    const first = await enqueue('greet', {}, { dedupeKey: 'greet:1' });
    const second = await enqueue('greet', {}, { dedupeKey: 'greet:1' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(await jobRows(db, 'greet')).toHaveLength(1);
  });

  test('does not run a job before its run_at', async () => {
    const registry = new JobRegistry().handle('later', async () => undefined);
    const runner = new JobRunner({ db, registry });
    await enqueue('later', {}, { runAt: new Date(Date.now() + 60_000) });
    expect(await runner.tick()).toMatchObject({ claimed: 0 });
  });

  test('retries a failing job with growing backoff, then fails it with the last error', async () => {
    const baseMs = 100;
    let calls = 0;
    const registry = new JobRegistry().handle('flaky', async () => {
      calls += 1;
      throw new Error(`boom ${calls}`);
    });
    const runner = new JobRunner({ db, registry, backoff: { baseMs } });
    const id = (await enqueue('flaky', {}, { maxAttempts: 4 }))!;

    const waits: number[] = [];
    const deadline = Date.now() + 10_000;
    while ((await jobById(id)).status !== 'failed') {
      if (Date.now() > deadline) throw new Error('the job never failed for good');
      const { claimed } = await runner.tick();
      if (claimed === 0) {
        await sleep(10);
        continue;
      }
      const [row] = await db.owner
        .select({ status: jobs.status, waitMs: sql<number>`extract(epoch from (${jobs.runAt} - now())) * 1000` })
        .from(jobs)
        .where(eq(jobs.id, id));
      if (row!.status === 'queued') waits.push(Number(row!.waitMs));
    }

    expect(calls).toBe(4);
    expect(waits).toHaveLength(3);
    waits.forEach((wait, i) => {
      const nominal = baseMs * 2 ** i;
      // up to 20% jitter below the nominal delay, and a little time spent between the update and the read
      expect(wait).toBeLessThanOrEqual(nominal);
      expect(wait).toBeGreaterThan(nominal * 0.8 - 50);
    });
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(waits[2]!).toBeGreaterThan(waits[1]!);
    expect(await jobById(id)).toMatchObject({ status: 'failed', attempts: 4, lastError: 'boom 4', lockedBy: null });
    expect((await jobById(id)).finishedAt).toBeInstanceOf(Date);
  });

  test('a job without a handler fails with a clear error', async () => {
    const runner = new JobRunner({ db, registry: new JobRegistry() });
    const id = (await enqueue('nobody.handles.this', {}, { maxAttempts: 1 }))!;
    await runner.tick();
    expect(await jobById(id)).toMatchObject({
      status: 'failed',
      lastError: 'No handler is registered for job kind "nobody.handles.this"',
    });
  });

  test('records whatever was thrown, cut to a bounded length', async () => {
    const registry = new JobRegistry()
      .handle('throws.string', async () => {
        throw 'plain string';
      })
      .handle('throws.long', async () => {
        throw new Error('x'.repeat(10_000));
      });
    const runner = new JobRunner({ db, registry });
    const a = (await enqueue('throws.string', {}, { maxAttempts: 1 }))!;
    const b = (await enqueue('throws.long', {}, { maxAttempts: 1 }))!;
    await runner.tick();
    expect((await jobById(a)).lastError).toBe('plain string');
    expect((await jobById(b)).lastError!.length).toBe(2000);
  });

  test('takes over a job whose instance died once its lease has expired, and only then', async () => {
    const ran: string[] = [];
    const registry = new JobRegistry().handle('work', async (job) => {
      ran.push(job.id);
    });
    const [dead, alive] = await db.run(system, (tx) =>
      tx
        .insert(jobs)
        .values([
          {
            kind: 'work',
            status: 'running',
            attempts: 1,
            lockedBy: 'crashed',
            lockedUntil: sql`now() - interval '1 second'`,
          },
          {
            kind: 'work',
            status: 'running',
            attempts: 1,
            lockedBy: 'busy',
            lockedUntil: sql`now() + interval '1 minute'`,
          },
        ])
        .returning({ id: jobs.id }),
    );
    const runner = new JobRunner({ db, registry });
    await runner.tick();

    expect(ran).toEqual([dead!.id]);
    expect(await jobById(dead!.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await jobById(alive!.id)).toMatchObject({ status: 'running', lockedBy: 'busy', attempts: 1 });
  });

  test('fails rather than reruns a job whose instance died during its last attempt', async () => {
    let ran = 0;
    const registry = new JobRegistry().handle('work', async () => {
      ran += 1;
    });
    const [row] = await db.run(system, (tx) =>
      tx
        .insert(jobs)
        .values({
          kind: 'work',
          status: 'running',
          attempts: 3,
          maxAttempts: 3,
          lockedBy: 'crashed',
          lockedUntil: sql`now() - interval '1 second'`,
        })
        .returning({ id: jobs.id }),
    );
    await new JobRunner({ db, registry }).tick();
    expect(ran).toBe(0);
    expect(await jobById(row!.id)).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('lease expired'),
    });
  });

  test('a runner whose lease was taken over does not overwrite the new outcome', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const registry = new JobRegistry().handle('slow', async () => {
      calls += 1;
      if (calls === 1) await released;
      else throw new Error('second try failed');
    });
    const slow = new JobRunner({ db, registry, leaseMs: 50, instanceId: 'slow' });
    const quick = new JobRunner({ db, registry, instanceId: 'quick' });
    const id = (await enqueue('slow'))!;

    const first = slow.tick();
    await sleep(200);
    await quick.tick();
    release();
    await first;

    expect(calls).toBe(2);
    expect(await jobById(id)).toMatchObject({ status: 'queued', attempts: 2, lastError: 'second try failed' });
  });

  test('two runners share 200 jobs and run each exactly once', async () => {
    const peer = await peerOf(db);
    try {
      const ran: number[] = [];
      const byRunner = new Map<string, number>();
      const registry = new JobRegistry().handle('count', async (job, { instanceId }) => {
        await sleep(Math.random() * 3);
        ran.push(job.payload.n as number);
        byRunner.set(instanceId, (byRunner.get(instanceId) ?? 0) + 1);
      });
      await db.run(system, async (tx) => {
        for (let n = 0; n < 200; n++) await enqueueJob(tx, 'count', { n });
      });
      const runners = [
        new JobRunner({ db, registry, instanceId: 'one' }),
        new JobRunner({ db: peer.db, registry, instanceId: 'two' }),
      ];

      await tickUntil(runners, () => ran.length >= 200);
      await Promise.all(runners.map((r) => r.tick()));

      expect(ran).toHaveLength(200);
      expect(new Set(ran).size).toBe(200);
      expect([...ran].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, n) => n));
      expect(byRunner.get('one')).toBeGreaterThan(0);
      expect(byRunner.get('two')).toBeGreaterThan(0);
      const rows = await jobRows(db, 'count');
      expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    } finally {
      await peer.close();
    }
  });
});

describe(`job runner loop (${backendName})`, () => {
  test('start() picks up jobs as they come; stop() waits for the job in flight', async () => {
    const events: string[] = [];
    const registry = new JobRegistry().handle('slow', async () => {
      events.push('started');
      await sleep(300);
      events.push('finished');
    });
    const runner = new JobRunner({ db, registry, pollIntervalMs: 20 });
    await runner.start();
    const id = (await enqueue('slow'))!;
    const deadline = Date.now() + 5000;
    while (!events.includes('started')) {
      if (Date.now() > deadline) throw new Error('the job never started');
      await sleep(10);
    }
    await runner.stop();
    events.push('stopped');

    expect(events).toEqual(['started', 'finished', 'stopped']);
    expect(await jobById(id)).toMatchObject({ status: 'done' });
  });

  test('stop() gives up on a job that outlives the stop timeout', async () => {
    const registry = new JobRegistry().handle('stuck', () => sleep(2000));
    const runner = new JobRunner({ db, registry, pollIntervalMs: 20, stopTimeoutMs: 100 });
    const id = (await enqueue('stuck'))!;
    await runner.start();
    const deadline = Date.now() + 5000;
    while ((await jobById(id)).status !== 'running') {
      if (Date.now() > deadline) throw new Error('the job never started');
      await sleep(10);
    }
    const before = Date.now();
    await runner.stop();
    expect(Date.now() - before).toBeLessThan(1500);
  });

  test('keeps polling through database errors', async () => {
    let failuresLeft = 5;
    const flaky: Database = {
      ...db,
      backend: db.backend,
      owner: db.owner,
      run: (scope, fn) => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          return Promise.reject(new Error('connection refused'));
        }
        return db.run(scope, fn);
      },
    };
    const errors: object[] = [];
    const log = { info: () => undefined, warn: () => undefined, error: (obj: object) => void errors.push(obj) };
    let ran = 0;
    const registry = new JobRegistry().handle('work', async () => {
      ran += 1;
    });
    registry.schedule('tidy', 3600, 'work');
    const id = (await enqueue('work'))!;
    const runner = new JobRunner({ db: flaky, registry, pollIntervalMs: 10, log });
    await runner.start();
    const deadline = Date.now() + 5000;
    while ((await jobById(id)).status !== 'done') {
      if (Date.now() > deadline) throw new Error('the loop stopped working');
      await sleep(10);
    }
    await runner.stop();
    expect(errors.length).toBeGreaterThanOrEqual(5);
    expect(failuresLeft).toBe(0);
    expect(ran).toBeGreaterThanOrEqual(1);
  });
});
