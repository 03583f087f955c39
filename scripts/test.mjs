#!/usr/bin/env node
// The one test command: build, unit + integration tests, then the browser tests against the built server.
// With TEST_DATABASE_URL set, every part runs on that PostgreSQL server (each test on a database of its own).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const run = (cmd, args, env = {}) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const adminQuery = async (sql) => {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

// Browser tests drive Debian's Chromium; the test tool never downloads a browser of its own.
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error(`The browser tests need Debian's chromium package at ${CHROMIUM}: apt-get install chromium`);
    process.exit(1);
  }
  console.log(`\n== installing Chromium ==`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
}

const backend = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
// every suite writes its server logs here; the last step fails the run on any credential found in them
const logDir = mkdtempSync(path.join(tmpdir(), 'trellis-test-logs-'));
process.on('exit', () => rmSync(logDir, { recursive: true, force: true }));
console.log(`\n== build ==`);
run('npm', ['run', '--silent', 'build']);
console.log(`\n== unit and integration tests (${backend}) ==`);
run('npx', ['vitest', 'run'], { TRELLIS_TEST_LOG_DIR: logDir });

console.log(`\n== browser tests (${backend}) ==`);
let e2eEnv = {};
let dropDatabase = async () => {};
if (process.env.TEST_DATABASE_URL) {
  const name = `trellis_e2e_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  e2eEnv = { E2E_DATABASE_URL: url.toString() };
  dropDatabase = () => adminQuery(`drop database if exists ${name} with (force)`);
}
e2eEnv.E2E_LOG_FILE = path.join(logDir, 'e2e-server.log');
const e2e = spawnSync('npx', ['playwright', 'test'], { stdio: 'inherit', env: { ...process.env, ...e2eEnv } });
await dropDatabase();
if (e2e.status !== 0) process.exit(e2e.status ?? 1);

console.log(`\n== credentials in the logs ==`);
run('node', ['--import', 'tsx', 'src/test/log-scan.ts', logDir]);
