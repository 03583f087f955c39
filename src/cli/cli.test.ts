import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLock } from '../platform/db/data-lock.js';
import { packageRoot } from '../platform/paths.js';
import { createPostgresDatabase, testDatabaseUrl } from '../test/database.js';

const run = promisify(execFile);
const bin = path.join(packageRoot, 'bin', 'trellis.mjs');
let dataDir: string;
let backupFile: string;
let env: NodeJS.ProcessEnv;
let drop = async () => {};

const trellis = async (...args: string[]) => {
  const { stdout } = await run(process.execPath, [bin, ...args], { env, timeout: 60_000 });
  return stdout;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'trellis-cli-'));
  backupFile = path.join(dataDir, 'backup.jsonl.gz');
  env = {
    ...process.env,
    TRELLIS_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    TRELLIS_ADMIN_EMAIL: 'ops@example.com',
    TRELLIS_ADMIN_PASSWORD: 'correct-horse-battery-staple',
  };
  delete env.DATABASE_URL;
  if (testDatabaseUrl) {
    const created = await createPostgresDatabase();
    env.DATABASE_URL = created.url;
    drop = created.drop;
  }
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await drop();
});

describe('the trellis command', () => {
  it('lists its commands, each with its own help', async () => {
    const help = await trellis('--help');
    for (const c of ['serve', 'migrate', 'backup', 'restore', 'move-to-postgres', 'user', 'apikey', 'product'])
      expect(help).toContain(c);
    expect(await trellis('product', 'create', '--help')).toContain('--title');
    expect(await trellis('user', 'create', '--help')).toContain('--role');
    expect(await trellis('apikey', 'create', '--help')).toContain('--partner');
  });

  it('works on the data alone, and through a running server that holds the data', async () => {
    expect(await trellis('migrate')).toContain('Migrations applied');
    expect(await trellis('product', 'create', '--title', 'Offline Product', '--tag', 'cli')).toContain(
      'Offline Product',
    );
    const server = spawn(process.execPath, [bin, 'serve'], {
      env: { ...env, PORT: '0', TRELLIS_JOBS: 'off' },
      stdio: 'ignore',
    });
    try {
      // the server announces itself in the lock file once it listens (embedded database only)
      let url: string | undefined;
      for (let i = 0; i < 200 && !url; i++) {
        await new Promise((r) => setTimeout(r, 100));
        url = testDatabaseUrl ? 'direct' : readLock(dataDir)?.url;
      }
      expect(url).toBeDefined();
      expect(await trellis('product', 'create', '--title', 'Online Product')).toContain('Online Product');
      const created = JSON.parse(
        await trellis('apikey', 'create', '--name', 'script', '--role', 'viewer', '--json'),
      ) as { secret: string };
      expect(created.secret).toMatch(/^trl_/);
      // a backup while the server runs: through it when it holds the embedded database
      expect(await trellis('backup', '-o', backupFile)).toMatch(
        testDatabaseUrl ? /Backed up \d+ tables, \d+ rows from PostgreSQL/ : /from the running server at http/,
      );
      if (!testDatabaseUrl) {
        // the key works against the server: the CLI's write went into the server's database
        const res = await fetch(`${url}/api/v1/products?q=Product`, {
          headers: { authorization: `Bearer ${created.secret}` },
        });
        const titles = ((await res.json()) as { items: { title: string }[] }).items.map((p) => p.title).sort();
        expect(titles).toEqual(['Offline Product', 'Online Product']);
      }
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    const listed = JSON.parse(await trellis('product', 'list', '--json')) as { items: { title: string }[] };
    expect(listed.items.map((p) => p.title).sort()).toEqual(['Offline Product', 'Online Product']);
    expect(readLock(dataDir)).toBeNull();
    const restored = await trellis('restore', '--dry-run', backupFile);
    expect(restored).toMatch(/products +2 +ok/);
    expect(restored).toContain('every count and checksum matches');
    // several CLI processes and a server start one after another: slow without a build, or on a busy machine
  }, 180_000);

  it.skipIf(testDatabaseUrl)(
    'refuses a move it cannot make, without printing the password',
    async () => {
      const failed = await run(
        process.execPath,
        [bin, 'move-to-postgres', '--to', 'postgres://trellis:s3cret@127.0.0.1:1/trellis'],
        { env },
      ).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain('Could not connect to postgres://trellis:***@127.0.0.1:1/trellis');
      expect(failed?.stderr).not.toContain('s3cret');
    },
    60_000,
  );

  it('reports a refused input with the field and a non-zero exit', async () => {
    const failed = await run(process.execPath, [bin, 'product', 'create', '--title', ' '], { env }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('title');
  });
});
