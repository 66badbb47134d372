import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Starts `npm run dev`'s entry point with a broken setting; it must stop before Next.js starts. */
function start(env: Record<string, string>, mode: 'dev' | 'start' = 'dev') {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/next.ts', mode], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PGLITE_DIR: 'memory://', NODE_ENV: 'development', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('starting with a bad configuration', () => {
  it('names a malformed DATABASE_URL and exits', () => {
    const { code, output } = start({ DATABASE_URL: 'mysql://db/afterview' });
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(output).not.toContain('Next.js');
  });

  it('names an unreachable DATABASE_URL, without its password, and exits', () => {
    const { code, output } = start({ DATABASE_URL: 'postgres://afterview:s3cret@127.0.0.1:1/afterview' });
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL: cannot connect to postgres://afterview:***@127.0.0.1:1/afterview');
    expect(output).not.toContain('s3cret');
  });

  it('names a malformed RESEND_API_KEY and exits', () => {
    const { code, output } = start({ RESEND_API_KEY: 'sk_live_123' });
    expect(code).toBe(1);
    expect(output).toContain('RESEND_API_KEY: must start with re_');
  });

  describe('in production (`npm start`)', () => {
    const production = {
      NODE_ENV: 'production',
      APP_URL: 'https://afterview.example',
      AUTH_SECRET: 'a-production-secret-of-at-least-32-chars',
      DATABASE_URL: 'postgres://afterview@127.0.0.1:1/afterview',
    };

    it('refuses to start without a mail provider rather than publish sign-in links in a dev mailbox', () => {
      const { code, output } = start(production, 'start');
      expect(code).toBe(1);
      expect(output).toContain('RESEND_API_KEY: is required in production');
      expect(output).not.toMatch(/ready on port|Afterview is running/);
    });

    it('refuses to start without APP_URL, whatever Host requests will carry', () => {
      const { code, output } = start({ ...production, APP_URL: '', RESEND_API_KEY: 're_live_key' }, 'start');
      expect(code).toBe(1);
      expect(output).toContain('APP_URL: is required in production');
    });

    it('is production even when NODE_ENV is not set', () => {
      const { code, output } = start({ ...production, NODE_ENV: '' }, 'start');
      expect(code).toBe(1);
      expect(output).toContain('RESEND_API_KEY: is required in production');
    });
  });
});
