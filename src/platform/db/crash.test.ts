import { afterAll, describe, expect, it } from 'vitest';
import { runCrashCycles } from '../../test/crash/run.js';
import { PGLITE_DURABILITY } from './database.js';
import { backendName, createPostgresDatabase, testDatabaseUrl } from '../../test/database.js';

/**
 * The server killed with SIGKILL at random moments under a mixed write load, twenty times, and started again
 * on the same data: every write it acknowledged is there and whole, and the data opens cleanly on its own.
 * `npm run crash -- --kills N` runs the same for longer.
 */

const KILLS = 20;
let drop = async () => {};
afterAll(() => drop());

describe('crash safety', () => {
  it('the embedded database keeps relaxed durability off: a write is in the folder before it is acknowledged', () => {
    expect(PGLITE_DURABILITY).toEqual({ relaxedDurability: false });
  });

  it(`${KILLS} kills with SIGKILL under load on ${backendName}: nothing acknowledged is lost or half-written`, async () => {
    let url: string | undefined;
    if (testDatabaseUrl) ({ url, drop } = await createPostgresDatabase());
    const report = await runCrashCycles({
      target: url ? { backend: 'postgres', url } : { backend: 'pglite' },
      kills: KILLS,
      seed: Number(process.env.CRASH_SEED ?? 20_261_121),
      writers: 4,
      killAfterMs: [50, 1000],
    });
    console.log(JSON.stringify({ ...report, tables: Object.keys(report.tables).length }));
    expect(report.problems).toEqual([]);
    expect(report.kills).toBe(KILLS);
    // every cycle wrote before its kill, and what was written was read back
    expect(report.acknowledged).toBeGreaterThan(KILLS);
    expect(report.verifiedReads).toBeGreaterThanOrEqual(report.objects);
    expect(report.tables['public.deals']).toBeGreaterThan(0);
  }, 900_000);
});
