import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../modules/identity/schema.js';
import { createPostgresDatabase, testDatabaseUrl } from '../../test/database.js';
import { HttpBrowser } from '../../test/http.js';
import { killProcess, type ServerGroup, type ServerProcess, startServers } from '../../test/servers.js';
import { type Database, openPostgres, type Tx } from '../db/database.js';
import { enqueueJob } from './enqueue.js';
import { jobs, outboxEvents } from './schema.js';
import { TEST_JOB, TEST_JOB_HANDLED, TEST_JOB_STARTED, TEST_SCHEDULES } from './test-jobs.js';

/**
 * Three server processes with jobs on, sharing one PostgreSQL database: every job, outbox event and scheduled
 * run is handled once, and a job whose process is killed is taken over by another. Each handling is counted
 * from the logs of all three processes (the test job kinds write one line per handling).
 */

const LEASE_MS = 2000;
const BLOCK_LOCK = 7_226_199_001;

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Who handled what: `[jobId or eventId, instanceId]` of every handling of `kind` logged by any process. */
function handlings(servers: ServerProcess[], kind: string, key = 'jobId', msg = TEST_JOB_HANDLED) {
  return servers.flatMap((s) =>
    s.testLog.filter((e) => e.msg === msg && e.test.kind === kind).map((e) => [String(e.test[key]), s.url] as const),
  );
}

const countBy = (values: string[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());

describe.skipIf(!testDatabaseUrl)('three server processes on one PostgreSQL database', () => {
  const admin = { email: 'instances-admin@example.com', password: 'correct-horse-battery-staple' };
  let group: ServerGroup | undefined;
  let db: Database | undefined;
  let drop = async () => {};
  let url = '';

  beforeAll(async () => {
    const created = await createPostgresDatabase();
    drop = created.drop;
    url = created.url;
    // every process is given the first admin's credentials, so they race to create it on the fresh database
    group = await startServers(3, url, admin, {
      adminOnEvery: true,
      env: {
        TRELLIS_JOBS: 'on',
        TRELLIS_TEST_JOBS: '1',
        TRELLIS_JOB_LEASE_MS: String(LEASE_MS),
        TRELLIS_JOB_POLL_MS: '200',
      },
    });
    db = await openPostgres(url, { max: 2 });
  }, 90_000);
  afterAll(async () => {
    await group?.stop();
    await db?.close();
    await drop();
  });

  const system = <T>(fn: (tx: Tx) => Promise<T>) => db!.run({ kind: 'system' }, fn);

  it('three first starts at once on a fresh database create one admin, and every process serves', async () => {
    const admins = await db!.owner
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.partnerId)));
    expect(admins).toEqual([{ email: admin.email }]);
    for (const s of group!.servers) await new HttpBrowser(s.url).login(admin.email, admin.password);
  });

  it('sixty jobs are each handled exactly once across the three', async () => {
    const ids = await system(async (tx) => {
      const out: string[] = [];
      for (let n = 0; n < 60; n++) out.push((await enqueueJob(tx, TEST_JOB.count, { n }))!);
      return out;
    });
    await until('the jobs to finish', async () => {
      const [row] = await db!.owner
        .select({ n: sql<number>`count(*)::int` })
        .from(jobs)
        .where(and(inArray(jobs.id, ids), eq(jobs.status, 'done')));
      return row!.n === ids.length;
    });
    const handled = handlings(group!.servers, TEST_JOB.count);
    const times = countBy(handled.map(([id]) => id));
    expect([...times.keys()].sort()).toEqual([...ids].sort());
    expect([...times.values()].every((t) => t === 1)).toBe(true);
    // the work was shared, not done by one process while the others idled
    expect(new Set(handled.map(([, by]) => by)).size).toBeGreaterThan(1);
  });

  it('every outbox event is dispatched once and its job handled once, whichever process took the write', async () => {
    const clients = await Promise.all(
      group!.servers.map(async (s) => {
        const b = new HttpBrowser(s.url);
        await b.login(admin.email, admin.password);
        return b;
      }),
    );
    const created = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const res = await clients[i % 3]!.request('POST', '/api/v1/products', { title: `Product ${i}` });
        expect(res.statusCode, res.body).toBe(201);
      }),
    );
    expect(created).toHaveLength(30);
    const events = await until('every event to be dispatched and handled', async () => {
      const all = await db!.owner.select().from(outboxEvents);
      if (all.some((e) => !e.dispatchedAt)) return false;
      const pending = await db!.owner
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.kind, TEST_JOB.event), sql`${jobs.status} <> 'done'`));
      return pending.length === 0 && all;
    });
    expect(events.filter((e) => e.topic === 'product.created')).toHaveLength(30);
    // one job per event and subscriber (the dedupe key), and one handling per job
    const eventJobs = await db!.owner.select().from(jobs).where(eq(jobs.kind, TEST_JOB.event));
    const perEvent = countBy(eventJobs.map((j) => String((j.payload as { eventId: number }).eventId)));
    expect([...perEvent.keys()].sort()).toEqual(events.map((e) => String(e.id)).sort());
    expect([...perEvent.values()].every((n) => n === 1)).toBe(true);
    const handledEvents = countBy(handlings(group!.servers, TEST_JOB.event, 'eventId').map(([id]) => id));
    expect([...handledEvents.keys()].sort()).toEqual(events.map((e) => String(e.id)).sort());
    expect([...handledEvents.values()].every((n) => n === 1)).toBe(true);
  });

  it('a schedule due once runs once, and a frequent one once per period, over many ticks of three processes', async () => {
    // with a poll every 200 ms, each process has ticked dozens of times since the start
    await new Promise((r) => setTimeout(r, 5000));
    const runs = handlings(group!.servers, TEST_JOB.scheduled, 'schedule');
    expect(runs.filter(([name]) => name === TEST_SCHEDULES.once)).toHaveLength(1);
    const often = group!.servers.flatMap((s) =>
      s.testLog
        .filter((e) => e.msg === TEST_JOB_HANDLED && e.test.schedule === TEST_SCHEDULES.often)
        .map((e) => String(e.test.scheduledFor)),
    );
    const periods = countBy(often);
    expect(periods.size).toBeGreaterThanOrEqual(3);
    expect([...periods.values()].every((n) => n === 1)).toBe(true);
    const rows = await db!.owner.select({ payload: jobs.payload }).from(jobs).where(eq(jobs.kind, TEST_JOB.scheduled));
    const onceRows = rows.filter((r) => (r.payload as { schedule: string }).schedule === TEST_SCHEDULES.once);
    expect(onceRows).toHaveLength(1);
  });

  it('a job whose process is killed (SIGKILL) is taken over by another process after its lease', async () => {
    // the test holds the lock the job waits for, so the job stays running until the test lets go
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1)', [BLOCK_LOCK]);
      const jobId = await system((tx) => enqueueJob(tx, TEST_JOB.block, { lock: BLOCK_LOCK }));
      const started = () => handlings(group!.servers, TEST_JOB.block, 'jobId', TEST_JOB_STARTED);
      const [, firstUrl] = await until('the job to start', async () => started()[0]);
      const first = group!.servers.find((s) => s.url === firstUrl)!;
      const killedAt = Date.now();
      await killProcess(first.child);

      const [, secondUrl] = await until('another process to take the job over', async () =>
        started().find(([id, by]) => id === jobId && by !== firstUrl),
      );
      // not before the lease ran out: the dead process's claim was honoured until then
      expect(Date.now() - killedAt).toBeGreaterThanOrEqual(LEASE_MS - 500);
      await holder.query('select pg_advisory_unlock($1)', [BLOCK_LOCK]);
      const [row] = await until('the job to finish', async () => {
        const rows = await db!.owner.select().from(jobs).where(eq(jobs.id, jobId!));
        return rows[0]?.status === 'done' && rows;
      });
      expect(row!.attempts).toBe(2);
      expect(handlings(group!.servers, TEST_JOB.block)).toEqual([[jobId, secondUrl]]);
    } finally {
      await holder.end();
    }
  });
});

describe.skipIf(testDatabaseUrl)('three server processes on one database', () => {
  it.skip('need PostgreSQL: the embedded database is opened by one process at a time', () => undefined);
});
