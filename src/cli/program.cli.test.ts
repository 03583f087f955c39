import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLock } from '../platform/db/data-lock.js';
import { packageRoot } from '../platform/paths.js';
import { createPostgresDatabase, testDatabaseUrl } from '../test/database.js';
import { programData, programText, SVG_BADGE } from '../test/program-file.js';

const run = promisify(execFile);
const bin = path.join(packageRoot, 'bin', 'trellis.mjs');
let dataDir: string;
let workDir: string;
let env: NodeJS.ProcessEnv;
let drop = async () => {};

const trellis = async (...args: string[]) => {
  const { stdout } = await run(process.execPath, [bin, ...args], { env, cwd: workDir, timeout: 120_000 });
  return stdout;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'trellis-cli-'));
  workDir = mkdtempSync(path.join(tmpdir(), 'trellis-files-'));
  mkdirSync(path.join(workDir, 'badges'));
  writeFileSync(path.join(workDir, 'badges', 'gold.svg'), SVG_BADGE);
  const data = programData('cli-program');
  data.tiers[2]!.badge = 'badges/gold.svg';
  writeFileSync(path.join(workDir, 'program.yaml'), programText(data));
  env = { ...process.env, TRELLIS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (testDatabaseUrl) {
    const created = await createPostgresDatabase();
    env.DATABASE_URL = created.url;
    drop = created.drop;
  }
});
afterAll(async () => {
  for (const dir of [dataDir, workDir]) rmSync(dir, { recursive: true, force: true });
  await drop();
});

// each command starts a process that opens the database: slow on a busy machine
const slow = { timeout: 240_000 };

describe('trellis program', () => {
  it('explains plan, apply and export', slow, async () => {
    expect(await trellis('program', 'apply', '--help')).toContain('refused whole');
    expect(await trellis('program', 'export', '--help')).toContain('--output');
  });

  it(
    'applies a file with a badge beside it, then plans no change, and exports a file that applies back',
    slow,
    async () => {
      const applied = await trellis('program', 'apply', 'program.yaml');
      expect(applied).toContain('Applied cli-program');
      expect(applied).toContain('+ badge strategic (image/svg+xml');
      expect(await trellis('program', 'plan', path.join(workDir, 'program.yaml'))).toContain('No changes.');
      expect(await trellis('program', 'export', 'cli-program', '-o', 'exported.yaml')).toContain('Wrote cli-program');
      expect(readFileSync(path.join(workDir, 'exported.yaml'), 'utf8')).toContain('key: cli-program');
      expect(await trellis('program', 'apply', 'exported.yaml')).toContain('already matches the file. No changes.');
    },
  );

  it('prints every error of a refused file on its own line and exits non-zero', slow, async () => {
    const data = programData('cli-bad');
    data.currency = 'usd';
    data.tiers[0]!.badge = 'badges/missing.svg';
    writeFileSync(path.join(workDir, 'bad.yaml'), programText(data));
    const failed = await run(process.execPath, [bin, 'program', 'apply', 'bad.yaml'], { env, cwd: workDir }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('The program file has 2 problems');
    expect(failed?.stderr).toMatch(/\n {2}currency: must be an ISO 4217 currency code.*\(line \d+, column \d+\)\n/);
    expect(failed?.stderr).toMatch(/\n {2}tiers\[0\]\.badge: names a file that does not exist/);
  });

  it.skipIf(testDatabaseUrl)(
    'works through the running server that holds the data, badge files sent inline',
    async () => {
      const server = spawn(process.execPath, [bin, 'serve'], {
        env: { ...env, PORT: '0', TRELLIS_JOBS: 'off' },
        stdio: 'ignore',
      });
      try {
        let url: string | undefined;
        for (let i = 0; i < 200 && !url; i++) {
          await new Promise((r) => setTimeout(r, 100));
          url = readLock(dataDir)?.url;
        }
        expect(url).toBeDefined();
        expect(await trellis('program', 'plan', 'program.yaml')).toContain('No changes.');
        expect(await trellis('program', 'export', 'cli-program')).toContain('format: trellis.program/v1');
      } finally {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
    },
  );
});
