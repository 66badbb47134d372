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

  describe('in production', () => {
    const prod = {
      NODE_ENV: 'production',
      APP_URL: 'https://app.afterview.example',
      AUTH_SECRET: 'x'.repeat(32),
      DATABASE_URL: 'postgres://db/av',
      RESEND_API_KEY: 're_live_key',
    };
    const without = (name: keyof typeof prod) => Object.fromEntries(Object.entries(prod).filter(([k]) => k !== name));

    it('starts with everything set', () => {
      expect(parseEnv(prod).mail.transport).toBe('resend');
    });

    it.each([
      ['APP_URL', /APP_URL: is required in production/],
      ['AUTH_SECRET', /AUTH_SECRET: is required in production/],
      ['DATABASE_URL', /DATABASE_URL: is required in production/],
      // Without a mail provider the dev mailbox would publish every sign-in link.
      ['RESEND_API_KEY', /RESEND_API_KEY: is required in production/],
    ] as const)('refuses to start without %s, naming it', (name, message) => {
      expect(() => parseEnv(without(name))).toThrow(message);
    });

    it('names every missing variable at once', () => {
      expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/APP_URL[\s\S]*RESEND_API_KEY[\s\S]*AUTH_SECRET[\s\S]*DATABASE_URL/);
    });

    it('refuses a plain-http public APP_URL', () => {
      expect(() => parseEnv({ ...prod, APP_URL: 'http://app.afterview.example' })).toThrow(/APP_URL: must be https:\/\/ in production/);
    });

    it('allows the dev mailbox only as an explicit local build on a loopback address', () => {
      const local = parseEnv({ NODE_ENV: 'production', APP_URL: 'http://localhost:3100', LOCAL_PRODUCTION: 'true' });
      expect(local.mail.transport).toBe('dev');
      expect(() => parseEnv({ NODE_ENV: 'production', APP_URL: 'https://app.afterview.example', LOCAL_PRODUCTION: 'true' })).toThrow(
        /LOCAL_PRODUCTION: is for a build on your own machine only/,
      );
      expect(() => parseEnv({ NODE_ENV: 'production', APP_URL: 'http://localhost:3100', LOCAL_PRODUCTION: 'yes' })).toThrow(/LOCAL_PRODUCTION: must be true or false/);
    });

    it.each([['-1'], ['two'], ['1.5']])('refuses TRUST_PROXY_HOPS=%s', (hops) => {
      expect(() => parseEnv({ ...prod, TRUST_PROXY_HOPS: hops })).toThrow(/TRUST_PROXY_HOPS/);
    });
  });
});
