import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { packageRoot } from '../platform/paths.js';
import { testLogDir } from './test-logger.js';

/** Real server processes for tests of what several instances on one PostgreSQL server do together. */

/** A log entry a process wrote about a test job (the `test` field of its log line). */
export type TestLogEntry = { msg: string; test: Record<string, unknown> };
export type ServerProcess = { url: string; child: ChildProcess; testLog: TestLogEntry[] };
export type ServerGroup = { servers: ServerProcess[]; stop(): Promise<void> };

/** When the newest file the server build is made of changed (tests and test support are not built). */
function newestBuiltSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== path.join(packageRoot, 'src', 'test')) newest = Math.max(newest, newestBuiltSource(full));
    } else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

let entry: string[] | undefined;
/**
 * How to run the server under test: its build when that is newer than every source file (the test command
 * builds first, and a built process starts in about half the time), else the sources themselves through tsx.
 */
export function serverEntry(): string[] {
  if (entry) return entry;
  const built = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');
  let fresh = false;
  try {
    fresh = statSync(built).mtimeMs > newestBuiltSource(path.join(packageRoot, 'src'));
  } catch {
    // no build
  }
  entry = fresh ? [built] : ['--import', 'tsx', 'src/cli/main.ts'];
  return entry;
}

/**
 * Runs the server under test (see `serverEntry`); each process listens on a port of the system's choosing and
 * announces its address in its log. Jobs are off unless `env` turns them on.
 */
export function startServerProcess(env: NodeJS.ProcessEnv): {
  child: ChildProcess;
  url: Promise<string>;
  testLog: TestLogEntry[];
} {
  const logTail: string[] = [];
  const testLog: TestLogEntry[] = [];
  const child = spawn(process.execPath, [...serverEntry(), 'serve'], {
    cwd: packageRoot,
    env: { TRELLIS_JOBS: 'off', ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: testLogDir ? 'debug' : 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    const logFile = testLogDir && path.join(testLogDir, `server-${process.pid}.log`);
    const keep = (line: string) => {
      // log entries are kept for the credential scan after the run; the start-up banner with the one-time
      // setup link is written for the operator's terminal on purpose, and is not a log entry
      if (logFile && line.startsWith('{')) appendFileSync(logFile, `${line}\n`);
      logTail.push(line);
      if (logTail.length > 40) logTail.shift();
    };
    // every line is read, so that a busy server never blocks on a full pipe
    createInterface({ input: child.stderr! }).on('line', keep);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string; test?: Record<string, unknown> };
        if (entry.msg === 'Trellis is running' && entry.url) resolve(entry.url);
        if (entry.test) testLog.push({ msg: entry.msg ?? '', test: entry.test });
      } catch {
        // not a log entry (the start-up banner)
      }
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${logTail.join('\n')}`)),
    );
  });
  // a rejection nobody waits for any more (the process was killed after it listened) is not an error
  url.catch(() => undefined);
  return { child, url, testLog };
}

/** Kills a process the hard way (SIGKILL: no shutdown code runs) and waits until it is gone. */
export async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Asks a process to stop, and kills it if it has not within five seconds. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export type GroupOptions = {
  /** More environment for every process, e.g. TRELLIS_JOBS=on. */
  env?: NodeJS.ProcessEnv;
  /** Every process gets the first admin's credentials (they race to create it); else only the first. */
  adminOnEvery?: boolean;
};

/** Starts `count` servers on `databaseUrl`; the first one (or every one) creates the admin. Always `stop()` them. */
export async function startServers(
  count: number,
  databaseUrl: string,
  admin: { email: string; password: string },
  options: GroupOptions = {},
): Promise<ServerGroup> {
  const children: ChildProcess[] = [];
  // a test that fails or times out still leaves no server behind
  const killAll = () => children.forEach((c) => c.kill('SIGKILL'));
  process.once('exit', killAll);
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    process.off('exit', killAll);
  };
  try {
    const started = Array.from({ length: count }, (_, i) => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...options.env,
        DATABASE_URL: databaseUrl,
        TRELLIS_PUBLIC_URL: 'http://trellis.test',
      };
      if (i === 0 || options.adminOnEvery) {
        Object.assign(env, { TRELLIS_ADMIN_EMAIL: admin.email, TRELLIS_ADMIN_PASSWORD: admin.password });
      } else for (const name of ['TRELLIS_ADMIN_EMAIL', 'TRELLIS_ADMIN_PASSWORD']) delete env[name];
      const one = startServerProcess(env);
      children.push(one.child);
      return one;
    });
    const urls = await Promise.all(started.map((s) => s.url));
    return {
      servers: started.map((s, i) => ({ url: urls[i]!, child: s.child, testLog: s.testLog })),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
