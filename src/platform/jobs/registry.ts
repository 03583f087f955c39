import type { Database } from '../db/database.js';

/** A job's payload: plain JSON, stored in `jobs.payload`. */
export type JobPayload = Record<string, unknown>;

/** What a handler is told about the job it runs; `attempts` counts this run. */
export type Job = { id: string; kind: string; payload: JobPayload; attempts: number; maxAttempts: number };

/** Pino-compatible: the app passes its own logger. */
export type JobLogger = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

/** What the runner hands every handler. */
export type JobDeps = { db: Database; instanceId: string; log: JobLogger };

export type JobHandler = (job: Job, deps: JobDeps) => Promise<void>;

export type Subscription = { pattern: string; jobKind: string };
export type ScheduleDefinition = { name: string; everySeconds: number; jobKind: string };

/** The payload of a job created from an outbox event. */
export type EventJobPayload = { eventId: number; topic: string; payload: JobPayload; createdAt: string };

/** `product.created` matches itself, `product.*` (any topic under `product.`) and `*`. */
export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return topic.startsWith(pattern.slice(0, -1));
  return pattern === topic;
}

const PATTERN = /^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/i;

/** Which job kinds exist, which events feed them and which run on a timer; built by the app, one per process. */
export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly subscriptions: Subscription[] = [];
  private readonly scheduleDefs = new Map<string, ScheduleDefinition>();

  handle(kind: string, handler: JobHandler): this {
    // a second handler for the same kind is a wiring mistake that would silently replace the first
    if (this.handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is registered already`);
    this.handlers.set(kind, handler);
    return this;
  }

  subscribe(topicPattern: string, jobKind: string): this {
    if (!PATTERN.test(topicPattern)) throw new Error(`Not a topic pattern: "${topicPattern}"`);
    this.subscriptions.push({ pattern: topicPattern, jobKind });
    return this;
  }

  schedule(name: string, everySeconds: number, jobKind: string): this {
    if (!Number.isInteger(everySeconds) || everySeconds < 1) {
      throw new Error(`Schedule "${name}": everySeconds must be a whole number of at least 1`);
    }
    if (this.scheduleDefs.has(name)) throw new Error(`A schedule named "${name}" is registered already`);
    this.scheduleDefs.set(name, { name, everySeconds, jobKind });
    return this;
  }

  handlerOf(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }

  /** The job kinds an event of `topic` feeds, each once however many patterns match. */
  subscribersOf(topic: string): string[] {
    return [...new Set(this.subscriptions.filter((s) => topicMatches(s.pattern, topic)).map((s) => s.jobKind))];
  }

  get schedules(): ScheduleDefinition[] {
    return [...this.scheduleDefs.values()];
  }

  get kinds(): string[] {
    return [...this.handlers.keys()];
  }
}
