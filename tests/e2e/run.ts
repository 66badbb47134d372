/**
 * `npm run test:e2e`: find a Chromium, build the app, run Playwright.
 *
 *   PLAYWRIGHT_CHROMIUM_PATH  use this Chromium/Chrome binary (checked first)
 *   E2E_SKIP_BUILD=1          reuse the existing .next build
 *   (the app always runs on a fresh embedded database with the demo agency; DATABASE_URL is ignored)
 *   E2E_KEEP_DATA=1           keep the run's temporary PGlite directory (printed in the server log)
 *
 * Extra arguments go to `playwright test`, e.g. `npm run test:e2e -- auth.spec.ts --headed`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { leakedSecrets, secretsUsed } from './secrets-in-logs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

function findChromium(): { path: string; source: string } | null {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH?.trim();
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, source: 'PLAYWRIGHT_CHROMIUM_PATH' };
    console.error(`PLAYWRIGHT_CHROMIUM_PATH is set to ${fromEnv}, but no file exists there.`);
    return null;
  }
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', source: 'system' };
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return { path: bundled, source: 'Playwright' };
  } catch {
    // No bundled browser registered for this platform.
  }
  return null;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, capture?: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: capture ? ['inherit', 'pipe', 'pipe'] : 'inherit', env });
    if (capture) {
      child.stdout?.on('data', (chunk: Buffer) => {
        capture.push(chunk.toString());
        process.stdout.write(chunk);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        capture.push(chunk.toString());
        process.stderr.write(chunk);
      });
    }
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(): Promise<number> {
  const browser = findChromium();
  if (!browser) {
    console.error(
      [
        '',
        'No Chromium found for the end-to-end tests.',
        '',
        'Install one of:',
        '  - Debian/Ubuntu:  sudo apt-get install -y chromium      (provides /usr/bin/chromium)',
        '  - any system:     set PLAYWRIGHT_CHROMIUM_PATH=/path/to/chromium-or-chrome',
        '  - with network:   npx playwright install chromium       (Playwright’s own build)',
        '',
      ].join('\n'),
    );
    return 1;
  }
  console.log(`[e2e] Chromium: ${browser.path} (${browser.source})`);

  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
      console.error('[e2e] E2E_SKIP_BUILD=1 but there is no .next build; run `npm run build` first.');
      return 1;
    }
    console.log('[e2e] E2E_SKIP_BUILD=1: using the existing .next build');
  } else {
    console.log('[e2e] next build');
    const code = await run(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    });
    if (code !== 0) {
      console.error(`[e2e] next build failed (exit ${code})`);
      return code;
    }
  }

  // playwright.config.ts starts the built app on a fresh embedded database, here; afterwards its
  // dev mailbox says which secrets the run handed out, and the servers' output must hold none.
  const dataRoot = process.env.E2E_PGLITE_ROOT ?? mkdtempSync(path.join(os.tmpdir(), 'afterview-e2e-'));
  const output: string[] = [];
  try {
    const code = await run(
      process.execPath,
      [require.resolve('@playwright/test/cli'), 'test', ...process.argv.slice(2)],
      { ...process.env, PLAYWRIGHT_CHROMIUM_PATH: browser.path, E2E_PGLITE_ROOT: dataRoot },
      output,
    );
    if (code !== 0) return code;
    return await checkLogsForSecrets(path.join(dataRoot, 'pglite'), output.join(''));
  } finally {
    if (!process.env.E2E_PGLITE_ROOT && process.env.E2E_KEEP_DATA !== '1') rmSync(dataRoot, { recursive: true, force: true });
  }
}

async function checkLogsForSecrets(pgliteDir: string, output: string): Promise<number> {
  if (!existsSync(pgliteDir)) return 0;
  const secrets = await secretsUsed(pgliteDir);
  const serverLines = output
    .split('\n')
    .filter((l) => l.includes('[WebServer]'))
    .join('\n');
  if (secrets.length === 0 && process.argv.length <= 2) {
    console.error('[e2e] the whole suite ran but no token reached the dev mailbox: the log check would prove nothing');
    return 1;
  }
  const leaked = leakedSecrets(serverLines, secrets);
  console.log(`[e2e] server output: ${serverLines.length} characters checked for the ${secrets.length} tokens and session ids this run used`);
  if (leaked.length > 0) {
    console.error(`[e2e] the server logged ${leaked.length} secret(s) it handed out: ${leaked.join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
