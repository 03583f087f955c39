import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { hit, purgeOldWindows } from './counter.js';
import { rateLimits } from './schema.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.close());

const MINUTE = 60_000;
const rows = () => db.run({ kind: 'system' }, (tx) => tx.select().from(rateLimits));

describe('rate-limit counters in the database', () => {
  it('counts concurrent requests exactly once each', async () => {
    const now = new Date();
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => hit(db, 'bucket:a', 10, MINUTE, now)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
    expect(verdicts.map((v) => v.remaining).sort((x, y) => x - y)).toEqual([0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("starts a new window, clearing the bucket's old one", async () => {
    const first = new Date('2026-03-01T10:00:10Z');
    await hit(db, 'bucket:b', 1, MINUTE, first);
    expect((await hit(db, 'bucket:b', 1, MINUTE, first)).allowed).toBe(false);
    const next = new Date('2026-03-01T10:01:00Z');
    expect((await hit(db, 'bucket:b', 1, MINUTE, next)).allowed).toBe(true);
    expect((await rows()).filter((r) => r.bucket === 'bucket:b').map((r) => r.windowStart)).toEqual([next]);
  });

  it('purges windows older than a day', async () => {
    await hit(db, 'bucket:old', 5, MINUTE, new Date(Date.now() - 2 * 24 * 3_600_000));
    await hit(db, 'bucket:new', 5, MINUTE);
    expect(await purgeOldWindows(db)).toBeGreaterThanOrEqual(1);
    const buckets = (await rows()).map((r) => r.bucket);
    expect(buckets).toContain('bucket:new');
    expect(buckets).not.toContain('bucket:old');
  });
});
