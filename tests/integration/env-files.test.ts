import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

/*
 * Each command-line entry point, started as `npm run …` starts it but in a directory of its own
 * holding .env* files, must act on what those files say. The values point at a Postgres that is not
 * there (port 1), so each command stops at once and names, without the password, the URL it used.
 */
const root = path.resolve(import.meta.dirname, '../..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function projectWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'afterview-env-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const nowhere = (db: string) => `postgres://probe:s3cret@127.0.0.1:1/${db}`;
const named = (db: string) => `postgres://probe:***@127.0.0.1:1/${db}`;

/** Runs an entry point with `cwd` as the project directory and only the given real environment. */
async function run(cwd: string, entry: string, args: string[], env: { NODE_ENV?: 'production'; DATABASE_URL?: string } = {}) {
  const options = {
    cwd,
    // The temporary directory has no tsconfig.json of its own: the app's `@/` paths come from ours.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'), NODE_ENV: 'development' as const, ...env },
    encoding: 'utf8' as const,
    timeout: 60_000,
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', tsx, path.join(root, entry), ...args], options);
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: `${failed.stdout}${failed.stderr}` };
  }
}

// Each test starts two commands at once, each compiling the app's TypeScript on its way up.
describe('.env files reach every entry point', { timeout: 90_000 }, () => {
  it('db:migrate reads .env.local, and a real environment variable wins over it', async () => {
    const dir = projectWith({ '.env.local': `DATABASE_URL=${nowhere('from_env_local')}\n`, '.env': `DATABASE_URL=${nowhere('from_env')}\n` });
    const [fromFile, fromEnv] = await Promise.all([run(dir, 'db/migrate.ts', []), run(dir, 'db/migrate.ts', [], { DATABASE_URL: nowhere('from_real_env') })]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.output).toContain('Environment files: .env.local, .env');
    expect(fromFile.output).toContain(`DATABASE_URL: cannot connect to ${named('from_env_local')}`);
    expect(fromFile.output).not.toContain('s3cret');
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.output).toContain(`DATABASE_URL: cannot connect to ${named('from_real_env')}`);
  });

  // A different setting is wrong in each mode's file, so the error names the file that was read
  // (whatever else production requires, a malformed value is reported first).
  const modeFiles = (development: string, production: string) => ({
    [`.env.${development}`]: 'MAIL_POLL_MS=5\n',
    [`.env.${production}`]: 'DATABASE_POOL_SIZE=0\n',
  });
  const readDevelopmentFiles = (result: { code: number; output: string }) => {
    expect(result.code).toBe(1);
    expect(result.output).toContain('MAIL_POLL_MS:');
    expect(result.output).not.toContain('DATABASE_POOL_SIZE:');
  };
  const readProductionFiles = (result: { code: number; output: string }) => {
    expect(result.code).toBe(1);
    expect(result.output).toContain('DATABASE_POOL_SIZE:');
    expect(result.output).not.toContain('MAIL_POLL_MS:');
  };

  it('db:migrate reads the production files under NODE_ENV=production and the development files otherwise', async () => {
    const dir = projectWith(modeFiles('development.local', 'production.local'));
    const [dev, production] = await Promise.all([run(dir, 'db/migrate.ts', []), run(dir, 'db/migrate.ts', [], { NODE_ENV: 'production' })]);
    readDevelopmentFiles(dev);
    readProductionFiles(production);
  });

  it('`npm start` reads the production files and `npm run dev` the development files, as the Next.js server they run', async () => {
    const dir = projectWith(modeFiles('development', 'production'));
    const [start, dev] = await Promise.all([run(dir, 'server/cli/next.ts', ['start']), run(dir, 'server/cli/next.ts', ['dev'])]);
    readProductionFiles(start);
    readDevelopmentFiles(dev);
  });

  it('the worker and engagement:rebuild read them too', async () => {
    const [worker, rebuild] = await Promise.all([
      // Without the file the worker would refuse the embedded database instead.
      run(projectWith({ '.env.local': 'DATABASE_URL=mysql://from-env-local/afterview\n' }), 'server/cli/worker.ts', []),
      run(projectWith({ '.env': `DATABASE_URL=${nowhere('rebuild')}\n` }), 'server/cli/rebuild-engagement.ts', []),
    ]);
    expect(worker.code).toBe(1);
    expect(worker.output).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(rebuild.code).toBe(1);
    expect(rebuild.output).toContain(named('rebuild'));
  });
});
