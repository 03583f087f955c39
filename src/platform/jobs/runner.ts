import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database, Tx } from '../db/database.js';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { dispatchOutbox } from './dispatch.js';
import { claimJobs, completeJob, errorMessage, failJob, renewLeases } from './lease.js';
import type { JobMetrics, JobOutcome } from './metrics.js';
import type { Job, JobDeps, JobLogger, JobRegistry } from './registry.js';
import { enqueueDueSchedules, syncSchedules } from './schedules.js';

export type JobRunnerOptions = {
  db: Database;
  registry: JobRegistry;
  /** Names this process in `jobs.locked_by`; unique per runner by default. */
  instanceId?: string;
  pollIntervalMs?: number;
  /** Jobs this runner works on at once. */
  concurrency?: number;
  /** Outbox events dispatched per pass. */
  batchSize?: number;
  /** How long a claimed job stays this runner's without renewal; after it, another instance takes it over. */
  leaseMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** How long `stop()` waits for running jobs before it gives up on them (their leases will expire). */
  stopTimeoutMs?: number;
  log?: JobLogger;
  metrics?: JobMetrics;
};

export type TickResult = { dispatched: number; scheduled: number; claimed: number };

const silent: JobLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Works the durable queue: dispatches outbox events to subscribed job kinds, enqueues due schedules and runs
 * due jobs under a lease. Any number of runners, in one process or many, can share one database.
 */
export class JobRunner {
  readonly instanceId: string;
  private readonly db: Database;
  private readonly registry: JobRegistry;
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly backoff: BackoffOptions;
  private readonly stopTimeoutMs: number;
  private readonly log: JobLogger;
  private readonly metrics: JobMetrics | undefined;
  private readonly deps: JobDeps;

  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private currentPass: Promise<void> | null = null;
  private looping = false;
  private stopping = false;
  private schedulesSynced = false;
  private lastRenewal = Date.now();
  // set when the last pass filled every free slot: a finishing job then starts the next pass at once
  private backlog = false;
  private passAgain = false;

  constructor(options: JobRunnerOptions) {
    this.db = options.db;
    this.registry = options.registry;
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.concurrency = options.concurrency ?? 10;
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    this.log = options.log ?? silent;
    this.metrics = options.metrics;
    this.deps = { db: this.db, instanceId: this.instanceId, log: this.log };
  }

  /** Starts polling. Schedules are written first; if the database is away the loop keeps trying. */
  async start(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    this.stopping = false;
    await this.guard('sync schedules', () => this.ensureSchedules(), undefined);
    this.next(0);
  }

  /** Stops polling and waits (up to `stopTimeoutMs`) for the jobs in flight to finish. */
  async stop(): Promise<void> {
    this.looping = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.currentPass;
    if (this.inFlight.size === 0) return;
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timeout = setTimeout(() => resolve('timeout'), this.stopTimeoutMs);
    });
    const result = await Promise.race([Promise.allSettled(this.inFlight.values()), timedOut]);
    clearTimeout(timeout);
    if (result === 'timeout') {
      this.log.warn(
        { instanceId: this.instanceId, jobs: [...this.inFlight.keys()] },
        'Stopped with jobs still running; another instance takes them over when their leases expire',
      );
    }
  }

  /** One pass — dispatch, schedules, claim — that also waits for the jobs it started. For tests and scripts. */
  async tick(): Promise<TickResult> {
    const { result, started } = await this.pass();
    await Promise.allSettled(started);
    return result;
  }

  private next(delayMs: number): void {
    if (!this.looping) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.currentPass = this.loopPass().finally(() => {
        this.currentPass = null;
      });
    }, delayMs);
  }

  private async loopPass(): Promise<void> {
    let busy = false;
    this.passAgain = false;
    try {
      const { result } = await this.pass();
      busy = result.dispatched >= this.batchSize;
    } catch (error) {
      this.log.error({ err: error, instanceId: this.instanceId }, 'Job runner pass failed');
    }
    this.next(busy || this.passAgain ? 0 : this.pollIntervalMs);
  }

  private wake(): void {
    if (!this.backlog || !this.looping) return;
    this.backlog = false;
    if (this.timer) {
      clearTimeout(this.timer);
      this.next(0);
    } else {
      this.passAgain = true;
    }
  }

  private async pass(): Promise<{ result: TickResult; started: Promise<void>[] }> {
    if (!this.schedulesSynced) await this.guard('sync schedules', () => this.ensureSchedules(), undefined);
    const dispatched = await this.guard(
      'dispatch outbox',
      () => this.system((tx) => dispatchOutbox(tx, this.registry, this.batchSize)),
      0,
    );
    const scheduled = await this.guard('enqueue schedules', () => this.system((tx) => enqueueDueSchedules(tx)), 0);
    await this.guard('renew leases', () => this.renew(), undefined);
    const free = this.concurrency - this.inFlight.size;
    const claimed =
      free > 0 && !this.stopping
        ? await this.guard(
            'claim jobs',
            () => this.system((tx) => claimJobs(tx, this.instanceId, free, this.leaseMs)),
            [],
          )
        : [];
    this.backlog = free > 0 && claimed.length === free;
    const started = claimed.map((job) => this.track(job));
    return { result: { dispatched, scheduled, claimed: claimed.length }, started };
  }

  private track(job: Job): Promise<void> {
    const run = this.execute(job).finally(() => {
      this.inFlight.delete(job.id);
      this.wake();
    });
    this.inFlight.set(job.id, run);
    return run;
  }

  private async execute(job: Job): Promise<void> {
    const startedAt = performance.now();
    let failure: { error: unknown } | null = null;
    try {
      const handler = this.registry.handlerOf(job.kind);
      if (!handler) throw new Error(`No handler is registered for job kind "${job.kind}"`);
      await handler(job, this.deps);
    } catch (error) {
      failure = { error };
    }
    this.metrics?.duration.observe({ kind: job.kind }, (performance.now() - startedAt) / 1000);
    let outcome: JobOutcome = 'done';
    try {
      if (!failure) {
        const held = await this.system((tx) => completeJob(tx, job.id, this.instanceId));
        if (!held) this.log.warn({ jobId: job.id, kind: job.kind }, 'Job finished after its lease was taken over');
      } else {
        const retryInMs = job.attempts < job.maxAttempts ? backoffDelayMs(job.attempts, this.backoff) : null;
        outcome = retryInMs === null ? 'failed' : 'retried';
        const message = errorMessage(failure.error);
        await this.system((tx) => failJob(tx, job.id, this.instanceId, message, retryInMs));
        this.log.warn(
          { jobId: job.id, kind: job.kind, attempts: job.attempts, retryInMs, error: message },
          outcome === 'failed' ? 'Job failed for good' : 'Job failed; it will be retried',
        );
      }
    } catch (error) {
      // the job stays running under our lease; when the lease expires it is claimed and run again
      this.log.error({ err: error, jobId: job.id, kind: job.kind }, 'Could not record the outcome of a job');
      return;
    }
    this.metrics?.processed.inc({ kind: job.kind, outcome });
  }

  private async ensureSchedules(): Promise<void> {
    await this.system((tx) => syncSchedules(tx, this.registry));
    this.schedulesSynced = true;
  }

  private async renew(): Promise<void> {
    if (this.inFlight.size === 0 || Date.now() - this.lastRenewal < this.leaseMs / 3) return;
    this.lastRenewal = Date.now();
    await this.system((tx) => renewLeases(tx, [...this.inFlight.keys()], this.instanceId, this.leaseMs));
  }

  private system<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.run({ kind: 'system' }, fn);
  }

  // one failing step (say, a broken schedule row) must not keep the others from running
  private async guard<T>(step: string, fn: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      this.log.error({ err: error, step, instanceId: this.instanceId }, 'Job runner step failed');
      return fallback;
    }
  }
}
