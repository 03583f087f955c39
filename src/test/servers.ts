import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { packageRoot } from '../platform/paths.js';
import { testLogDir } from './test-logger.js';

/** Real server processes for tests of what several instances on one PostgreSQL server do together. */

export type ServerProcess = { url: string; child: ChildProcess };
export type ServerGroup = { servers: ServerProcess[]; stop(): Promise<void> };

/**
 * Runs the sources under test (not a build that may be older than them) with tsx; each process listens on a
 * port of the system's choosing and announces its address in its log.
 */
function startOne(env: NodeJS.ProcessEnv, logTail: string[]): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: packageRoot,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: testLogDir ? 'debug' : 'info', TRELLIS_JOBS: 'off' },
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
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Trellis is running' && entry.url) resolve(entry.url);
      } catch {
        // not a log entry (the start-up banner)
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${logTail.join('\n')}`)));
  });
  return { child, url };
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

/** Starts `count` servers on `databaseUrl`; the first one creates the admin. Always `stop()` them. */
export async function startServers(
  count: number,
  databaseUrl: string,
  admin: { email: string; password: string },
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
    const logTail: string[] = [];
    const started = Array.from({ length: count }, (_, i) => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: databaseUrl,
        TRELLIS_PUBLIC_URL: 'http://trellis.test',
      };
      // several first starts at once would each try to create the same first admin
      if (i === 0) Object.assign(env, { TRELLIS_ADMIN_EMAIL: admin.email, TRELLIS_ADMIN_PASSWORD: admin.password });
      else for (const name of ['TRELLIS_ADMIN_EMAIL', 'TRELLIS_ADMIN_PASSWORD']) delete env[name];
      const one = startOne(env, logTail);
      children.push(one.child);
      return one;
    });
    const urls = await Promise.all(started.map((s) => s.url));
    return { servers: started.map((s, i) => ({ url: urls[i]!, child: s.child })), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
