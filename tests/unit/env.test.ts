import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/server/env';

const base = { AUTH_SECRET: 'x'.repeat(32) };

describe('configuration', () => {
  it('defaults to the embedded database and the dev mailbox', () => {
    const env = parseEnv({ ...base });
    expect(env.database).toEqual({ kind: 'pglite', dir: '.data/pglite' });
    expect(env.mail).toEqual({ transport: 'dev' });
    expect(env.APP_URL).toBe('http://localhost:3000');
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ ...base, DATABASE_URL: '', RESEND_API_KEY: ' ' }).database.kind).toBe('pglite');
  });

  it('uses Postgres and Resend when configured', () => {
    const env = parseEnv({ ...base, DATABASE_URL: 'postgres://u:p@db:5432/av', RESEND_API_KEY: 're_123', RESEND_BASE_URL: 'http://127.0.0.1:4010' });
    expect(env.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/av' });
    expect(env.mail).toEqual({ transport: 'resend', apiKey: 're_123', baseUrl: 'http://127.0.0.1:4010' });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must be a postgres:\/\/ URL/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL: must be a postgres:\/\/ URL/],
    [{ RESEND_API_KEY: 'sk_live' }, /RESEND_API_KEY: must start with re_/],
    [{ APP_URL: 'localhost:3000' }, /APP_URL: must be an http:\/\/ or https:\/\/ URL/],
    [{ AUTH_SECRET: 'short' }, /AUTH_SECRET: must be at least 32 characters/],
    [{ DATABASE_POOL_SIZE: 'many' }, /DATABASE_POOL_SIZE/],
    [{ MAIL_FROM: 'nobody' }, /MAIL_FROM: must be an address/],
  ])('names the setting that is wrong: %j', (overrides, message) => {
    expect(() => parseEnv({ ...base, ...overrides })).toThrow(message);
  });

  it('requires AUTH_SECRET for a production server database', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/av' })).toThrow(/AUTH_SECRET: is required/);
  });
});
