import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { JobRegistry } from '../../platform/jobs/registry.js';
import { JobRunner } from '../../platform/jobs/runner.js';
import { schedules } from '../../platform/jobs/schema.js';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/database.js';
import { IDENTITY_PURGE_JOB, registerIdentityJobs } from './purge.js';
import { loginAttempts, passwordResets, sessions, users } from './schema.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

const daysAgo = (days: number) => sql`now() - (${days}::double precision * interval '1 day')`;
const daysAhead = (days: number) => daysAgo(-days);

describe(`identity purge (${backendName})`, () => {
  test('the daily purge forgets what no rule needs any more after 30 days, and keeps the rest', async () => {
    const [user] = await db.owner
      .insert(users)
      .values({ email: 'ada@example.com', name: 'Ada', role: 'admin', passwordHash: 'x' })
      .returning();
    const session = (name: string, v: { created: number; seen: number; expires: number; ended?: number }) => ({
      tokenHash: name,
      csrfToken: name,
      userId: user!.id,
      createdAt: daysAgo(v.created),
      lastSeenAt: daysAgo(v.seen),
      expiresAt: v.expires >= 0 ? daysAgo(v.expires) : daysAhead(-v.expires),
      endedAt: v.ended === undefined ? null : daysAgo(v.ended),
    });
    await db.owner
      .insert(sessions)
      .values([
        session('live', { created: 1, seen: 0, expires: -6 }),
        session('expired-long-ago', { created: 40, seen: 34, expires: 33 }),
        session('expired-lately', { created: 10, seen: 4, expires: 3 }),
        session('ended-long-ago', { created: 35, seen: 31, expires: 28, ended: 31 }),
        session('ended-lately', { created: 3, seen: 2, expires: -4, ended: 2 }),
      ]);
    await db.owner.insert(loginAttempts).values([
      { email: 'old@example.com', ip: '192.0.2.1', succeeded: false, at: daysAgo(31) },
      { email: 'new@example.com', ip: '192.0.2.1', succeeded: false, at: daysAgo(29) },
    ]);
    await db.owner.insert(passwordResets).values([
      { userId: user!.id, tokenHash: 'old', createdAt: daysAgo(32), expiresAt: daysAgo(31) },
      { userId: user!.id, tokenHash: 'new', createdAt: daysAgo(2), expiresAt: daysAgo(2) },
    ]);
    const registry = new JobRegistry();
    registerIdentityJobs(registry, { db });

    await new JobRunner({ db, registry }).tick();

    const names = async (rows: Promise<{ name: string }[]>) => (await rows).map((r) => r.name).sort();
    expect(await names(db.owner.select({ name: sessions.tokenHash }).from(sessions))).toEqual([
      'ended-lately',
      'expired-lately',
      'live',
    ]);
    expect(await names(db.owner.select({ name: loginAttempts.email }).from(loginAttempts))).toEqual([
      'new@example.com',
    ]);
    expect(await names(db.owner.select({ name: passwordResets.tokenHash }).from(passwordResets))).toEqual(['new']);
    const [schedule] = await db.owner.select().from(schedules).where(eq(schedules.name, IDENTITY_PURGE_JOB));
    expect(schedule).toMatchObject({ jobKind: IDENTITY_PURGE_JOB, everySeconds: 86_400 });
  });
});
