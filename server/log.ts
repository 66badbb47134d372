import { AsyncLocalStorage } from 'node:async_hooks';
import { format, inspect } from 'node:util';

/**
 * The one logger. Production writes one JSON object per line (for a log shipper), development a
 * readable line. Every line carries the request id (or job id) of the work it belongs to, and
 * nothing that opens a door (portal, invitation, sign-in and unsubscribe links, cookies, keys)
 * survives into it.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogContext {
  requestId?: string;
  jobId?: string;
}

// One store for the custom server, Next's bundles and the worker: they load this module separately.
const holder = globalThis as unknown as { __afterviewLogContext?: AsyncLocalStorage<LogContext>; __afterviewConsole?: Console };
const store = (holder.__afterviewLogContext ??= new AsyncLocalStorage<LogContext>());

export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return store.run({ ...store.getStore(), ...context }, fn);
}

export function currentLogContext(): LogContext {
  return store.getStore() ?? {};
}

const SECRET_PATTERNS: [RegExp, string][] = [
  // Portal, invitation and unsubscribe links: the path segment is the secret.
  [/(\/(?:p|invite|unsubscribe)\/)[A-Za-z0-9._~%-]{8,}/g, '$1[redacted]'],
  // next-auth's magic link (…/callback/email?callbackUrl=…&token=…&email=…) and any token= parameter.
  [/([?&](?:token|code|secret|key)=)[^&\s"']+/gi, '$1[redacted]'],
  // Session and CSRF cookies, bearer credentials, provider keys and webhook secrets.
  [/((?:__Secure-|__Host-)?authjs\.[a-z-]+=)[^;\s"']+/gi, '$1[redacted]'],
  [/(\bBearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[redacted]'],
  [/\b(re|whsec)_[A-Za-z0-9_+/=-]{6,}/g, '$1_[redacted]'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: value.stack ? redact(value.stack) : undefined };
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, depth + 1)]));
}

function settings(): { json: boolean; min: number } {
  const level = (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info';
  return { json: process.env.NODE_ENV === 'production', min: RANK[level] ?? RANK.info };
}

/** The console as it was before `routeConsoleThroughLogger`, so the logger never loops into itself. */
function sink(): Console {
  return holder.__afterviewConsole ?? console;
}

export function write(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  const { json, min } = settings();
  if (RANK[level] < min) return;
  const context = currentLogContext();
  const out = sink();
  const emit = level === 'error' || level === 'warn' ? out.error.bind(out) : out.log.bind(out);
  if (json) {
    const line = { time: new Date().toISOString(), level, msg: redact(message), ...context, ...(redactValue(fields) as Record<string, unknown>) };
    emit(JSON.stringify(line));
    return;
  }
  const id = context.requestId ?? context.jobId;
  const extra = Object.keys(fields).length ? ` ${inspect(redactValue(fields), { breakLength: Infinity, depth: 4 })}` : '';
  emit(`${level === 'info' ? '' : `${level.toUpperCase()} `}${id ? `[${id.slice(0, 8)}] ` : ''}${redact(message)}${extra}`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};

/**
 * Next.js and libraries write to the console; in production those lines go through the logger
 * too, so every line is JSON, carries its request id and is redacted.
 */
export function routeConsoleThroughLogger(): void {
  if (holder.__afterviewConsole) return;
  const original = { ...console } as Console;
  holder.__afterviewConsole = original;
  const route = (level: LogLevel) => (...args: unknown[]) => {
    const error = args.find((a): a is Error => a instanceof Error);
    write(level, format(...args.map((a) => (a instanceof Error ? a.message : a))), error ? { err: error } : {});
  };
  console.log = route('info');
  console.info = route('info');
  console.debug = route('debug');
  console.warn = route('warn');
  console.error = route('error');
}
