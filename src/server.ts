import path from 'node:path';
import pino from 'pino';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { systemActor } from './platform/access/actor.js';
import type { Ctx } from './platform/context.js';
import { randomToken } from './platform/crypto.js';
import { acquireLock, type Lock } from './platform/db/data-lock.js';
import { type Database, openPglite, openPostgres } from './platform/db/database.js';
import { createMetrics } from './platform/http/metrics.js';
import { createJobMetrics } from './platform/jobs/metrics.js';
import { registerPlatformJobs } from './platform/jobs/purge.js';
import { JobRegistry } from './platform/jobs/registry.js';
import { JobRunner } from './platform/jobs/runner.js';
import { registerTestJobs } from './platform/jobs/test-jobs.js';
import { loggerOptions } from './platform/logger.js';
import { createMailer } from './platform/mail/mailer.js';
import { registerMailJobs } from './platform/mail/service.js';
import { bootstrapAdmin } from './modules/identity/setup.service.js';
import { registerOnboardingJobs } from './modules/onboarding/overdue.js';
import { registerDealJobs } from './modules/deals/jobs.js';
import { registerIdentityJobs } from './modules/identity/purge.js';

export type RunningServer = { url: string; db: Database; close: () => Promise<void> };

/** Opens the database the configuration names; the embedded one only under the data folder's lock. */
export async function openConfiguredDatabase(
  config: Config,
  holder: 'server' | 'cli',
): Promise<{ db: Database; lock: Lock | null }> {
  if (config.databaseUrl) return { db: await openPostgres(config.databaseUrl), lock: null };
  const lock = acquireLock(config.dataDir, holder);
  if ('heldBy' in lock) {
    const who =
      lock.heldBy.holder === 'server'
        ? `a Trellis server (pid ${lock.heldBy.pid})`
        : `a trellis command (pid ${lock.heldBy.pid})`;
    throw new Error(
      `The data folder ${config.dataDir} is in use by ${who}; the embedded database allows one process at a time.`,
    );
  }
  try {
    return { db: await openPglite(path.join(config.dataDir, 'pgdata')), lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** config → database → migrations → first admin → app → listen → jobs. */
export async function startServer(config: Config): Promise<RunningServer> {
  const log = pino(loggerOptions(config));
  const { db, lock } = await openConfiguredDatabase(config, 'server');
  try {
    return await serve(config, log, db, lock);
  } catch (error) {
    // a failed start must not keep the data folder locked or the process alive
    await db.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
}

async function serve(config: Config, log: pino.Logger, db: Database, lock: Lock | null): Promise<RunningServer> {
  await db.migrate();
  log.info({ database: db.backend, dataDir: config.databaseUrl ? undefined : config.dataDir }, 'database ready');

  const ctx: Ctx = { db, config, actor: systemActor('bootstrap'), requestId: null };
  const boot = await bootstrapAdmin(ctx);
  if (boot.kind === 'admin_created') log.info({ email: boot.email }, 'first admin created from TRELLIS_ADMIN_EMAIL');
  if (boot.kind === 'setup_link') {
    // printed on the terminal, not into the structured log: it is a one-time credential
    process.stdout.write(`\n  No admin yet. Create the first one here (the link works once):\n  ${boot.link}\n\n`);
  }

  const metrics = createMetrics();
  const registry = new JobRegistry();
  registerPlatformJobs(registry, { db });
  registerMailJobs(registry, { db, mailer: createMailer(config), config });
  registerOnboardingJobs(registry, { db, config });
  registerDealJobs(registry, { db, config });
  registerIdentityJobs(registry, { db });
  if (config.testJobs) registerTestJobs(registry, { db });

  // the CLI reaches a server holding the embedded database with this token, read from the lock file
  const localToken = lock ? randomToken() : undefined;
  const app = await buildApp({ config, db, logger: log, localToken, metrics });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  lock?.update({ url, token: localToken });

  const runner = new JobRunner({
    db,
    registry,
    log: app.log,
    metrics: createJobMetrics(metrics, db),
    leaseMs: config.jobLeaseMs,
    pollIntervalMs: config.jobPollMs,
  });
  if (config.jobs) await runner.start();
  log.info({ url, publicUrl: config.publicUrl }, 'Trellis is running');

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await runner.stop();
      await app.close();
      await db.close();
      lock?.release();
    })());
  return { url, db, close };
}
