import { and, count, eq, lte, sql } from 'drizzle-orm';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Database } from '../db/database.js';
import { jobs } from './schema.js';

export type JobOutcome = 'done' | 'retried' | 'failed';

export type JobMetrics = {
  processed: Counter<'kind' | 'outcome'>;
  duration: Histogram<'kind'>;
};

export type QueueDepth = { queued: number; due: number; running: number };

/** Jobs waiting (of them, due now) and running, across all instances; served by the partial indexes. */
export async function queueDepth(db: Database): Promise<QueueDepth> {
  return db.run({ kind: 'system' }, async (tx) => {
    const [queued] = await tx.select({ n: count() }).from(jobs).where(eq(jobs.status, 'queued'));
    const [due] = await tx
      .select({ n: count() })
      .from(jobs)
      .where(and(eq(jobs.status, 'queued'), lte(jobs.runAt, sql`now()`)));
    const [running] = await tx.select({ n: count() }).from(jobs).where(eq(jobs.status, 'running'));
    return { queued: queued?.n ?? 0, due: due?.n ?? 0, running: running?.n ?? 0 };
  });
}

// registering a name twice on one registry throws; tests and apps that share one reuse the first metric
function once<T>(register: Registry, name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Job metrics on `register`; with `db`, a queue-depth gauge read from the database at scrape time. */
export function createJobMetrics(register: Registry, db?: Database): JobMetrics {
  const processed = once(
    register,
    'trellis_jobs_processed_total',
    () =>
      new Counter({
        name: 'trellis_jobs_processed_total',
        help: 'Job runs by kind and outcome (done, retried, failed)',
        labelNames: ['kind', 'outcome'] as const,
        registers: [register],
      }),
  );
  const duration = once(
    register,
    'trellis_job_duration_seconds',
    () =>
      new Histogram({
        name: 'trellis_job_duration_seconds',
        help: 'Job handler run time by kind',
        labelNames: ['kind'] as const,
        buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
        registers: [register],
      }),
  );
  if (db) {
    once(
      register,
      'trellis_jobs_queue_depth',
      () =>
        new Gauge({
          name: 'trellis_jobs_queue_depth',
          help: 'Jobs by state: queued, due (queued and runnable now), running',
          labelNames: ['state'] as const,
          registers: [register],
          async collect() {
            // a scrape while the database is away reports the last values rather than failing the whole page
            const depth = await queueDepth(db).catch(() => null);
            if (!depth) return;
            for (const [state, value] of Object.entries(depth)) this.set({ state }, value);
          },
        }),
    );
  }
  return { processed, duration };
}
