import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Run through `npm run test:e2e` (tests/e2e/run.ts): it picks a Chromium and builds the app first.

const PORT = 3100;
const BASE_URL = `http://localhost:${PORT}`;

// Every run starts the app on a fresh embedded database (seeded with the demo agency), whatever
// DATABASE_URL says. This file is evaluated by the runner and again by every worker; the
// environment carries the directory the runner chose to the workers.
if (!process.env.E2E_PGLITE_ROOT) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'afterview-e2e-'));
  process.env.E2E_PGLITE_ROOT = dir;
  if (process.env.E2E_KEEP_DATA !== '1') process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1, // two cores: one browser beside the server is what fits
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined,
      // Runs as root on a machine without network: no sandbox, no GPU, no calls home.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'npm start',
    port: PORT,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      APP_URL: BASE_URL,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      // The specs read sign-in links from the dev mailbox, so mail must never go to Resend.
      RESEND_API_KEY: '',
      DATABASE_URL: '',
      PGLITE_DIR: path.join(process.env.E2E_PGLITE_ROOT!, 'pglite'),
    },
  },
});
