import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { dealPartnerKey, dealProgram } from '../deals.js';
import { HttpBrowser } from '../http.js';
import { killProcess, startServerProcess, stopProcess } from '../servers.js';
import { KeyClient } from './client.js';
import { type Clients, newLedger, seeded, verify, writeUntilKilled } from './load.js';

/**
 * Crash safety: a mixed write load through the API, the server killed with SIGKILL at a random moment, started
 * again on the same data, and every acknowledged write read back. Then the data itself is opened directly and
 * every table and index is checked.
 */

export type CrashTarget = { backend: 'pglite' } | { backend: 'postgres'; url: string };

export type CrashOptions = {
  target: CrashTarget;
  kills: number;
  seed: number;
  /** Concurrent writers. */
  writers: number;
  /** The kill comes this many milliseconds (drawn between the two) after the cycle's first acknowledged write. */
  killAfterMs: [number, number];
  /** Every object is read back every this many cycles (and at the end); in between, those written since. */
  fullCheckEvery?: number;
  log?: (line: string) => void;
};

export type CrashReport = {
  backend: 'pglite' | 'postgres';
  kills: number;
  acknowledged: number;
  unanswered: number;
  objects: number;
  /** Objects read back and compared, over all restarts. */
  verifiedReads: number;
  /** Rows per table when the data was opened directly after the last kill. */
  tables: Record<string, number>;
  /** B-tree indexes checked with amcheck (the embedded database). */
  indexesChecked: number;
  startMs: { min: number; max: number; mean: number };
  elapsedMs: number;
  problems: string[];
};

const ADMIN = { email: 'crash-admin@example.com', password: 'correct-horse-battery-staple' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Row counts of every table, the stored files against their hashes, and (where given) amcheck on every index. */
async function checkTables(query: Query, withAmcheck: boolean) {
  const problems: string[] = [];
  const tables: Record<string, number> = {};
  const names = await query(
    `select schemaname || '.' || quote_ident(tablename) as name from pg_tables
     where schemaname in ('public', 'drizzle') order by 1`,
  );
  for (const { name } of names) {
    const [row] = await query(`select count(*)::int as n from ${String(name)}`);
    tables[String(name)] = Number(row!.n);
  }
  const [bad] = await query(
    `select count(*)::int as n from deal_attachments where encode(sha256(data), 'hex') <> sha256 or length(data) <> size_bytes`,
  );
  if (Number(bad!.n) > 0) problems.push(`${String(bad!.n)} stored files do not match their hash or size`);
  let indexesChecked = 0;
  if (withAmcheck) {
    await query('create extension if not exists amcheck');
    const indexes = await query(
      `select c.oid::regclass::text as name from pg_index i join pg_class c on c.oid = i.indexrelid
       join pg_am am on am.oid = c.relam join pg_namespace n on n.oid = c.relnamespace
       where am.amname = 'btree' and n.nspname in ('public', 'drizzle')`,
    );
    for (const { name } of indexes) {
      try {
        // heapallindexed: every row of the table is found in the index too
        await query(`select bt_index_check('${String(name)}'::regclass, true)`);
        indexesChecked += 1;
      } catch (error) {
        problems.push(`index ${String(name)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return { tables, indexesChecked, problems };
}

/** Opens the embedded database's folder directly, as nothing but PGlite, after the server was killed. */
async function checkFolder(dataDir: string) {
  const db = await PGlite.create(path.join(dataDir, 'pgdata'), { extensions: { pg_trgm, amcheck } });
  try {
    return await checkTables(async (text) => (await db.query<Record<string, unknown>>(text)).rows, true);
  } finally {
    await db.close();
  }
}

async function checkServer(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await checkTables(async (text) => (await client.query<Record<string, unknown>>(text)).rows, false);
  } finally {
    await client.end();
  }
}

export async function runCrashCycles(o: CrashOptions): Promise<CrashReport> {
  const began = Date.now();
  const log = o.log ?? (() => undefined);
  const fullEvery = o.fullCheckEvery ?? 5;
  const dataDir = o.target.backend === 'pglite' ? await mkdtemp(path.join(tmpdir(), 'trellis-crash-')) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TRELLIS_ADMIN_EMAIL: ADMIN.email,
    TRELLIS_ADMIN_PASSWORD: ADMIN.password,
    TRELLIS_PUBLIC_URL: 'http://trellis.test',
    // the job runner writes too (outbox dispatch, mail) while the load runs
    TRELLIS_JOBS: 'on',
    // the load is as fast as the server allows: the per-key limit would refuse it, not test durability
    TRELLIS_API_RATE_LIMIT: '0',
  };
  if (o.target.backend === 'postgres') env.DATABASE_URL = o.target.url;
  else {
    delete env.DATABASE_URL;
    env.TRELLIS_DATA_DIR = dataDir;
  }

  const proc: { child: ChildProcess | null } = { child: null };
  const killOnExit = () => proc.child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  const startTimes: number[] = [];
  const start = async () => {
    const t0 = Date.now();
    const started = startServerProcess(env);
    proc.child = started.child;
    const url = await started.url;
    startTimes.push(Date.now() - t0);
    return url;
  };

  const ledger = newLedger();
  const problems: string[] = [];
  let verifiedReads = 0;
  const killRng = seeded(o.seed);
  try {
    let url = await start();
    const admin = new HttpBrowser(url);
    await admin.login(ADMIN.email, ADMIN.password);
    const key = await admin.request('POST', '/api/v1/api-keys', { name: 'crash load', role: 'admin' });
    if (key.statusCode !== 201) throw new Error(`api key: ${key.body}`);
    const vendor = new KeyClient((key.json() as { secret: string }).secret);
    vendor.baseUrl = url;
    const program = await dealProgram(vendor);
    const partner = new KeyClient((await dealPartnerKey(vendor, program.id)).key);
    const clients: Clients = { vendor, partner, programId: program.id };

    const check = async (cycle: number, all: boolean) => {
      const result = await verify(ledger, clients, all);
      verifiedReads += result.read;
      problems.push(...result.problems.map((p) => `after kill ${cycle}: ${p}`));
      return result.read;
    };
    for (let cycle = 1; cycle <= o.kills; cycle++) {
      if (cycle > 1) {
        url = await start();
        vendor.baseUrl = partner.baseUrl = url;
        const read = await check(cycle - 1, (cycle - 1) % fullEvery === 0);
        log(`kill ${cycle - 1}: restarted in ${startTimes.at(-1)} ms, ${read} objects read back`);
      }
      partner.baseUrl = url;
      const loadRng = seeded(o.seed * 7919 + cycle);
      let loading = true;
      const load = writeUntilKilled(loadRng, o.writers, clients, ledger).finally(() => {
        loading = false;
      });
      // the clock starts at the cycle's first acknowledged write, so that every cycle kills a server under load
      const before = ledger.acknowledged;
      while (ledger.acknowledged === before && ledger.failures.length === 0 && loading) await sleep(10);
      const [min, max] = o.killAfterMs;
      await sleep(min + killRng() * (max - min));
      await killProcess(proc.child!);
      await load;
      ledger.failures.splice(0).forEach((f) => problems.push(`during cycle ${cycle}: ${f}`));
    }

    // the data as the last kill left it, opened by nothing but the database itself
    const direct = dataDir ? await checkFolder(dataDir) : await checkServer((o.target as { url: string }).url);
    problems.push(...direct.problems);
    url = await start();
    vendor.baseUrl = partner.baseUrl = url;
    const read = await check(o.kills, true);
    log(`after kill ${o.kills}: every one of ${read} objects read back`);
    await stopProcess(proc.child!);
    return {
      backend: o.target.backend,
      kills: o.kills,
      acknowledged: ledger.acknowledged,
      unanswered: ledger.unanswered,
      objects: ledger.objects.length,
      verifiedReads,
      tables: direct.tables,
      indexesChecked: direct.indexesChecked,
      startMs: {
        min: Math.min(...startTimes),
        max: Math.max(...startTimes),
        mean: Math.round(startTimes.reduce((a, b) => a + b, 0) / startTimes.length),
      },
      elapsedMs: Date.now() - began,
      problems,
    };
  } finally {
    if (proc.child) await killProcess(proc.child);
    process.off('exit', killOnExit);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}
