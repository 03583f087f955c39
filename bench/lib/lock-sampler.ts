import pg from 'pg';
import { DEAL_SUBMIT_LOCK } from '../../src/modules/deals/conflict-sql.js';

/**
 * Looks at the submissions lock every few milliseconds while a load runs: how often someone holds it, and how
 * many transactions wait for it. With the count of registrations, Little's law turns these into the time each
 * registration held the lock and waited for it.
 */
export type LockSample = { samples: number; heldShare: number; meanWaiting: number };

export async function sampleLock(url: string, everyMs = 10): Promise<{ stop(): Promise<LockSample> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const key = BigInt(DEAL_SUBMIT_LOCK);
  const params = [String(key >> 32n), String(key & 0xffffffffn)];
  let running = true;
  let samples = 0;
  let held = 0;
  let waiting = 0;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ held: number; waiting: number }>(
        `select count(*) filter (where granted)::int as held, count(*) filter (where not granted)::int as waiting
           from pg_locks where locktype = 'advisory' and classid = $1::oid and objid = $2::oid and objsubid = 1
             and database = (select oid from pg_database where datname = current_database())`,
        params,
      );
      samples += 1;
      held += rows[0]!.held > 0 ? 1 : 0;
      waiting += rows[0]!.waiting;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return {
        samples,
        heldShare: Math.round((held / Math.max(samples, 1)) * 1000) / 1000,
        meanWaiting: Math.round((waiting / Math.max(samples, 1)) * 10) / 10,
      };
    },
  };
}
