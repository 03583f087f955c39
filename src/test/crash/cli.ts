import { parseArgs } from 'node:util';
import { createPostgresDatabase, testDatabaseUrl } from '../database.js';
import { runCrashCycles } from './run.js';

/**
 * `npm run crash -- --kills 200`: the crash-safety run of the test suite, longer. On PostgreSQL when
 * TEST_DATABASE_URL is set (a fresh database is made and dropped), else on the embedded database.
 */
const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '50' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    writers: { type: 'string', default: '4' },
    'min-ms': { type: 'string', default: '150' },
    'max-ms': { type: 'string', default: '1500' },
  },
});
const number = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return n;
};

const created = testDatabaseUrl ? await createPostgresDatabase() : null;
try {
  const report = await runCrashCycles({
    target: created ? { backend: 'postgres', url: created.url } : { backend: 'pglite' },
    kills: number('kills'),
    seed: number('seed'),
    writers: number('writers'),
    killAfterMs: [number('min-ms'), number('max-ms')],
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify({ seed: number('seed'), ...report }, null, 2)}\n`);
  process.exitCode = report.problems.length ? 1 : 0;
} finally {
  await created?.drop();
}
