import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { LOCK_SUBMISSIONS_SQL } from '../../src/modules/deals/conflict-sql.js';
import { percentiles } from './load.js';

/**
 * Loaded into a server process (`--import`) for a diagnostic run only, never for the measured ones: times every
 * transaction that takes the submissions lock, as the driver sees it — statements and time before the lock, the
 * wait for it, and how long it is held (statements inside it, and the time the connection was busy with them:
 * the rest of the time held, the process was between statements). Written as JSON to TRELLIS_BENCH_TRACE when the process exits.
 */

type Open = {
  begunAt: number;
  before: number;
  askedAt?: number;
  lockedAt?: number;
  inLock: number;
  databaseInLock: number;
  /** When the connection last answered: statements queued behind another one are not counted twice. */
  lastEnd: number;
};
type Closed = {
  beforeMs: number;
  statementsBefore: number;
  waitMs: number;
  holdMs: number;
  statementsInLock: number;
  databaseInLockMs: number;
};

const open = new WeakMap<object, Open>();
const closed: Closed[] = [];
/** Statements run while holding the lock, by their text: how often, and the connection's time on them. */
const inLock = new Map<string, { count: number; ms: number }>();
type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;

function textOf(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  return typeof arg === 'object' && arg !== null && 'text' in arg ? String((arg as { text: unknown }).text) : '';
}

function observe(client: object, text: string, startedAt: number, endedAt: number): void {
  if (/^\s*begin/i.test(text)) {
    open.set(client, { begunAt: startedAt, before: 0, inLock: 0, databaseInLock: 0, lastEnd: endedAt });
    return;
  }
  const tx = open.get(client);
  if (!tx) return;
  if (text === LOCK_SUBMISSIONS_SQL) {
    tx.askedAt = startedAt;
    tx.lockedAt = endedAt;
  } else if (tx.lockedAt !== undefined) {
    const busy = Math.max(0, endedAt - Math.max(startedAt, tx.lastEnd));
    tx.inLock += 1;
    tx.databaseInLock += busy;
    const label = text.replace(/\s+/g, ' ').slice(0, 100);
    const seen = inLock.get(label) ?? { count: 0, ms: 0 };
    inLock.set(label, { count: seen.count + 1, ms: seen.ms + busy });
  } else tx.before += 1;
  tx.lastEnd = endedAt;
  if (/^\s*(commit|rollback)/i.test(text)) {
    open.delete(client);
    if (tx.lockedAt === undefined || tx.askedAt === undefined) return;
    closed.push({
      beforeMs: tx.askedAt - tx.begunAt,
      statementsBefore: tx.before,
      waitMs: tx.lockedAt - tx.askedAt,
      holdMs: endedAt - tx.lockedAt,
      statementsInLock: tx.inLock,
      databaseInLockMs: tx.databaseInLock,
    });
  }
}

pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const text = textOf(args[0]);
  const startedAt = performance.now();
  const done = () => observe(this, text, startedAt, performance.now());
  const callback = args.findIndex((a) => typeof a === 'function');
  if (callback >= 0) {
    const cb = args[callback] as (...r: unknown[]) => void;
    args[callback] = (...r: unknown[]) => {
      done();
      cb(...r);
    };
    return original.apply(this, args);
  }
  const result = original.apply(this, args);
  if (result instanceof Promise)
    return result.then(
      (r: unknown) => {
        done();
        return r;
      },
      (e: unknown) => {
        done();
        throw e;
      },
    );
  return result;
} as typeof pg.Client.prototype.query;

process.on('exit', () => {
  const file = process.env.TRELLIS_BENCH_TRACE;
  if (!file) return;
  const of = (key: keyof Closed) => percentiles(closed.map((c) => c[key]));
  writeFileSync(
    file,
    JSON.stringify({
      transactions: closed.length,
      beforeLockMs: of('beforeMs'),
      statementsBeforeLock: of('statementsBefore'),
      lockWaitMs: of('waitMs'),
      lockHeldMs: of('holdMs'),
      statementsInLock: of('statementsInLock'),
      databaseInLockMs: of('databaseInLockMs'),
      statementsHoldingLock: [...inLock.entries()]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 25)
        .map(([statement, v]) => ({
          statement,
          perRegistration: Math.round((v.count / Math.max(closed.length, 1)) * 100) / 100,
          msPerRegistration: Math.round((v.ms / Math.max(closed.length, 1)) * 100) / 100,
        })),
    }),
  );
});
