import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { backendName, createPostgresDatabase, testDatabaseUrl } from '../../test/database.js';
import { type Database, openPglite, openPostgres } from '../db/database.js';
import { enqueueJob } from './enqueue.js';
import { JobRegistry } from './registry.js';
import { JobRunner } from './runner.js';
import { jobs } from './schema.js';

/** A database that outlives the handle: a folder for the embedded one, a named database on the server. */
async function durableDatabase(): Promise<{ open: () => Promise<Database>; remove: () => Promise<void> }> {
  if (testDatabaseUrl) {
    const { url, drop } = await createPostgresDatabase();
    return { open: () => openPostgres(url), remove: drop };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'trellis-jobs-'));
  return { open: () => openPglite(dir), remove: () => rm(dir, { recursive: true, force: true }) };
}

describe(`restart (${backendName})`, () => {
  test('a queued job survives a restart and the new process runs it', async () => {
    const store = await durableDatabase();
    try {
      const before = await store.open();
      await before.migrate();
      const id = await before.run({ kind: 'system' }, (tx) => enqueueJob(tx, 'welcome', { userId: 'u1' }));
      await before.close();

      const after = await store.open();
      try {
        await after.migrate();
        const seen: unknown[] = [];
        const registry = new JobRegistry().handle('welcome', async (job) => {
          seen.push(job.payload);
        });
        await new JobRunner({ db: after, registry }).tick();
        expect(seen).toEqual([{ userId: 'u1' }]);
        const [row] = await after.owner.select().from(jobs).where(eq(jobs.id, id!));
        expect(row!.status).toBe('done');
      } finally {
        await after.close();
      }
    } finally {
      await store.remove();
    }
  });
});
