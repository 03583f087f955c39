import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/database.js';
import { enqueueJob } from './enqueue.js';
import { createJobMetrics, queueDepth } from './metrics.js';
import { JobRegistry } from './registry.js';
import { JobRunner } from './runner.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

describe(`job metrics (${backendName})`, () => {
  test('counts outcomes by kind and reports the queue depth', async () => {
    const register = new Registry();
    const metrics = createJobMetrics(register, db);
    expect(() => createJobMetrics(register, db)).not.toThrow();
    const registry = new JobRegistry()
      .handle('ok', async () => undefined)
      .handle('bad', async () => {
        throw new Error('no');
      });
    await db.run({ kind: 'system' }, async (tx) => {
      await enqueueJob(tx, 'ok');
      await enqueueJob(tx, 'ok');
      await enqueueJob(tx, 'bad', {}, { maxAttempts: 1 });
      await enqueueJob(tx, 'bad', {}, { maxAttempts: 2 });
      await enqueueJob(tx, 'ok', {}, { runAt: new Date(Date.now() + 60_000) });
    });
    expect(await queueDepth(db)).toEqual({ queued: 5, due: 4, running: 0 });

    await new JobRunner({ db, registry, metrics }).tick();

    expect(await queueDepth(db)).toEqual({ queued: 2, due: 0, running: 0 });
    const text = await register.metrics();
    expect(text).toContain('trellis_jobs_processed_total{kind="ok",outcome="done"} 2');
    expect(text).toContain('trellis_jobs_processed_total{kind="bad",outcome="failed"} 1');
    expect(text).toContain('trellis_jobs_processed_total{kind="bad",outcome="retried"} 1');
    expect(text).toContain('trellis_jobs_queue_depth{state="queued"} 2');
    expect(text).toContain('trellis_job_duration_seconds_count{kind="ok"} 2');
  });
});
