import { Resend } from 'resend';
import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db/client';
import { devMailbox } from '@/db/schema';
import { env } from '@/server/env';
import { unsafeHeaderField } from './headers';

export interface OutgoingEmail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  headers?: Record<string, string>;
}

export type SendResult =
  | { ok: true; providerId: string }
  | { ok: false; retryable: boolean; retryAfterMs?: number; error: string };

export interface MailTransport {
  readonly name: 'resend' | 'dev';
  send(email: OutgoingEmail, options: { idempotencyKey: string }): Promise<SendResult>;
}

/**
 * The last defence against header injection: whatever a bug upstream let through, an email with a
 * line break or control character in a header is not handed to Resend (nor the dev mailbox). It
 * fails for good, with the field named, rather than being retried.
 */
function refuseUnsafeHeaders(email: OutgoingEmail): SendResult | null {
  const field = unsafeHeaderField(email);
  if (!field) return null;
  return { ok: false, retryable: false, error: `unsafe_header: the ${field} header contains a line break or control character; not sent` };
}

const RETRYABLE_NAMES = new Set(['rate_limit_exceeded', 'concurrent_idempotent_requests', 'internal_server_error', 'application_error']);

function retryAfterMs(headers: Record<string, string> | null): number | undefined {
  const raw = headers?.['retry-after'];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function createResendTransport(apiKey: string, baseUrl?: string): MailTransport {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: 'resend',
    async send(email, { idempotencyKey }) {
      const unsafe = refuseUnsafeHeaders(email);
      if (unsafe) return unsafe;
      const { data, error, headers } = await client.emails.send(
        { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text, replyTo: email.replyTo, headers: email.headers },
        { idempotencyKey },
      );
      if (data) return { ok: true, providerId: data.id };
      const status = error?.statusCode ?? null;
      // The SDK never throws nor retries: a null status is a network failure, worth another try.
      const retryable = status === null || status === 429 || status >= 500 || RETRYABLE_NAMES.has(error?.name ?? '');
      return {
        ok: false,
        retryable,
        retryAfterMs: retryAfterMs(headers),
        error: `${error?.name ?? 'unknown_error'}${status ? ` (${status})` : ''}: ${error?.message ?? 'no message'}`,
      };
    },
  };
}

/** Stores the message where the dev mailbox page reads it, idempotent on the key like Resend. */
export function createDevTransport(): MailTransport {
  return {
    name: 'dev',
    async send(email, { idempotencyKey }) {
      const unsafe = refuseUnsafeHeaders(email);
      if (unsafe) return unsafe;
      const db = getDb();
      const inserted = await db
        .insert(devMailbox)
        .values({ idempotencyKey, from: email.from, to: email.to, replyTo: email.replyTo, subject: email.subject, html: email.html, text: email.text, headers: email.headers ?? {} })
        .onConflictDoNothing({ target: devMailbox.idempotencyKey })
        .returning({ id: devMailbox.id });
      const id =
        inserted[0]?.id ??
        (await queryRows<{ id: string }>(db, sql`select id from dev_mailbox where idempotency_key = ${idempotencyKey}`))[0]?.id;
      if (!id) return { ok: false, retryable: true, error: 'dev mailbox: message not stored' };
      if (inserted[0]) console.log(`[mail] "${email.subject}" to ${email.to.join(', ')} → ${env().APP_URL}/dev/mailbox/${id}`);
      return { ok: true, providerId: `dev_${id}` };
    },
  };
}

const holder = globalThis as unknown as { __afterviewTransport?: MailTransport; __afterviewResend?: Resend };

/** The Resend API client for what is not sending (fetching received mail); null in the dev-mailbox mode. */
export function resendApi(): Resend | null {
  const mail = env().mail;
  if (mail.transport !== 'resend') return null;
  holder.__afterviewResend ??= new Resend(mail.apiKey, mail.baseUrl ? { baseUrl: mail.baseUrl } : undefined);
  return holder.__afterviewResend;
}

export function mailTransport(): MailTransport {
  if (!holder.__afterviewTransport) {
    const mail = env().mail;
    holder.__afterviewTransport = mail.transport === 'resend' ? createResendTransport(mail.apiKey, mail.baseUrl) : createDevTransport();
  }
  return holder.__afterviewTransport;
}
