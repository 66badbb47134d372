import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Run through `npm run test:e2e` (tests/e2e/run.ts): it picks a Chromium and builds the app first.

// E2E_PORT_BASE lets two checkouts on one machine run the suite side by side.
const PORT_BASE = Number(process.env.E2E_PORT_BASE || 3100);
const PORT = PORT_BASE;
const BASE_URL = `http://localhost:${PORT}`;
// A second instance sends through Resend, played by the fake API (tests/support/fake-resend.ts).
const RESEND_PORT = PORT_BASE + 1;
const RESEND_BASE = `http://localhost:${RESEND_PORT}`;
const FAKE_RESEND_PORT = PORT_BASE + 99;
const FAKE_RESEND_URL = `http://127.0.0.1:${FAKE_RESEND_PORT}`;
const FAKE_RESEND_KEY = 're_test_fake_resend_0000000000000000';
const WEBHOOK_SECRET = 'whsec_ZmFrZS1yZXNlbmQtd2ViaG9vay1zZWNyZXQtMDAw';

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
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: /(email|spoofed-client-address)\.spec\.ts$/ },
    { name: 'resend', use: { ...devices['Desktop Chrome'], baseURL: RESEND_BASE }, testMatch: /email\.spec\.ts$/ },
    // Uses up loopback's failed-token budget on the Resend instance: after everything else.
    { name: 'last', use: { ...devices['Desktop Chrome'] }, testMatch: /spoofed-client-address\.spec\.ts$/, dependencies: ['chromium', 'resend'] },
  ],
  webServer: [
    {
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
        // These specs read sign-in links from the dev mailbox, so mail must never go to Resend; a
        // production build may use it only as a local build (loopback only, env.ts).
        RESEND_API_KEY: '',
        LOCAL_PRODUCTION: 'true',
        // The suite signs the demo owner in many times from one address; the limits have their own test.
        SIGN_IN_LIMIT_PER_EMAIL: '1000',
        SIGN_IN_LIMIT_PER_IP: '10000',
        DATABASE_URL: '',
        PGLITE_DIR: path.join(process.env.E2E_PGLITE_ROOT!, 'pglite'),
      },
    },
    {
      command: 'node --import tsx tests/support/fake-resend.ts',
      url: `${FAKE_RESEND_URL}/__fake/config`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        FAKE_RESEND_PORT: String(FAKE_RESEND_PORT),
        RESEND_API_KEY: FAKE_RESEND_KEY,
        RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
        FAKE_RESEND_WEBHOOK_URL: `${RESEND_BASE}/api/webhooks/resend`,
      },
    },
    {
      command: 'npm start',
      port: RESEND_PORT,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(RESEND_PORT),
        APP_URL: RESEND_BASE,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        RESEND_API_KEY: FAKE_RESEND_KEY,
        RESEND_BASE_URL: FAKE_RESEND_URL,
        LOCAL_PRODUCTION: 'true', // the embedded database and secret, on loopback
        RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
        MAIL_POLL_MS: '500',
        SIGN_IN_LIMIT_PER_EMAIL: '1000',
        SIGN_IN_LIMIT_PER_IP: '10000',
        DATABASE_URL: '',
        PGLITE_DIR: path.join(process.env.E2E_PGLITE_ROOT!, 'pglite-resend'),
      },
    },
  ],
});
