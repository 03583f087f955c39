import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.js';
import { createTestEnv, type TestEnv } from '../../test/app.js';
import { createPartner } from '../partners/service.js';
import { createProgram } from '../programs/programs.service.js';
import { normalizeCompanyName } from './rules/company-name.js';

/**
 * The conflict check's name match (the index, the partial predicate, the threshold from the policy) must answer
 * exactly what pg_trgm's similarity() says: for any names and threshold, the same registrations.
 */

let env: TestEnv;
let partnerId: string;
let programId: string;
beforeAll(async () => {
  env = await createTestEnv();
  const ctx = env.ctx(systemActor('test'));
  partnerId = (await createPartner(ctx, { name: 'P' })).id;
  programId = (await createProgram(ctx, { name: 'Deals', programType: 'reseller', currency: 'USD' })).id;
});
afterAll(() => env.close());

const rows = async (query: ReturnType<typeof sql>) =>
  ((await env.db.owner.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

// few letters, so that names often share trigrams and sit near any threshold
const word = fc.stringMatching(/^[abcdeo]{2,7}$/);
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

describe('the conflict check by name', () => {
  it('finds exactly what similarity() finds, for any names and threshold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(name, { minLength: 5, maxLength: 40 }),
        name,
        fc.integer({ min: 1, max: 10 }),
        async (stored, query, tenths) => {
          const threshold = tenths / 10;
          await rows(sql`delete from deals`);
          for (const n of stored)
            await rows(
              sql`insert into deals (partner_id, program_id, status, customer_name, customer_name_key, currency) values (${partnerId}, ${programId}, 'submitted', ${n}, ${normalizeCompanyName(n)}, 'USD')`,
            );
          // statistics change the plan, never the answer
          if (stored.length % 2) await rows(sql`analyze deals`);
          await rows(sql`update deal_policy set name_similarity = ${threshold} where id = 1`);
          const key = normalizeCompanyName(query);
          const found = await rows(
            sql`select deal_id from trellis_deal_matches(null, ${key}, null) where matched_on = 'name' order by 1`,
          );
          const expected = await rows(
            sql`select id as deal_id from deals where similarity(customer_name_key, ${key}) >= ${threshold}::real order by 1`,
          );
          expect(found).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
