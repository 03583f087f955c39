import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/platform/paths.js';
import type { LoadResult, Percentiles } from './load.js';

/** The results as JSON (for tools) and as a page people read, with the figures against their targets. */

export function machine() {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: packageRoot }).toString().trim();
  } catch {
    // not a checkout
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    trellis: (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version,
    commit,
  };
}

type Lock = { heldShare: number; meanWaiting: number; heldMsPerRegistration: number; waitMsPerRegistration: number };
type Run = LoadResult & { lock: Lock; loadAverageAfter: number[] };
type Timing = { calls: number; matched: number; latencyMs: Percentiles };
type Trace = Record<string, Percentiles | number> | null;
export type Results = {
  date: string;
  minutes: number;
  machine: ReturnType<typeof machine>;
  loadAverage: { start: number[]; end: number[] };
  postgres: Record<string, string>;
  config: { largeRegistrations: number; connections: number; warmupSeconds: number; durationSeconds: number } & Record<
    string,
    unknown
  >;
  seeding: Record<string, unknown>;
  throughput: {
    perSecond: { api: number; baseline: number };
    runs: { api: Run[]; baseline: Run[] };
    ratio: number;
    target: number;
    pass: boolean;
    rowsPerRegistration: Record<string, number>;
  };
  detection: {
    small: Timing;
    large: Timing;
    largeAfterLoad: Timing;
    ratio: number;
    target: number;
    pass: boolean;
    ginIndexesAfterLoad: object[];
    overHttp: { small: Timing; large: Timing; ratio: number };
    samePipeline: { active: number; large: Timing; ratio: number };
  };
  trace: { api: unknown; baseline: unknown };
  explain: { large: string[]; small: string[] };
};

const n = (v: number) => v.toLocaleString('en');
const verdict = (pass: boolean) => (pass ? '**pass**' : '**FAIL**');

function runRow(label: string, r: Run): string {
  const submitted = (r.outcome.submitted ?? 0) + (r.outcome.protected ?? 0) + (r.outcome.approved ?? 0);
  const failed = r.requests - Object.values(r.outcome).reduce((a, b) => a + b, 0);
  return `| ${label} | ${r.perSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${n(r.requests)} | ${n(submitted)} | ${n(r.outcome.conflict ?? 0)} | ${n(failed)} | ${r.loadAverageAfter[0]!.toFixed(2)} |`;
}

const failures = (runs: { api: Run[]; baseline: Run[] }) => [...runs.api, ...runs.baseline].flatMap((r) => r.errors);

function lockRow(label: string, l: Lock): string {
  return `| ${label} | ${Math.round(l.heldShare * 100)} % | ${l.meanWaiting} | ${l.heldMsPerRegistration} | ${l.waitMsPerRegistration} |`;
}

function timingRow(label: string, t: Timing): string {
  return `| ${label} | ${n(t.calls)} | ${n(t.matched)} | ${t.latencyMs.p50} | ${t.latencyMs.p95} | ${t.latencyMs.p99} |`;
}

function traceRows(trace: { api: unknown; baseline: unknown }): string[] {
  const api = trace.api as Trace;
  const base = trace.baseline as Trace;
  const rows: [string, string][] = [
    ['transactions traced', 'transactions'],
    ['statements before the lock (median)', 'statementsBeforeLock'],
    ['time from begin to asking for the lock, ms (median)', 'beforeLockMs'],
    ['wait for the lock, ms (median / p95)', 'lockWaitMs'],
    ['lock held, ms (median / p95)', 'lockHeldMs'],
    ['statements while holding it, commit included (median)', 'statementsInLock'],
    ['of the time held, the connection busy with them, ms (median)', 'databaseInLockMs'],
  ];
  const cell = (t: Trace, key: string, both: boolean) => {
    const v = t?.[key];
    if (v === undefined) return '–';
    if (typeof v === 'number') return n(v);
    return both ? `${v.p50} / ${v.p95}` : `${v.p50}`;
  };
  return rows.map(([label, key]) => {
    const both = label.includes('p95');
    return `| ${label} | ${cell(api, key, both)} | ${cell(base, key, both)} |`;
  });
}

function holdingRows(trace: unknown): string[] {
  const rows = (
    trace as {
      statementsHoldingLock?: { statement: string; perRegistration: number; msPerRegistration: number }[];
    } | null
  )?.statementsHoldingLock;
  return (rows ?? []).map(
    (s) => `| \`${s.statement.replace(/\|/g, '\\|')}\` | ${s.perRegistration} | ${s.msPerRegistration} |`,
  );
}

export function markdown(r: Results): string {
  const t = r.throughput;
  const d = r.detection;
  const m = r.machine;
  return [
    '# Deal registration benchmark',
    '',
    `Run ${r.date.slice(0, 16).replace('T', ' ')} UTC in ${r.minutes} minutes on ${m.cores} × ${m.cpu}, ${m.memoryGb} GB, ${m.os};`,
    `Node ${m.node}, PostgreSQL ${r.postgres.server_version}, Trellis ${m.trellis} (${m.commit}). How to run it and what it`,
    'measures: [bench/README.md](../README.md).',
    `Load average (1, 5, 15 min) at the start ${r.loadAverage.start.map((v) => v.toFixed(2)).join(', ')}, at the end ${r.loadAverage.end.map((v) => v.toFixed(2)).join(', ')}.`,
    '',
    '| measure | figure | target | result |',
    '| --- | --- | --- | --- |',
    `| registrations per second, API ÷ bare-driver baseline (${t.perSecond.api} ÷ ${t.perSecond.baseline}) | ${t.ratio} | ≥ ${t.target} | ${verdict(t.pass)} |`,
    `| conflict check median, ${n(r.config.largeRegistrations)} ÷ 10,000 registrations (${d.large.latencyMs.p50} ÷ ${d.small.latencyMs.p50} ms) | ${d.ratio} | ≤ ${d.target} | ${verdict(d.pass)} |`,
    `| the same through the API, as the form asks it (${d.overHttp.large.latencyMs.p50} ÷ ${d.overHttp.small.latencyMs.p50} ms) | ${d.overHttp.ratio} | – | for reference |`,
    `| conflict check median, ${n(r.config.largeRegistrations)} registrations of which ${n(d.samePipeline.active)} active (as at 10,000) ÷ 10,000 (${d.samePipeline.large.latencyMs.p50} ÷ ${d.small.latencyMs.p50} ms) | ${d.samePipeline.ratio} | – | for reference |`,
    '',
    `## Registering through HTTP, ${n(r.config.largeRegistrations)} registrations already stored`,
    '',
    `${r.config.connections} connections, each sending its next registration when the last is answered, for ${r.config.durationSeconds} s after`,
    `${r.config.warmupSeconds} s of warm-up; nine in ten are new customers, one in ten a customer someone holds (spelled differently).`,
    'Rounds alternate the baseline and the API; the ratio is of all registrations over all measured seconds.',
    'Latency in milliseconds.',
    '',
    '| run | per second | p50 | p95 | p99 | max | answered | holding | conflict | failed | load average after |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...t.runs.baseline.flatMap((b, i) => [
      runRow(`baseline (bare \`pg\`, same statements), round ${i + 1}`, b),
      runRow(`API (\`POST /api/v1/deals\`), round ${i + 1}`, t.runs.api[i]!),
    ]),
    '',
    'The submissions lock, looked at every 10 ms during the same runs:',
    '',
    '| run | lock held | transactions waiting (mean) | held per registration, ms | waited per registration, ms |',
    '| --- | --- | --- | --- | --- |',
    ...t.runs.baseline.flatMap((b, i) => [
      lockRow(`baseline, round ${i + 1}`, b.lock),
      lockRow(`API, round ${i + 1}`, t.runs.api[i]!.lock),
    ]),
    '',
    `Rows one API registration adds, by table: ${Object.entries(t.rowsPerRegistration)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    ...(failures(t.runs).length ? ['', 'First failures:', '', '```', ...failures(t.runs), '```'] : []),
    '',
    '## Where the time goes',
    '',
    `Separate ${String(r.config.traceSeconds)} s runs with every database call of the server timed by its driver (not the measured runs):`,
    '',
    '| per registration | API | baseline |',
    '| --- | --- | --- |',
    ...traceRows(r.trace),
    '',
    'Statements the API runs while holding the lock, by the time the connection spends on them:',
    '',
    '| statement | per registration | ms per registration |',
    '| --- | --- | --- |',
    ...holdingRows(r.trace.api),
    '',
    '## The conflict check alone',
    '',
    '`trellis_deal_matches` as the service calls it, one call after another on one connection, for new customers',
    '(nine in ten) and held ones; milliseconds, measured by the client.',
    '',
    '| registrations stored | calls | matched | median | p95 | p99 |',
    '| --- | --- | --- | --- | --- | --- |',
    timingRow('10,000', d.small),
    timingRow(n(r.config.largeRegistrations), d.large),
    timingRow(`${n(r.config.largeRegistrations)}, after the load runs`, d.largeAfterLoad),
    timingRow(
      `${n(r.config.largeRegistrations)}, of which ${n(d.samePipeline.active)} active (the 10,000 database's pipeline)`,
      d.samePipeline.large,
    ),
    '',
    "The same customers through the API (`POST /api/v1/deals/conflict-check`, a partner's API key), one request after",
    'another, before the load runs:',
    '',
    '| registrations stored | calls | matched | median | p95 | p99 |',
    '| --- | --- | --- | --- | --- | --- |',
    timingRow('10,000', d.overHttp.small),
    timingRow(n(r.config.largeRegistrations), d.overHttp.large),
    '',
    `GIN indexes of the registrations after the load runs: \`${JSON.stringify(d.ginIndexesAfterLoad)}\`.`,
    '',
    '### Plans inside the check',
    '',
    `At ${n(r.config.largeRegistrations)}:`,
    '',
    '```',
    ...r.explain.large,
    '```',
    '',
    'At 10,000:',
    '',
    '```',
    ...r.explain.small,
    '```',
    '',
    '## Set-up',
    '',
    `PostgreSQL settings: ${Object.entries(r.postgres)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
    `Seeding (seconds): \`${JSON.stringify(r.seeding)}\`.`,
    '',
  ].join('\n');
}

export function writeReport(dir: string, results: Results): void {
  writeFileSync(path.join(dir, 'deal-registration.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(path.join(dir, 'deal-registration.md'), markdown(results));
}
