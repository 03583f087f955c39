import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: Debian's Chromium against the built server (`npm run build` first), started on port 3100 (E2E_PORT overrides)
 * with a fresh data folder and the first admin from the environment. With E2E_BASE_URL set, the tests run
 * against that server instead and none is started. With E2E_DATABASE_URL set, the server uses that
 * PostgreSQL database instead of the embedded one.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const externalBaseUrl = process.env.E2E_BASE_URL;
const baseURL = externalBaseUrl ?? `http://127.0.0.1:${PORT}`;
// With E2E_LOG_FILE set, the server logs at debug level into that file, for the credential scan after the run.
const logFile = process.env.E2E_LOG_FILE;

// The config is loaded by the runner and again by each worker: make the data folder once, in the runner,
// and hand it down through the environment.
let dataDir = process.env.TRELLIS_E2E_DATA_DIR;
if (!externalBaseUrl && !dataDir) {
  const created = mkdtempSync(path.join(tmpdir(), 'trellis-e2e-'));
  dataDir = created;
  process.env.TRELLIS_E2E_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  // the specs are whole journeys (several users, many screens, axe on each) on a small machine
  timeout: 120_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: externalBaseUrl
    ? undefined
    : {
        command: logFile ? `node dist/src/cli/main.js serve >> '${logFile}'` : 'node dist/src/cli/main.js serve',
        url: `http://127.0.0.1:${PORT}/readyz`,
        reuseExistingServer: false,
        timeout: 120_000,
        gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          PORT: String(PORT),
          HOST: '127.0.0.1',
          TRELLIS_DATA_DIR: dataDir ?? '',
          TRELLIS_ADMIN_EMAIL: 'admin@example.com',
          TRELLIS_ADMIN_PASSWORD: 'correct-horse-battery-staple',
          TRELLIS_PUBLIC_URL: `http://127.0.0.1:${PORT}`,
          // Empty means unset: only E2E_DATABASE_URL chooses a PostgreSQL server, never an inherited one.
          DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
          // Mail is kept in the database, where the tests read it from the Mail page.
          SMTP_URL: '',
          LOG_LEVEL: logFile ? 'debug' : 'warn',
        },
      },
});
