import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/platform/paths.js';
import { dealPartnerKey, dealProgram } from '../src/test/deals.js';
import { HttpBrowser } from '../src/test/http.js';
import { createDatabase, onServer, serverSettings, serverUrl } from './lib/databases.js';
import { type LockSample, sampleLock } from './lib/lock-sampler.js';
import { type LoadResult, runLoad } from './lib/load.js';
import {
  type Customer,
  explainMatches,
  heldCustomers,
  mix,
  newCustomers,
  timeChecksOverHttp,
  timeMatches,
} from './lib/matches.js';
import { type Running, startProcess } from './lib/processes.js';
import { machine, writeReport } from './lib/report.js';
import { seedDeals, verifyCustomers } from './lib/seed.js';

/**
 * Deal registration under load, on a database holding a million registrations: throughput and latency of
 * `POST /api/v1/deals` against a bare-driver baseline running the same conflict-check statements, and the cost of
 * the conflict check alone at 10,000 and at 1,000,000 registrations. See bench/README.md.
 */

const env = process.env;
const config = {
  largeRegistrations: Number(env.TRELLIS_BENCH_REGISTRATIONS ?? 1_000_000),
  smallRegistrations: 10_000,
  partners: 20,
  connections: 50,
  warmupSeconds: Number(env.TRELLIS_BENCH_WARMUP ?? 5),
  durationSeconds: Number(env.TRELLIS_BENCH_DURATION ?? 30),
  traceSeconds: 10,
  rounds: Number(env.TRELLIS_BENCH_ROUNDS ?? 2),
  collisionShare: 0.1,
  matchCalls: 1_000,
  matchWarmup: 100,
  apiPort: Number(env.TRELLIS_BENCH_PORT ?? 3310),
  baselinePort: Number(env.TRELLIS_BENCH_PORT ?? 3310) + 1,
  // the other databases' servers run next to the large one's
  smallApiPort: Number(env.TRELLIS_BENCH_PORT ?? 3310) + 2,
};
const targets = { throughputRatio: 0.5, detectionRatio: 2 };
const admin = { email: 'bench-admin@example.com', password: 'correct-horse-battery-staple' };
const built = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');
const resultsDir = path.join(packageRoot, 'bench', 'results');
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

type Db = Awaited<ReturnType<typeof createDatabase>> & {
  programId: string;
  partners: { id: string; key: string }[];
  seedSeconds: Record<string, number>;
};

function startApi(url: string, trace?: string, port = config.apiPort): Promise<Running> {
  const args = trace ? ['--import', 'tsx', '--import', './bench/lib/trace-pg.ts', built, 'serve'] : [built, 'serve'];
  return startProcess(
    trace ? 'api-traced' : 'api',
    args,
    {
      DATABASE_URL: url,
      HOST: '127.0.0.1',
      TRELLIS_ADMIN_EMAIL: admin.email,
      TRELLIS_ADMIN_PASSWORD: admin.password,
      TRELLIS_PUBLIC_URL: 'http://trellis.bench',
      // the bench measures throughput: the per-key limit would measure the limit instead
      TRELLIS_API_RATE_LIMIT: '0',
      ...(trace ? { TRELLIS_BENCH_TRACE: trace } : {}),
    },
    port,
  );
}

function startBaseline(url: string, trace?: string): Promise<Running> {
  const args = [
    '--import',
    'tsx',
    ...(trace ? ['--import', './bench/lib/trace-pg.ts'] : []),
    'bench/baseline-server.ts',
  ];
  return startProcess(
    trace ? 'baseline-traced' : 'baseline',
    args,
    { DATABASE_URL: url, ...(trace ? { TRELLIS_BENCH_TRACE: trace } : {}) },
    config.baselinePort,
  );
}

/** A fresh database with a vendor, a program and partners (with API keys) made through the API, then seeded. */
async function prepare(
  label: string,
  registrations: number,
  keepServer: boolean,
  active?: number,
): Promise<{ db: Db; api: Running | null }> {
  const created = await createDatabase(label);
  const api = await startApi(created.url, undefined, label === 'large' ? config.apiPort : config.smallApiPort);
  const vendor = new HttpBrowser(api.url);
  await vendor.login(admin.email, admin.password);
  const program = await dealProgram(vendor);
  const partners: Db['partners'] = [];
  for (let i = 0; i < config.partners; i++) {
    const { partner, key } = await dealPartnerKey(vendor, program.id, `Bench Reseller ${i + 1}`);
    partners.push({ id: partner.id, key });
  }
  log(`${label}: seeding ${registrations.toLocaleString('en')} registrations`);
  const seedSeconds = await onServer(
    (c) =>
      seedDeals(c, {
        count: registrations,
        partnerIds: partners.map((p) => p.id),
        programId: program.id,
        currency: 'USD',
        active,
      }),
    created.url,
  );
  log(`${label}: seeded in ${JSON.stringify(seedSeconds)}`);
  if (!keepServer) await api.stop();
  return { db: { ...created, programId: program.id, partners, seedSeconds }, api: keepServer ? api : null };
}

const closeDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
function registration(db: Db, c: Customer) {
  return JSON.stringify({
    programId: db.programId,
    customerName: c.name,
    customerDomain: c.domain,
    customerCountry: c.country,
    contactName: 'Pat Buyer',
    contactEmail: 'pat.buyer@example.com',
    amount: 4_800_000,
    expectedCloseDate: closeDate,
    attribution: 'sourced',
    submit: true,
  });
}

type Target = 'api' | 'baseline';
type Run = Awaited<ReturnType<typeof load>>;
/** One load run against the API or the baseline, with the submissions lock watched throughout. */
async function load(db: Db, target: Target, url: string, run: number, seconds: number) {
  const [fresh, held] = await onServer(
    async (c) => [await newCustomers(c, run, 80_000), await heldCustomers(c, 2_000)] as const,
    db.url,
  );
  const customerOf = mix(fresh, held, config.collisionShare);
  const sampler = await sampleLock(db.url);
  const result = await runLoad({
    url,
    connections: config.connections,
    warmupMs: config.warmupSeconds * 1000,
    durationMs: seconds * 1000,
    next: (i) => {
      const partner = db.partners[i % db.partners.length]!;
      const headers: Record<string, string> =
        target === 'api' ? { authorization: `Bearer ${partner.key}` } : { 'x-partner-id': partner.id };
      return { path: '/api/v1/deals', body: registration(db, customerOf(i)), headers };
    },
  });
  const lock = await sampler.stop();
  return { ...result, lock: lockPerRegistration(lock, result), loadAverageAfter: os.loadavg() };
}

/** Little's law: the lock's busy time and queue length over the run, shared out over the registrations. */
function lockPerRegistration(lock: LockSample, r: LoadResult) {
  const perRegistration = (v: number) => Math.round(((v * r.seconds * 1000) / Math.max(r.requests, 1)) * 100) / 100;
  return {
    ...lock,
    heldMsPerRegistration: perRegistration(lock.heldShare),
    waitMsPerRegistration: perRegistration(lock.meanWaiting),
  };
}

/** Counts of rows a registration leaves behind, table by table. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const tables = ['deals', 'deal_events', 'deal_conflicts', 'audit_log', 'outbox_events', 'mail_messages', 'jobs'];
  return onServer(async (c) => {
    const out: Record<string, number> = {};
    for (const t of tables) out[t] = Number((await c.query(`select count(*) from ${t}`)).rows[0].count);
    return out;
  }, url);
}

async function traced(db: Db, target: Target): Promise<unknown> {
  const file = path.join(tmpdir(), `trellis-bench-trace-${target}-${process.pid}.json`);
  const server = target === 'api' ? await startApi(db.url, file) : await startBaseline(db.url, file);
  try {
    await load(db, target, server.url, target === 'api' ? 97 : 98, config.traceSeconds);
  } finally {
    await server.stop();
  }
  if (!existsSync(file)) return null;
  const trace = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  rmSync(file);
  return trace;
}

/** The probe customers, with this database's held ones (one in ten) in place of as many new ones. */
async function probeFor(db: Db, customers: Customer[]): Promise<Customer[]> {
  const held = await onServer((c) => heldCustomers(c, Math.round(config.matchCalls * config.collisionShare)), db.url);
  return [...customers.slice(0, config.matchCalls - held.length), ...held];
}

async function detection(db: Db, customers: Customer[]) {
  const all = await probeFor(db, customers);
  return onServer((c) => timeMatches(c, all, config.matchWarmup), db.url);
}

async function detectionOverHttp(db: Db, server: Running, customers: Customer[]) {
  return timeChecksOverHttp(server.url, db.partners[0]!.key, await probeFor(db, customers), config.matchWarmup);
}

async function main() {
  if (!existsSync(built)) throw new Error('Build the server first: npm run build:server');
  mkdirSync(resultsDir, { recursive: true });
  const startedAt = new Date();
  // other work on the machine skews every figure; the report says how busy it was
  const loadAtStart = os.loadavg();
  log(`PostgreSQL at ${new URL(serverUrl).host}`);
  const small = await prepare('small', config.smallRegistrations, true);
  const large = await prepare('large', config.largeRegistrations, true);
  const dbs = [small.db, large.db];
  const api = large.api!;
  try {
    const verified = await onServer((c) => verifyCustomers(c, 5_000), large.db.url);
    log(`seeded names and domains equal the service's normalization on ${verified.checked} samples`);

    // the conflict check alone, on the same new customers at both sizes, as the indexes stand after seeding
    const probe = await onServer((c) => newCustomers(c, 99, config.matchCalls), large.db.url);
    const detectSmall = await detection(small.db, probe);
    const detectLarge = await detection(large.db, probe);
    log(`conflict check: median ${detectSmall.latencyMs.p50} ms (small), ${detectLarge.latencyMs.p50} ms (large)`);
    // the same customers through the API, as the partner's form asks; one server at a time on the machine
    const httpSmall = await detectionOverHttp(small.db, small.api!, probe);
    await small.api!.stop();
    const httpLarge = await detectionOverHttp(large.db, api, probe);
    log(`through the API: median ${httpSmall.latencyMs.p50} ms (small), ${httpLarge.latencyMs.p50} ms (large)`);
    // a million registrations again, but as many active as at 10,000: history grows, the pipeline does not
    const pipeline = Math.round(config.smallRegistrations * 0.15);
    const history = await prepare('history', config.largeRegistrations, false, pipeline);
    const detectHistory = await detection(history.db, probe);
    await history.db.drop();
    log(`conflict check with the small pipeline: median ${detectHistory.latencyMs.p50} ms`);
    const explain = await onServer(async (c) => {
      const held = await heldCustomers(c, 1);
      return explainMatches(c, [...probe.slice(0, 2), ...held]);
    }, large.db.url);
    const explainSmall = await onServer((c) => explainMatches(c, probe.slice(0, 1)), small.db.url);

    // throughput: rounds of the baseline then the API, each run on a vacuumed table (as autovacuum would leave
    // it) and on customers of its own; alternating spreads whatever else the machine does over both
    const vacuum = () => onServer((c) => c.query('vacuum (analyze) deals'), large.db.url);
    const baselineServer = await startBaseline(large.db.url);
    const runs: { api: Run[]; baseline: Run[] } = { api: [], baseline: [] };
    let rowsPerRegistration: Record<string, number> = {};
    try {
      for (let round = 0; round < config.rounds; round++) {
        await vacuum();
        log(`round ${round + 1}, baseline: ${config.connections} connections, ${config.durationSeconds} s`);
        runs.baseline.push(await load(large.db, 'baseline', baselineServer.url, 1 + 2 * round, config.durationSeconds));
        log(`baseline: ${runs.baseline.at(-1)!.perSecond}/s, p50 ${runs.baseline.at(-1)!.latencyMs.p50} ms`);
        await vacuum();
        const before = await rowCounts(large.db.url);
        log(`round ${round + 1}, API: ${config.connections} connections, ${config.durationSeconds} s`);
        runs.api.push(await load(large.db, 'api', api.url, 2 + 2 * round, config.durationSeconds));
        log(`API: ${runs.api.at(-1)!.perSecond}/s, p50 ${runs.api.at(-1)!.latencyMs.p50} ms`);
        const after = await rowCounts(large.db.url);
        const registered = Math.max(after.deals! - before.deals!, 1);
        rowsPerRegistration = Object.fromEntries(
          Object.keys(after).map((t) => [t, Math.round(((after[t]! - before[t]!) / registered) * 100) / 100]),
        );
      }
    } finally {
      await baselineServer.stop();
    }
    await api.stop();
    const perSecond = (rs: Run[]) =>
      Math.round((rs.reduce((a, r) => a + r.requests, 0) / rs.reduce((a, r) => a + r.seconds, 0)) * 10) / 10;
    const throughput = { api: perSecond(runs.api), baseline: perSecond(runs.baseline) };

    // where the time goes: the lock as each server's driver sees it (separate runs, not the measured ones)
    log('traced runs');
    await vacuum();
    const apiTrace = await traced(large.db, 'api');
    await vacuum();
    const trace = { api: apiTrace, baseline: await traced(large.db, 'baseline') };
    const detectAfter = await detection(large.db, probe);
    const gin = await onServer(async (c) => {
      await c.query('create extension if not exists pgstattuple');
      const { rows } = await c.query<{ index: string; pending_pages: number; pending_tuples: string }>(
        `select i.indexrelid::regclass::text as index, s.pending_pages, s.pending_tuples
           from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam,
                lateral pgstatginindex(i.indexrelid) s
          where i.indrelid = 'deals'::regclass and a.amname = 'gin'`,
      );
      return rows;
    }, large.db.url);

    const throughputRatio = Math.round((throughput.api / throughput.baseline) * 100) / 100;
    const detectionRatio = Math.round((detectLarge.latencyMs.p50 / detectSmall.latencyMs.p50) * 100) / 100;
    const httpRatio = Math.round((httpLarge.latencyMs.p50 / httpSmall.latencyMs.p50) * 100) / 100;
    const results = {
      date: startedAt.toISOString(),
      minutes: Math.round((Date.now() - startedAt.getTime()) / 600) / 100,
      machine: machine(),
      loadAverage: { start: loadAtStart, end: os.loadavg() },
      postgres: await serverSettings(large.db.url),
      config,
      seeding: {
        small: { registrations: config.smallRegistrations, seconds: small.db.seedSeconds },
        large: { registrations: config.largeRegistrations, seconds: large.db.seedSeconds },
        normalizationChecked: verified.checked,
      },
      throughput: {
        perSecond: throughput,
        runs,
        ratio: throughputRatio,
        target: targets.throughputRatio,
        pass: throughputRatio >= targets.throughputRatio,
        rowsPerRegistration,
      },
      detection: {
        small: detectSmall,
        large: detectLarge,
        largeAfterLoad: detectAfter,
        ratio: detectionRatio,
        target: targets.detectionRatio,
        pass: detectionRatio <= targets.detectionRatio,
        ginIndexesAfterLoad: gin,
        overHttp: { small: httpSmall, large: httpLarge, ratio: httpRatio },
        samePipeline: {
          active: pipeline,
          large: detectHistory,
          ratio: Math.round((detectHistory.latencyMs.p50 / detectSmall.latencyMs.p50) * 100) / 100,
        },
      },
      trace,
      explain: { large: explain, small: explainSmall },
    };
    writeReport(resultsDir, results);
    log(
      `throughput ratio ${throughputRatio} (target ≥ ${targets.throughputRatio}), detection ratio ${detectionRatio} (target ≤ ${targets.detectionRatio})`,
    );
  } finally {
    await small.api?.stop();
    await api.stop();
    if (!env.TRELLIS_BENCH_KEEP) for (const db of dbs) await db.drop();
  }
}

await main();
