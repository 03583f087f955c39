import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/platform/paths.js';
import { stopProcess } from '../../src/test/servers.js';

/** A server the benchmark runs in a process of its own, with its output kept in a log file. */
export type Running = { url: string; log: string; stop(): Promise<void> };

const started = new Set<ChildProcess>();
// an interrupted or failed run leaves no server behind
process.once('exit', () => started.forEach((c) => c.kill('SIGKILL')));

const answers = (url: string) =>
  fetch(`${url}/healthz`).then(
    (r) => r.ok,
    () => false,
  );

export async function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  port: number,
): Promise<Running> {
  const url = `http://127.0.0.1:${port}`;
  // a server already answering there would pass for this one
  if (await answers(url)) throw new Error(`${name}: something already listens on port ${port}`);
  const log = path.join(tmpdir(), `trellis-bench-${name}-${process.pid}.log`);
  const out = openSync(log, 'w');
  const child = spawn(process.execPath, args, {
    cwd: packageRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  started.add(child);
  const stop = async () => {
    await stopProcess(child);
    started.delete(child);
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    if (await answers(url)) return { url, log, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`${name} did not start:\n${readFileSync(log, 'utf8').slice(-3000)}`);
}
