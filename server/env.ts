import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseMailbox } from '@/server/email/headers';

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be a postgres:// URL such as postgres://user:password@host:5432/afterview');

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL');

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const ZEnvInput = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100).default(10)),
  // Behind a transaction-mode pooler (pgbouncer): LISTEN needs a session of its own on the server,
  // and named prepared statements would land on server connections that never prepared them.
  DATABASE_DIRECT_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_PREPARE: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('true')
      .transform((v) => v === 'true'),
  ),
  PGLITE_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data/pglite')),
  APP_URL: z.preprocess(emptyAsUndefined, httpUrl.default('http://localhost:3000')),
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters (try: openssl rand -base64 32)').optional()),
  RESEND_API_KEY: z.preprocess(emptyAsUndefined, z.string().startsWith('re_', 'must start with re_').optional()),
  RESEND_BASE_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  MAIL_FROM: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(?:[^<>]{1,100} )?<?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'must be an address like "Afterview <no-reply@example.com>"')
      // The same parser builds every From header; line breaks would be header injection.
      .refine((v) => parseMailbox(v) !== null, 'must be one address like "Afterview <no-reply@example.com>", without line breaks or control characters')
      .default('Afterview <no-reply@afterview.localhost>'),
  ),
  MAIL_POLL_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(60_000).default(2_000)),
  // Magic links one address, and one network, may request per 15 minutes.
  SIGN_IN_LIMIT_PER_EMAIL: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10_000).default(5)),
  SIGN_IN_LIMIT_PER_IP: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(30)),
  RESEND_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().startsWith('whsec_', 'must start with whsec_ (Resend → Webhooks → signing secret)').optional()),
  WORKER: z.preprocess(emptyAsUndefined, z.enum(['on', 'off'], { error: 'must be on or off' }).default('on')),
  // How many reverse proxies in front of the app append to X-Forwarded-For. 0: none, the client
  // is the socket's peer and every forwarded header is the client's own claim.
  TRUST_PROXY_HOPS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a whole number of proxies (0 when none)' }).int('must be a whole number of proxies (0 when none)').min(0).max(10).default(0)),
  // A production build tried on one's own machine (and the e2e suite): it may go without Resend,
  // AUTH_SECRET and a database server, and since its dev mailbox then shows every sign-in link, it
  // listens on loopback only and refuses anyone else.
  LOCAL_PRODUCTION: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
  ),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }).default('info')),
  SHUTDOWN_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1_000).max(120_000).default(15_000)),
  // false when a release step runs `npm run db:migrate` once: instances and workers then only check
  // at boot that the database has every migration, and refuse to start if not.
  MIGRATE_ON_BOOT: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('true')
      .transform((v) => v === 'true'),
  ),
});

export type Env = z.infer<typeof ZEnvInput> & {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };
  mail: { transport: 'resend'; apiKey: string; baseUrl?: string } | { transport: 'dev' };
  authSecret: string;
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

// Without AUTH_SECRET the embedded mode still needs a stable one, or every restart would
// invalidate pending magic links; it is kept beside the embedded database.
function embeddedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = ZEnvInput.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    const problems = productionProblems(e, source);
    if (problems.length > 0) throw new ConfigError(`Invalid configuration for production:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  const dataDir = e.PGLITE_DIR.startsWith('memory://') ? '.data' : path.dirname(path.resolve(e.PGLITE_DIR));
  return {
    ...e,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dir: e.PGLITE_DIR },
    mail: e.RESEND_API_KEY
      ? { transport: 'resend', apiKey: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL }
      : { transport: 'dev' },
    authSecret: e.AUTH_SECRET ?? embeddedSecret(dataDir),
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(url).hostname);
}

/**
 * What production refuses to guess: where links point, the secret that signs sessions, where data
 * lives and how mail leaves. A local production build may go without the last three only when it
 * says so, and then it serves loopback alone (server/http/server.ts).
 */
function productionProblems(e: z.infer<typeof ZEnvInput>, source: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (!source.APP_URL?.trim()) {
    problems.push('APP_URL: is required in production (the public address, e.g. https://afterview.example.com); every link in an email is built from it');
  } else if (!e.APP_URL.startsWith('https:') && !isLoopbackUrl(e.APP_URL)) {
    problems.push('APP_URL: must be https:// in production (http:// only for localhost)');
  }
  if (e.LOCAL_PRODUCTION) {
    if (!isLoopbackUrl(e.APP_URL)) {
      problems.push('LOCAL_PRODUCTION: is for a build on your own machine only; APP_URL must then be http://localhost or http://127.0.0.1');
    }
    return problems;
  }
  const localOnly = 'or, for a production build on your own machine only, LOCAL_PRODUCTION=true';
  if (!e.RESEND_API_KEY) problems.push(`RESEND_API_KEY: is required in production, or sign-in links would have nowhere to go (${localOnly})`);
  if (!e.AUTH_SECRET) problems.push(`AUTH_SECRET: is required in production (try: openssl rand -base64 32) (${localOnly})`);
  if (!e.DATABASE_URL) problems.push(`DATABASE_URL: is required in production; the embedded database is for one machine (${localOnly})`);
  return problems;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * The dev mailbox and template previews show live sign-in links: they exist in development, and in
 * a production build only when it was started as LOCAL_PRODUCTION (which listens on loopback alone).
 */
export function devToolsEnabled(): boolean {
  const e = env();
  return e.mail.transport === 'dev' && (e.NODE_ENV !== 'production' || e.LOCAL_PRODUCTION);
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
