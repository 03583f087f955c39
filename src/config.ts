import path from 'node:path';
import { z } from 'zod';
import { packageRoot } from './platform/paths.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  TRELLIS_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  TRELLIS_PUBLIC_URL: z.url().optional(),
  TRELLIS_ADMIN_EMAIL: z.email().optional(),
  TRELLIS_ADMIN_PASSWORD: z.string().min(12).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Trellis <trellis@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRELLIS_JOBS: z.enum(['on', 'off']).default('on'),
  /** How long a claimed job stays one instance's without renewal; after it, another instance takes it over. */
  TRELLIS_JOB_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** How often an idle instance looks for due jobs, events and schedules. */
  TRELLIS_JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Registers the job kinds the multi-process tests drive; never set in production. */
  TRELLIS_TEST_JOBS: z.enum(['0', '1']).default('0'),
  TRELLIS_WEB_DIR: z.string().optional(),
  /** Addresses (or CIDR ranges) of the proxies whose X-Forwarded-For is believed, comma-separated. */
  TRELLIS_TRUSTED_PROXIES: z
    .string()
    .regex(/^[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*$/, 'must be addresses or CIDR ranges, comma-separated')
    .optional(),
  /** Browser apps of integrators allowed to call the API with an API key: exact origins, comma-separated. */
  TRELLIS_CORS_ORIGINS: z
    .string()
    .refine(
      (v) => v.split(',').every((o) => isExactOrigin(o.trim())),
      'must be origins like https://app.example.com (scheme, host and port only), comma-separated',
    )
    .optional(),
  /** Requests per minute allowed to each API key, counted across all instances; 0 turns the limit off. */
  TRELLIS_API_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(600),
});

function isExactOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  admin: { email: string; password: string } | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  jobs: boolean;
  jobLeaseMs: number;
  jobPollMs: number;
  testJobs: boolean;
  webDir: string;
  secureCookies: boolean;
  /** Proxies trusted to name the client's address (rate limits, acceptance records); none by default. */
  trustedProxies: string[];
  /** Foreign origins whose browser pages may read API answers (API keys only, never cookies); none by default. */
  corsOrigins: string[];
  /** Requests per minute per API key; 0 means no limit. */
  apiRateLimit: number;
};

/** Reads the environment once; a bad value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.TRELLIS_ADMIN_EMAIL) !== Boolean(e.TRELLIS_ADMIN_PASSWORD)) {
    throw new Error('Invalid configuration:\n  TRELLIS_ADMIN_EMAIL and TRELLIS_ADMIN_PASSWORD must be set together');
  }
  const publicUrl = (e.TRELLIS_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.TRELLIS_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    admin:
      e.TRELLIS_ADMIN_EMAIL && e.TRELLIS_ADMIN_PASSWORD
        ? { email: e.TRELLIS_ADMIN_EMAIL, password: e.TRELLIS_ADMIN_PASSWORD }
        : undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    jobs: e.TRELLIS_JOBS === 'on',
    jobLeaseMs: e.TRELLIS_JOB_LEASE_MS,
    jobPollMs: e.TRELLIS_JOB_POLL_MS,
    testJobs: e.TRELLIS_TEST_JOBS === '1',
    webDir: e.TRELLIS_WEB_DIR ? path.resolve(e.TRELLIS_WEB_DIR) : path.join(packageRoot, 'web', 'dist'),
    secureCookies: publicUrl.startsWith('https://'),
    trustedProxies: (e.TRELLIS_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    corsOrigins: (e.TRELLIS_CORS_ORIGINS ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    apiRateLimit: e.TRELLIS_API_RATE_LIMIT,
  };
}
