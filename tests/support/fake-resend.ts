/**
 * A local stand-in for the Resend HTTP API (https://api.resend.com), for tests.
 *
 * It speaks the wire format the `resend` SDK (v6) expects, so production code can be
 * pointed at it with `new Resend(key, { baseUrl: fake.url })` or `RESEND_BASE_URL`.
 * Covered: POST /emails, POST /emails/batch, GET /emails, GET /emails/:id,
 * GET /emails/receiving, GET /emails/receiving/:id, plus Resend's auth, idempotency,
 * validation and rate-limit behaviour. Anything else answers 404 `not_found`, so a
 * test that wanders off the supported surface fails loudly instead of silently passing.
 *
 * It also plays Resend's webhook sender: events are POSTed to the app signed the way
 * Resend (through Svix) signs them (`svix-id`, `svix-timestamp`, `svix-signature`), so the
 * app's real verification code runs. Tampered, stale and unsigned deliveries are on demand.
 *
 * Run directly (`node --import tsx tests/support/fake-resend.ts`) it listens on
 * FAKE_RESEND_PORT / PORT / 4010 and prints its URL as the first stdout line; RESEND_API_KEY,
 * RESEND_WEBHOOK_SECRET and FAKE_RESEND_WEBHOOK_URL override the defaults. Out of process,
 * tests drive it through these control routes (never recorded in `requests`, no auth):
 *
 *   GET  /__fake/sent             { data: SentEmail[] }
 *   GET  /__fake/requests         { data: RecordedRequest[] }
 *   GET  /__fake/webhooks         { data: WebhookDelivery[] }
 *   GET  /__fake/hung             { count } of requests a 'hang' is holding
 *   GET  /__fake/config           { apiKey, webhookSecret, webhookUrl }
 *   POST /__fake/config           { webhookSecret?, webhookUrl? } → the new config
 *   POST /__fake/reset            back to a fresh state; hung requests are dropped
 *   POST /__fake/fail-next        { n, failure: InjectedFailure, scope?: 'send' | 'read' | 'any' }
 *   POST /__fake/release-hung     held ('hang') requests answer now → { released }
 *   POST /__fake/rate-limit       { perSecond: number | null }
 *   POST /__fake/latency          { ms }
 *   POST /__fake/inbound          InboundInput → { id } (stored only, no webhook)
 *   POST /__fake/receive          InboundInput & { deliverTo?: { url?, secret? }, webhook?: { id?, timestamp?, tamper? } }
 *                                 → { id, event, delivery } (stored, then `email.received` delivered)
 *   POST /__fake/webhook          { url?, secret?, event } or { url?, secret?, type, emailId, details? },
 *                                 plus { id?, timestamp?, tamper?, headers? } → WebhookResult
 *   POST /__fake/webhook/sign     { secret?, id, timestamp, body } → { headers }
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type {
  EmailBouncedEvent,
  EmailClickedEvent,
  EmailComplainedEvent,
  EmailDeliveredEvent,
  EmailDeliveryDelayedEvent,
  EmailFailedEvent,
  EmailOpenedEvent,
  EmailReceivedEvent,
  EmailSentEvent,
  EmailSuppressedEvent,
  SuppressionAddedEvent,
  WebhookEventPayload,
} from 'resend';

export type LastEvent =
  | 'bounced'
  | 'canceled'
  | 'clicked'
  | 'complained'
  | 'delivered'
  | 'delivery_delayed'
  | 'failed'
  | 'opened'
  | 'queued'
  | 'scheduled'
  | 'sent'
  | 'suppressed';

export interface EmailTag {
  name: string;
  value: string;
}

export interface SentAttachment {
  filename: string | null;
  contentType: string | null;
  /** Base64 content as sent; null when the attachment was given by `path`. */
  content: string | null;
  path: string | null;
}

export interface SentEmail {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string | null;
  text: string | null;
  reply_to: string[];
  headers: Record<string, string>;
  tags: EmailTag[];
  attachments: SentAttachment[];
  scheduledAt: string | null;
  idempotencyKey: string | null;
  /** True when it arrived through POST /emails/batch. */
  batch: boolean;
  /** What GET /emails/:id reports; tests may overwrite it, and `deliverForSent` moves it along. */
  lastEvent: LastEvent;
  createdAt: string;
}

export interface InboundEmail {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  reply_to: string[];
  received_for: string[];
  subject: string;
  text: string | null;
  html: string | null;
  /** Header names are lower-case, as Resend reports them. */
  headers: Record<string, string>;
  message_id: string;
  created_at: string;
}

export interface InboundInput {
  id?: string;
  from: string;
  to: string | string[];
  subject: string;
  text?: string;
  html?: string;
  /** Any case; stored lower-cased. */
  headers?: Record<string, string>;
  /** Defaults to `<id@inbound.fake-resend.local>`. */
  message_id?: string;
  /** Shorthand for the `in-reply-to` header (threading replies to a sent email). */
  in_reply_to?: string;
  /** Shorthand for the `references` header; an array is joined with spaces. */
  references?: string | string[];
  cc?: string[];
  bcc?: string[];
  reply_to?: string[];
  /** The addresses on your domain it was accepted for; defaults to `to`. */
  received_for?: string[];
  created_at?: string;
}

export interface RecordedRequest {
  method: string;
  /** Pathname only, without the query string. */
  path: string;
  idempotencyKey?: string;
  /** HTTP status sent back; 0 when none was (dropped connection, or a hang the client gave up on). */
  status: number;
}

/**
 * `afterAccept` makes the failure happen after the email was recorded (and its
 * idempotency key stored), i.e. "Resend sent it but the response never made it back";
 * the case a retry with the same Idempotency-Key exists for.
 *
 * `hang` holds the request without answering: until `ms` have passed (then it is answered
 * normally, as a very slow response), until `releaseHung()`, or forever; `reset()` and
 * `close()` drop held connections. A client that gives up is recorded with status 0.
 */
export type InjectedFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 | 503; afterAccept?: boolean }
  | { status: 'network'; afterAccept?: boolean }
  | { status: 'hang'; ms?: number; afterAccept?: boolean };

/** Which requests an injected failure may hit: sends (POST /emails[/batch]), reads (GET), or either. */
export type FailureScope = 'send' | 'read' | 'any';

/** Svix's three headers; what `resend.webhooks.verify` reads as `{ id, timestamp, signature }`. */
// A type alias, not an interface, so it can be passed where a plain header record is expected.
export type WebhookSignatureHeaders = {
  'svix-id': string;
  'svix-timestamp': string;
  'svix-signature': string;
};

/**
 * How to spoil a delivery: `body` changes the payload after signing, `signature` sends a
 * wrong signature, `secret` signs with another secret, `stale` dates it 10 minutes back
 * (outside the 5-minute tolerance) unless `timestamp` is given, `unsigned` omits the svix headers.
 */
export type WebhookTamper = 'body' | 'signature' | 'secret' | 'stale' | 'unsigned';

export interface WebhookDeliveryOptions {
  /** Defaults to the fake's `webhookUrl`. */
  url?: string;
  /** `whsec_<base64>`; defaults to the fake's `webhookSecret`. */
  secret?: string;
  /** Serialized with JSON.stringify; a string is sent verbatim (for malformed bodies). */
  event: WebhookEventPayload | Record<string, unknown> | string;
  /** svix-id; reuse one to simulate Svix redelivering the same message. */
  id?: string;
  /** svix-timestamp in unix seconds; defaults to now. */
  timestamp?: number;
  tamper?: WebhookTamper;
  /** Extra request headers, applied last. */
  headers?: Record<string, string>;
  /** Svix gives up after 15 s. */
  timeoutMs?: number;
}

export interface WebhookResult {
  /** The receiver's HTTP status; 0 when it could not be reached or timed out (see `error`). */
  status: number;
  /** The receiver's response body, as text. */
  body: string;
  /** svix-id of the delivery. */
  id: string;
  timestamp: number;
  /** Exactly the body that was POSTed (after any tampering). */
  payload: string;
  /** Exactly the headers that were sent. */
  headers: Record<string, string>;
  error?: string;
}

export interface WebhookDelivery {
  url: string;
  id: string;
  timestamp: number;
  type: string | null;
  tamper: WebhookTamper | null;
  status: number;
}

/** Events `deliverForSent` can build from an accepted email. */
export type EmailEventType =
  | 'email.sent'
  | 'email.delivered'
  | 'email.delivery_delayed'
  | 'email.bounced'
  | 'email.complained'
  | 'email.opened'
  | 'email.clicked'
  | 'email.failed'
  | 'email.suppressed';

export type SentEventType = EmailEventType | 'suppression.added';
export type FakeEventType = SentEventType | 'email.received';

type EmailBounce = EmailBouncedEvent['data']['bounce'];
type EmailClick = EmailClickedEvent['data']['click'];
type EmailFailure = EmailFailedEvent['data']['failed'];
type EmailSuppression = EmailSuppressedEvent['data']['suppressed'];
type BaseEmailData = EmailSentEvent['data'];
type SuppressionOrigin = SuppressionAddedEvent['data']['origin'];

export interface EmailEventDetails {
  from?: string;
  subject?: string;
  message_id?: string;
  tags?: Record<string, string>;
  /** `created_at` at the top level: when the event happened. Defaults to now. */
  created_at?: string;
  /** `data.created_at`: when the email was created. Defaults to now. */
  email_created_at?: string;
  bounce?: Partial<EmailBounce>;
  click?: Partial<EmailClick>;
  failed?: Partial<EmailFailure>;
  suppressed?: Partial<EmailSuppression>;
  /** For `suppression.added`: why the address was suppressed (default `bounce`). */
  origin?: SuppressionOrigin;
}

export interface ReceivedEventInput {
  email_id: string;
  from: string;
  to: string | string[];
  subject: string;
  cc?: string[];
  bcc?: string[];
  received_for?: string[];
  message_id?: string;
  created_at?: string;
  email_created_at?: string;
}

export interface SuppressionEventDetails {
  id?: string;
  origin?: SuppressionOrigin;
  /** The email that caused it; null for manual additions. */
  source_id?: string | null;
  /** When the address was suppressed (both the event's and the data's `created_at`). */
  created_at?: string;
}

export interface ReceiveInput extends InboundInput {
  /** Where to deliver `email.received`; each field defaults to the fake's own setting. */
  deliverTo?: { url?: string; secret?: string };
  webhook?: Pick<WebhookDeliveryOptions, 'id' | 'timestamp' | 'tamper' | 'headers' | 'timeoutMs'>;
}

export interface ReceiveResult {
  /** The received email's id, for `resend.emails.receiving.get`. */
  id: string;
  event: EmailReceivedEvent;
  delivery: WebhookResult;
}

export type DeliverForSentOptions = Omit<WebhookDeliveryOptions, 'event'> & { details?: EmailEventDetails };

export interface FakeResend {
  /** e.g. http://127.0.0.1:PORT, no trailing slash (the SDK concatenates `${baseUrl}${path}`). */
  url: string;
  /** The only key accepted in `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Signing secret used when a delivery names none. */
  webhookSecret: string;
  /** Receiver used when a delivery names none; null until configured. */
  webhookUrl: string | null;
  /** Every accepted email, in acceptance order. Idempotent replays add nothing. */
  sent: SentEmail[];
  /** Every Resend API request, in completion order (control routes excluded). */
  requests: RecordedRequest[];
  /** Every webhook delivery attempt, in order. */
  webhooks: WebhookDelivery[];
  /** The next n matching requests fail this way (default scope: sends only); calls queue up in order. */
  failNext(n: number, failure: InjectedFailure, scope?: FailureScope): void;
  /** Lets every held ('hang') request go on and be answered now; returns how many there were. */
  releaseHung(): number;
  /** How many requests a 'hang' is holding right now. */
  readonly hung: number;
  /** Enforce a real fixed-window limit per second across all API requests; null (default) turns it off. */
  setRateLimit(perSecond: number | null): void;
  /** Delay every API response by ms (after the idempotency key is reserved), to exercise timeouts and concurrency. */
  setLatency(ms: number): void;
  /** Store an inbound message for GET /emails/receiving/:id; returns its id. No webhook is sent. */
  addInbound(msg: InboundInput): string;
  /** Store an inbound message and deliver its signed `email.received` event. */
  receive(input: ReceiveInput): Promise<ReceiveResult>;
  /** POST a signed webhook event to `url`, as Resend's sender would. */
  webhook(opts: WebhookDeliveryOptions): Promise<WebhookResult>;
  /** The svix headers for `body`; for crafting deliveries by hand. */
  signWebhook(secret: string, id: string, timestamp: number | string, body: string): WebhookSignatureHeaders;
  /** The event Resend would send for an accepted email (or, for `email.received`, a stored inbound one). */
  eventFor(emailId: string, type: FakeEventType, details?: EmailEventDetails): WebhookEventPayload;
  /** Build the event for an accepted email, deliver it, and move the email's `lastEvent` along. */
  deliverForSent(sentEmailId: string, type: SentEventType, opts?: DeliverForSentOptions): Promise<WebhookResult>;
  /** Back to a fresh state: clears records, idempotency keys, failures, rate limit and latency; drops hung requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface StartFakeResendOptions {
  apiKey?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  webhookSecret?: string;
  webhookUrl?: string;
}

const DEFAULT_API_KEY = 're_test_fake_resend_0000000000000000';
/** A fixed, valid Svix secret so an app under test and the fake can share it through env. */
export const DEFAULT_WEBHOOK_SECRET = 'whsec_ZmFrZS1yZXNlbmQtd2ViaG9vay1zZWNyZXQtMDAw';
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_RECIPIENTS = 50;
const MAX_BATCH = 100;
/** Only a header value when no real limit is set; Resend's documented default has been 2 (later 5). */
const NOMINAL_RATE_LIMIT = 2;
/** Twice the 5-minute tolerance Svix and the SDK's verifier allow. */
const STALE_WEBHOOK_SECONDS = 10 * 60;
const WEBHOOK_TIMEOUT_MS = 15_000;
const SVIX_USER_AGENT = 'Svix-Webhooks/1.0 (fake-resend; +https://www.svix.com/http-sender/)';
const DEFAULT_EVENT_FROM = 'Acme <onboarding@resend.dev>';
const DEFAULT_EVENT_SUBJECT = 'Sending this example';

const ADDRESS_FORMAT_HINT =
  'The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.';

type ErrorName =
  | 'invalid_idempotency_key'
  | 'validation_error'
  | 'missing_api_key'
  | 'invalid_api_key'
  | 'not_found'
  | 'method_not_allowed'
  | 'invalid_idempotent_request'
  | 'concurrent_idempotent_requests'
  | 'invalid_parameter'
  | 'rate_limit_exceeded'
  | 'internal_server_error';

interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface RequestContext {
  method: string;
  path: string;
  idempotencyKey?: string;
}

interface IdempotencyEntry {
  state: 'in_flight' | 'done';
  fingerprint: string;
  response: ApiResponse | null;
  createdAt: number;
}

interface ValidatedEmail {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string | null;
  text: string | null;
  reply_to: string[];
  headers: Record<string, string>;
  tags: EmailTag[];
  attachments: SentAttachment[];
  scheduledAt: string | null;
}

type Validation = { ok: true; email: ValidatedEmail } | { ok: false; message: string };

/** How a held request ended. */
type HoldOutcome = 'elapsed' | 'client_gone' | 'reset';

function apiError(status: number, name: ErrorName, message: string, headers?: Record<string, string>): ApiResponse {
  // Resend's documented error body; the SDK hands it to callers verbatim as `error`.
  return { status, body: { statusCode: status, message, name }, headers };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

const BARE_ADDRESS = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

/** Returns the bare address of `email@example.com` or `Name <email@example.com>`, or null. */
function parseAddress(value: string): string | null {
  const trimmed = value.trim();
  if (BARE_ADDRESS.test(trimmed)) return trimmed;
  const named = /^[^<>]*<([^<>]+)>$/.exec(trimmed);
  const inner = named?.[1];
  return inner !== undefined && BARE_ADDRESS.test(inner) ? inner : null;
}

/** Key order must not matter when comparing an idempotent retry with the original. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function addressList(body: Record<string, unknown>, field: string, required: boolean): string[] | { error: string } {
  const raw = body[field];
  if (raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) {
    return required ? { error: `Missing \`${field}\` field.` } : [];
  }
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (list.length > MAX_RECIPIENTS) {
    return { error: `Too many recipients in \`${field}\` field. The maximum is ${MAX_RECIPIENTS}.` };
  }
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string' || parseAddress(item) === null) {
      return { error: `Invalid \`${field}\` field. ${ADDRESS_FORMAT_HINT}` };
    }
    out.push(item.trim());
  }
  return out;
}

function validateEmail(raw: unknown, batch: boolean): Validation {
  if (!isRecord(raw)) return { ok: false, message: 'The request body must be a JSON object.' };
  if (raw.template !== undefined) {
    // Templates live in Resend's dashboard; pretending to render one would hide bugs.
    return { ok: false, message: 'The fake Resend server does not support `template`.' };
  }

  const from = raw.from;
  if (from === undefined || from === null || from === '') return { ok: false, message: 'Missing `from` field.' };
  if (typeof from !== 'string' || parseAddress(from) === null) {
    return { ok: false, message: `Invalid \`from\` field. ${ADDRESS_FORMAT_HINT}` };
  }

  const to = addressList(raw, 'to', true);
  if (!Array.isArray(to)) return { ok: false, message: to.error };

  const subject = raw.subject;
  if (subject === undefined || subject === null || subject === '') return { ok: false, message: 'Missing `subject` field.' };
  if (typeof subject !== 'string') return { ok: false, message: 'Invalid `subject` field. It must be a string.' };

  const html = raw.html ?? null;
  const text = raw.text ?? null;
  if (html !== null && typeof html !== 'string') return { ok: false, message: 'Invalid `html` field. It must be a string.' };
  if (text !== null && typeof text !== 'string') return { ok: false, message: 'Invalid `text` field. It must be a string.' };
  // The SDK renders `react` to `html` before sending, so the API itself only ever sees html/text.
  if (!html && !text) return { ok: false, message: 'Missing `html` or `text` field.' };

  const cc = addressList(raw, 'cc', false);
  if (!Array.isArray(cc)) return { ok: false, message: cc.error };
  const bcc = addressList(raw, 'bcc', false);
  if (!Array.isArray(bcc)) return { ok: false, message: bcc.error };
  const replyTo = addressList(raw, 'reply_to', false);
  if (!Array.isArray(replyTo)) return { ok: false, message: replyTo.error };

  const headers: Record<string, string> = {};
  if (raw.headers !== undefined && raw.headers !== null) {
    if (!isRecord(raw.headers)) return { ok: false, message: 'Invalid `headers` field. It must be an object of strings.' };
    for (const [name, value] of Object.entries(raw.headers)) {
      if (typeof value !== 'string') {
        return { ok: false, message: `Invalid \`headers\` field. The value of \`${name}\` must be a string.` };
      }
      headers[name] = value;
    }
  }

  const tags: EmailTag[] = [];
  if (raw.tags !== undefined && raw.tags !== null) {
    if (!Array.isArray(raw.tags)) return { ok: false, message: 'Invalid `tags` field. It must be an array.' };
    const tagPart = /^[A-Za-z0-9_-]{1,256}$/;
    for (const tag of raw.tags) {
      const name = isRecord(tag) ? tag.name : undefined;
      const value = isRecord(tag) ? tag.value : undefined;
      if (typeof name !== 'string' || typeof value !== 'string' || !tagPart.test(name) || !tagPart.test(value)) {
        return {
          ok: false,
          message:
            'Invalid `tags` field. Tag names and values can only contain ASCII letters (a–z, A–Z), numbers (0–9), underscores (_), or dashes (-), and at most 256 characters.',
        };
      }
      tags.push({ name, value });
    }
  }

  const attachments: SentAttachment[] = [];
  if (raw.attachments !== undefined && raw.attachments !== null) {
    // Resend documents both limitations for the batch endpoint.
    if (batch) return { ok: false, message: 'The `attachments` field is not supported for batch emails.' };
    if (!Array.isArray(raw.attachments)) return { ok: false, message: 'Invalid `attachments` field. It must be an array.' };
    for (const att of raw.attachments) {
      if (!isRecord(att) || (typeof att.content !== 'string' && typeof att.path !== 'string')) {
        return { ok: false, message: 'Invalid `attachments` field. Each attachment needs `content` or `path`.' };
      }
      attachments.push({
        filename: typeof att.filename === 'string' ? att.filename : null,
        contentType: typeof att.content_type === 'string' ? att.content_type : null,
        content: typeof att.content === 'string' ? att.content : null,
        path: typeof att.path === 'string' ? att.path : null,
      });
    }
  }

  let scheduledAt: string | null = null;
  if (raw.scheduled_at !== undefined && raw.scheduled_at !== null) {
    if (batch) return { ok: false, message: 'The `scheduled_at` field is not supported for batch emails.' };
    if (typeof raw.scheduled_at !== 'string') return { ok: false, message: 'Invalid `scheduled_at` field.' };
    scheduledAt = raw.scheduled_at;
  }

  return {
    ok: true,
    email: { from, to, cc, bcc, subject, html, text, reply_to: replyTo, headers, tags, attachments, scheduledAt },
  };
}

/** Mirrors Resend's test inboxes (delivered@, bounced@, complained@, suppressed@resend.dev, +labels allowed). */
function initialEvent(email: ValidatedEmail): LastEvent {
  if (email.scheduledAt !== null) return 'scheduled';
  const first = email.to[0];
  const address = first === undefined ? null : parseAddress(first);
  const match = address === null ? null : /^(delivered|bounced|complained|suppressed)(\+[^@]*)?@resend\.dev$/i.exec(address);
  const kind = match?.[1]?.toLowerCase();
  if (kind === 'bounced' || kind === 'complained' || kind === 'suppressed') return kind;
  return 'delivered';
}

function sentMessageId(emailId: string): string {
  return `<${emailId}@fake-resend.local>`;
}

function emailResource(e: SentEmail): Record<string, unknown> {
  return {
    object: 'email',
    id: e.id,
    to: e.to,
    from: e.from,
    created_at: e.createdAt,
    subject: e.subject,
    html: e.html,
    text: e.text,
    bcc: e.bcc.length > 0 ? e.bcc : null,
    cc: e.cc.length > 0 ? e.cc : null,
    reply_to: e.reply_to.length > 0 ? e.reply_to : null,
    last_event: e.lastEvent,
    scheduled_at: e.scheduledAt,
    tags: e.tags,
    message_id: sentMessageId(e.id),
  };
}

/** `full` is GetReceivingEmailResponseSuccess; otherwise the list item (no object/html/text/headers/raw). */
function inboundResource(m: InboundEmail, full: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: m.id,
    to: m.to,
    from: m.from,
    created_at: m.created_at,
    subject: m.subject,
    bcc: m.bcc.length > 0 ? m.bcc : null,
    cc: m.cc.length > 0 ? m.cc : null,
    reply_to: m.reply_to.length > 0 ? m.reply_to : null,
    received_for: m.received_for,
    message_id: m.message_id,
    attachments: [],
  };
  if (!full) return base;
  return { object: 'email', ...base, html: m.html, text: m.text, headers: m.headers, raw: null };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isOptional(value: unknown, type: 'number' | 'boolean' | 'string'): boolean {
  return value === undefined || typeof value === type;
}

function isInjectedFailure(value: unknown): value is InjectedFailure {
  if (!isRecord(value)) return false;
  if (value.status === 429) return typeof value.retryAfterSeconds === 'number';
  if (value.status === 'hang') return isOptional(value.ms, 'number') && isOptional(value.afterAccept, 'boolean');
  const known = value.status === 500 || value.status === 502 || value.status === 503 || value.status === 'network';
  return known && isOptional(value.afterAccept, 'boolean');
}

function isFailureScope(value: unknown): value is FailureScope {
  return value === 'send' || value === 'read' || value === 'any';
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isInboundInput(value: unknown): value is InboundInput {
  return (
    isRecord(value) &&
    typeof value.from === 'string' &&
    (typeof value.to === 'string' || isStringArray(value.to)) &&
    typeof value.subject === 'string'
  );
}

const TAMPERS: readonly string[] = ['body', 'signature', 'secret', 'stale', 'unsigned'] satisfies WebhookTamper[];

function isTamper(value: unknown): value is WebhookTamper {
  return typeof value === 'string' && TAMPERS.includes(value);
}

const SENT_EVENT_TYPES: readonly string[] = [
  'email.sent',
  'email.delivered',
  'email.delivery_delayed',
  'email.bounced',
  'email.complained',
  'email.opened',
  'email.clicked',
  'email.failed',
  'email.suppressed',
  'suppression.added',
] satisfies SentEventType[];

function isFakeEventType(value: unknown): value is FakeEventType {
  return typeof value === 'string' && (SENT_EVENT_TYPES.includes(value) || value === 'email.received');
}

function toList(value: string | string[]): string[] {
  return Array.isArray(value) ? [...value] : [value];
}

// ---------------------------------------------------------------------------------------------
// Webhook signing and delivery (usable without a running fake)
// ---------------------------------------------------------------------------------------------

/** Bad input to a helper or control route; control routes answer it as 400 with its message. */
class FakeInputError extends Error {}

/** The HMAC key: the base64 part after `whsec_`, decoded; refused loudly when it is not base64. */
function webhookKey(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  // The SDK's verifier decodes strictly; a lenient decode here would sign with a key it never derives.
  if (encoded === '' || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(encoded)) {
    throw new FakeInputError('A webhook secret must be `whsec_` followed by base64.');
  }
  return Buffer.from(encoded, 'base64');
}

/** A fresh secret in Resend's format. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** A Svix-style message id (`msg_` + 27 alphanumerics). */
export function newWebhookId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(27);
  let out = 'msg_';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** Signs `${id}.${timestamp}.${body}` exactly as Svix does for Resend. */
export function signWebhook(secret: string, id: string, timestamp: number | string, body: string): WebhookSignatureHeaders {
  const ts = String(timestamp);
  const signature = createHmac('sha256', webhookKey(secret)).update(`${id}.${ts}.${body}`).digest('base64');
  return { 'svix-id': id, 'svix-timestamp': ts, 'svix-signature': `v1,${signature}` };
}

function tamperBody(body: string): string {
  const parsed = parseJson(body);
  // Still valid JSON, so only a receiver that checks the signature against the raw body notices.
  if (parsed.ok && isRecord(parsed.value)) return JSON.stringify({ ...parsed.value, tampered: true });
  return `${body} `;
}

/** POSTs one signed event; never throws for the receiver's sake (status 0 and `error` instead). */
export async function deliverWebhook(opts: WebhookDeliveryOptions & { url: string; secret: string }): Promise<WebhookResult> {
  const id = opts.id ?? newWebhookId();
  const now = Math.floor(Date.now() / 1000);
  const timestamp = opts.timestamp ?? (opts.tamper === 'stale' ? now - STALE_WEBHOOK_SECONDS : now);
  const signed = typeof opts.event === 'string' ? opts.event : JSON.stringify(opts.event);
  const signature = signWebhook(opts.tamper === 'secret' ? generateWebhookSecret() : opts.secret, id, timestamp, signed);
  if (opts.tamper === 'signature') signature['svix-signature'] = `v1,${randomBytes(32).toString('base64')}`;
  const payload = opts.tamper === 'body' ? tamperBody(signed) : signed;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': SVIX_USER_AGENT,
    ...(opts.tamper === 'unsigned' ? {} : signature),
    ...opts.headers,
  };
  try {
    const res = await fetch(opts.url, {
      method: 'POST',
      headers,
      body: payload,
      // Svix does not follow redirects; a 3xx is a failed delivery the test should see.
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
    });
    return { status: res.status, body: await res.text(), id, timestamp, payload, headers };
  } catch (err) {
    return { status: 0, body: '', id, timestamp, payload, headers, error: err instanceof Error ? err.message : String(err) };
  }
}

// ---------------------------------------------------------------------------------------------
// Event payloads, as Resend documents them (and the SDK types them)
// ---------------------------------------------------------------------------------------------

function baseEmailData(emailId: string, to: string | string[], d: EmailEventDetails): BaseEmailData {
  const data: BaseEmailData = {
    created_at: d.email_created_at ?? new Date().toISOString(),
    email_id: emailId,
    message_id: d.message_id ?? sentMessageId(emailId),
    from: d.from ?? DEFAULT_EVENT_FROM,
    to: toList(to),
    subject: d.subject ?? DEFAULT_EVENT_SUBJECT,
  };
  if (d.tags && Object.keys(d.tags).length > 0) data.tags = { ...d.tags };
  return data;
}

function eventTime(d: { created_at?: string }): string {
  return d.created_at ?? new Date().toISOString();
}

function emailEvent(type: EmailEventType, emailId: string, to: string | string[], d: EmailEventDetails = {}): WebhookEventPayload {
  const created_at = eventTime(d);
  const data = baseEmailData(emailId, to, d);
  switch (type) {
    case 'email.bounced':
      return {
        type,
        created_at,
        data: {
          ...data,
          bounce: {
            message:
              "The recipient's email provider sent a hard bounce message. The address is not valid or does not accept mail.",
            subType: 'General',
            type: 'Permanent',
            ...d.bounce,
          },
        },
      };
    case 'email.clicked':
      return {
        type,
        created_at,
        data: {
          ...data,
          click: {
            ipAddress: '192.0.2.1',
            link: 'https://example.com',
            timestamp: created_at,
            userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
            ...d.click,
          },
        },
      };
    case 'email.failed':
      return { type, created_at, data: { ...data, failed: { reason: 'reached_daily_quota', ...d.failed } } };
    case 'email.suppressed':
      return {
        type,
        created_at,
        data: {
          ...data,
          suppressed: {
            message: 'The recipient is on your suppression list because of a previous bounce or complaint.',
            type: 'OnAccountSuppressionList',
            ...d.suppressed,
          },
        },
      };
    default:
      return { type, created_at, data } as WebhookEventPayload;
  }
}

/** Builders for the webhook events Resend sends; each returns the payload exactly as POSTed. */
export const fakeEvents = {
  sent: (emailId: string, to: string | string[], d?: EmailEventDetails) =>
    emailEvent('email.sent', emailId, to, d) as EmailSentEvent,
  delivered: (emailId: string, to: string | string[], d?: EmailEventDetails) =>
    emailEvent('email.delivered', emailId, to, d) as EmailDeliveredEvent,
  deliveryDelayed: (emailId: string, to: string | string[], d?: EmailEventDetails) =>
    emailEvent('email.delivery_delayed', emailId, to, d) as EmailDeliveryDelayedEvent,
  bounced: (emailId: string, to: string | string[], d?: EmailEventDetails) =>
    emailEvent('email.bounced', emailId, to, d) as EmailBouncedEvent,
  complained: (emailId: string, to: string | string[], d?: EmailEventDetails) =>
    emailEvent('email.complained', emailId, to, d) as EmailComplainedEvent,
  opened: (emailId: string, to: string | string[], d?: EmailEventDetails) =>
    emailEvent('email.opened', emailId, to, d) as EmailOpenedEvent,
  clicked: (emailId: string, to: string | string[], d?: EmailEventDetails) =>
    emailEvent('email.clicked', emailId, to, d) as EmailClickedEvent,
  failed: (emailId: string, to: string | string[], d?: EmailEventDetails) =>
    emailEvent('email.failed', emailId, to, d) as EmailFailedEvent,
  suppressed: (emailId: string, to: string | string[], d?: EmailEventDetails) =>
    emailEvent('email.suppressed', emailId, to, d) as EmailSuppressedEvent,
  /** Any email.* event but `email.received`, by type. */
  forEmail: emailEvent,
  /** Metadata only: Resend leaves out body, headers and attachment content; the app fetches them. */
  received: (m: ReceivedEventInput): EmailReceivedEvent => {
    const to = toList(m.to);
    return {
      type: 'email.received',
      created_at: eventTime(m),
      data: {
        email_id: m.email_id,
        created_at: m.email_created_at ?? new Date().toISOString(),
        from: m.from,
        to,
        bcc: m.bcc ? [...m.bcc] : [],
        cc: m.cc ? [...m.cc] : [],
        received_for: m.received_for ? [...m.received_for] : to,
        message_id: m.message_id ?? `<${m.email_id}@inbound.fake-resend.local>`,
        subject: m.subject,
        attachments: [],
      },
    };
  },
  /** `email` is the bare address that was suppressed. */
  suppressionAdded: (email: string, d: SuppressionEventDetails = {}): SuppressionAddedEvent => {
    const created_at = eventTime(d);
    return {
      type: 'suppression.added',
      created_at,
      data: { id: d.id ?? randomUUID(), email, origin: d.origin ?? 'bounce', source_id: d.source_id ?? null, created_at },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Control-route input checks
// ---------------------------------------------------------------------------------------------

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStringRecord = (v: unknown): v is Record<string, string> => isRecord(v) && Object.values(v).every(isString);

function optional<T>(body: Record<string, unknown>, key: string, check: (v: unknown) => v is T, what: string): T | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!check(value)) throw new FakeInputError(`\`${key}\` must be ${what}.`);
  return value;
}

function deliveryControlOptions(body: Record<string, unknown>): Omit<WebhookDeliveryOptions, 'event'> {
  return {
    url: optional(body, 'url', isString, 'a string'),
    secret: optional(body, 'secret', isString, 'a string'),
    id: optional(body, 'id', isString, 'a string'),
    timestamp: optional(body, 'timestamp', isNumber, 'unix seconds'),
    tamper: optional(body, 'tamper', isTamper, `one of ${TAMPERS.join(', ')}`),
    headers: optional(body, 'headers', isStringRecord, 'an object of strings'),
    timeoutMs: optional(body, 'timeoutMs', isNumber, 'a number'),
  };
}

export async function startFakeResend(opts: StartFakeResendOptions = {}): Promise<FakeResend> {
  const apiKey = opts.apiKey ?? DEFAULT_API_KEY;
  const config = { webhookSecret: opts.webhookSecret ?? DEFAULT_WEBHOOK_SECRET, webhookUrl: opts.webhookUrl ?? null };
  // A bad secret should fail at start-up, not in the middle of the first test that sends a webhook.
  webhookKey(config.webhookSecret);
  const sent: SentEmail[] = [];
  const requests: RecordedRequest[] = [];
  const webhooks: WebhookDelivery[] = [];
  const inbound = new Map<string, InboundEmail>();
  const idempotency = new Map<string, IdempotencyEntry>();
  const held = new Set<(outcome: HoldOutcome) => void>();
  let failures: { failure: InjectedFailure; scope: FailureScope }[] = [];
  let rateLimit: number | null = null;
  let latencyMs = 0;
  let windowStart = 0;
  let windowCount = 0;

  function reset(): void {
    for (const end of [...held]) end('reset');
    // Mutate in place: tests commonly hold references to `fake.sent` / `fake.requests`.
    sent.length = 0;
    requests.length = 0;
    webhooks.length = 0;
    inbound.clear();
    idempotency.clear();
    failures = [];
    rateLimit = null;
    latencyMs = 0;
    windowStart = 0;
    windowCount = 0;
  }

  function failNext(n: number, failure: InjectedFailure, scope: FailureScope = 'send'): void {
    for (let i = 0; i < n; i++) failures.push({ failure, scope });
  }

  function takeFailure(kind: 'send' | 'read'): InjectedFailure | undefined {
    const index = failures.findIndex((f) => f.scope === kind || f.scope === 'any');
    if (index === -1) return undefined;
    return failures.splice(index, 1)[0]?.failure;
  }

  function releaseHung(): number {
    const ends = [...held];
    for (const end of ends) end('elapsed');
    return ends.length;
  }

  function setRateLimit(perSecond: number | null): void {
    rateLimit = perSecond;
    windowStart = 0;
    windowCount = 0;
  }

  function setLatency(ms: number): void {
    latencyMs = Math.max(0, ms);
  }

  function addInbound(msg: InboundInput): string {
    const id = msg.id ?? randomUUID();
    const to = toList(msg.to);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(msg.headers ?? {})) headers[name.toLowerCase()] = value;
    if (msg.in_reply_to !== undefined) headers['in-reply-to'] = msg.in_reply_to;
    if (msg.references !== undefined) headers.references = toList(msg.references).join(' ');
    const messageId = msg.message_id ?? headers['message-id'] ?? `<${id}@inbound.fake-resend.local>`;
    headers['message-id'] = messageId;
    inbound.set(id, {
      id,
      from: msg.from,
      to,
      cc: msg.cc ? [...msg.cc] : [],
      bcc: msg.bcc ? [...msg.bcc] : [],
      reply_to: msg.reply_to ? [...msg.reply_to] : [],
      received_for: msg.received_for ? [...msg.received_for] : [...to],
      subject: msg.subject,
      text: msg.text ?? null,
      html: msg.html ?? null,
      headers,
      message_id: messageId,
      created_at: msg.created_at ?? new Date().toISOString(),
    });
    return id;
  }

  function webhookTarget(url: string | undefined): string {
    const target = url ?? config.webhookUrl;
    if (target === null) throw new FakeInputError('No webhook URL: pass `url` or start the fake with `webhookUrl`.');
    return target;
  }

  async function webhook(o: WebhookDeliveryOptions): Promise<WebhookResult> {
    const url = webhookTarget(o.url);
    const result = await deliverWebhook({ ...o, url, secret: o.secret ?? config.webhookSecret });
    const type = isRecord(o.event) && typeof o.event.type === 'string' ? o.event.type : null;
    webhooks.push({ url, id: result.id, timestamp: result.timestamp, type, tamper: o.tamper ?? null, status: result.status });
    return result;
  }

  function eventFor(emailId: string, type: FakeEventType, details: EmailEventDetails = {}): WebhookEventPayload {
    if (type === 'email.received') {
      const m = inbound.get(emailId);
      if (!m) throw new FakeInputError(`No received email ${emailId} in the fake.`);
      return fakeEvents.received({
        email_id: m.id,
        from: m.from,
        to: m.to,
        cc: m.cc,
        bcc: m.bcc,
        received_for: m.received_for,
        message_id: m.message_id,
        subject: m.subject,
        email_created_at: m.created_at,
        created_at: details.created_at,
      });
    }
    const email = sent.find((e) => e.id === emailId);
    if (!email) throw new FakeInputError(`No accepted email ${emailId} in the fake.`);
    if (type === 'suppression.added') {
      const first = email.to[0] ?? '';
      return fakeEvents.suppressionAdded(parseAddress(first) ?? first, {
        origin: details.origin ?? 'bounce',
        source_id: email.id,
        created_at: details.created_at,
      });
    }
    return emailEvent(type, email.id, email.to, {
      from: email.from,
      subject: email.subject,
      email_created_at: email.createdAt,
      tags: Object.fromEntries(email.tags.map((t) => [t.name, t.value])),
      ...details,
    });
  }

  async function deliverForSent(sentEmailId: string, type: SentEventType, o: DeliverForSentOptions = {}): Promise<WebhookResult> {
    const { details, ...delivery } = o;
    const event = eventFor(sentEmailId, type, details);
    const email = sent.find((e) => e.id === sentEmailId);
    // Resend's own view of the email moves on whether or not the app hears about it.
    if (email && type !== 'suppression.added') email.lastEvent = type.slice('email.'.length) as LastEvent;
    return webhook({ ...delivery, event });
  }

  async function receive(input: ReceiveInput): Promise<ReceiveResult> {
    const { deliverTo, webhook: delivery, ...msg } = input;
    const url = webhookTarget(deliverTo?.url);
    const id = addInbound(msg);
    const event = eventFor(id, 'email.received') as EmailReceivedEvent;
    return { id, event, delivery: await webhook({ ...delivery, url, secret: deliverTo?.secret, event }) };
  }

  /**
   * Keeps a request unanswered until `ms` pass or `releaseHung()` ('elapsed'), the client
   * disconnects ('client_gone'), or `reset()` drops it ('reset').
   */
  function hold(req: IncomingMessage, res: ServerResponse, ms: number | undefined): Promise<HoldOutcome> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const onClose = (): void => end('client_gone');
      const end = (outcome: HoldOutcome): void => {
        if (!held.delete(end)) return;
        clearTimeout(timer);
        res.off('close', onClose);
        if (outcome === 'reset') req.socket.destroy();
        resolve(outcome);
      };
      held.add(end);
      res.on('close', onClose);
      if (ms !== undefined) timer = setTimeout(() => end('elapsed'), ms);
      if (req.socket.destroyed) end('client_gone');
    });
  }

  function abandoned(ctx: RequestContext, outcome: HoldOutcome): void {
    // After a reset the log was just cleared; a late entry would leak into the next test.
    if (outcome === 'client_gone') requests.push({ ...ctx, status: 0 });
  }

  /** Fixed one-second window; returns the headers Resend documents, plus whether this request fits. */
  function consumeRateLimit(): { allowed: boolean; headers: Record<string, string> } {
    if (rateLimit === null) return { allowed: true, headers: {} };
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      windowCount = 0;
    }
    const resetSeconds = String(Math.max(1, Math.ceil((windowStart + 1000 - now) / 1000)));
    const allowed = windowCount < rateLimit;
    if (allowed) windowCount++;
    const headers: Record<string, string> = {
      'ratelimit-limit': String(rateLimit),
      'ratelimit-remaining': String(Math.max(0, rateLimit - windowCount)),
      'ratelimit-reset': resetSeconds,
    };
    if (!allowed) headers['retry-after'] = resetSeconds;
    return { allowed, headers };
  }

  function rateLimited(limit: number, retryAfterSeconds: number, headers: Record<string, string>): ApiResponse {
    return apiError(
      429,
      'rate_limit_exceeded',
      `Too many requests. You can only make ${limit} requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.`,
      {
        ...headers,
        'ratelimit-limit': String(limit),
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(retryAfterSeconds),
        'retry-after': String(retryAfterSeconds),
      },
    );
  }

  function serverError(status: 500 | 502 | 503): ApiResponse {
    return apiError(status, 'internal_server_error', 'An unexpected error occurred, please try again later.');
  }

  function respond(res: ServerResponse, ctx: RequestContext | null, response: ApiResponse, extraHeaders: Record<string, string>): void {
    const payload = JSON.stringify(response.body);
    res.writeHead(response.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(payload)),
      ...extraHeaders,
      ...response.headers,
    });
    res.end(payload);
    if (ctx) requests.push({ ...ctx, status: response.status });
  }

  function dropConnection(req: IncomingMessage, ctx: RequestContext): void {
    req.socket.destroy();
    requests.push({ ...ctx, status: 0 });
  }

  function acceptEmail(email: ValidatedEmail, key: string | null, batch: boolean): SentEmail {
    const record: SentEmail = {
      id: randomUUID(),
      ...email,
      idempotencyKey: key,
      batch,
      lastEvent: initialEvent(email),
      createdAt: new Date().toISOString(),
    };
    sent.push(record);
    return record;
  }

  function acceptSend(path: string, body: unknown, key: string | null, permissiveBatch: boolean): ApiResponse {
    if (path === '/emails') {
      const v = validateEmail(body, false);
      if (!v.ok) return apiError(422, 'validation_error', v.message);
      return { status: 200, body: { id: acceptEmail(v.email, key, false).id } };
    }

    if (!Array.isArray(body)) return apiError(422, 'validation_error', 'The request body must be an array of emails.');
    if (body.length === 0) return apiError(422, 'validation_error', 'The batch must contain at least one email.');
    if (body.length > MAX_BATCH) {
      return apiError(422, 'validation_error', `Too many emails in batch. The maximum is ${MAX_BATCH}.`);
    }
    const results = body.map((item) => validateEmail(item, true));
    const errors: { index: number; message: string }[] = [];
    results.forEach((r, index) => {
      if (!r.ok) errors.push({ index, message: r.message });
    });
    const firstError = errors[0];
    if (!permissiveBatch && firstError) {
      return apiError(422, 'validation_error', `emails[${firstError.index}]: ${firstError.message}`);
    }
    const data: { id: string }[] = [];
    for (const r of results) if (r.ok) data.push({ id: acceptEmail(r.email, key, true).id });
    return { status: 200, body: permissiveBatch ? { data, errors } : { data } };
  }

  async function handleSend(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, rl: Record<string, string>): Promise<void> {
    const key = ctx.idempotencyKey ?? null;
    if (key !== null && (key.length < 1 || key.length > 256)) {
      respond(res, ctx, apiError(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.'), rl);
      return;
    }

    const failure = takeFailure('send');
    if (failure?.status === 'hang' && !failure.afterAccept) {
      // Held in front of Resend: nothing is recorded and the key stays free until it is let through.
      let text: string;
      try {
        text = await readBody(req);
      } catch {
        return;
      }
      const outcome = await hold(req, res, failure.ms);
      if (outcome !== 'elapsed') return abandoned(ctx, outcome);
      return serveSend(req, res, ctx, rl, undefined, () => Promise.resolve(text));
    }
    return serveSend(req, res, ctx, rl, failure, () => readBody(req));
  }

  async function serveSend(
    req: IncomingMessage,
    res: ServerResponse,
    ctx: RequestContext,
    rl: Record<string, string>,
    failure: InjectedFailure | undefined,
    body: () => Promise<string>,
  ): Promise<void> {
    const key = ctx.idempotencyKey ?? null;
    const failsBefore = failure !== undefined && (failure.status === 429 || !failure.afterAccept);

    // Reserve the key before the body arrives so overlapping requests see each other.
    let entry: IdempotencyEntry | undefined;
    let ownsReservation = false;
    if (key !== null && !failsBefore) {
      entry = idempotency.get(key);
      if (entry && entry.state === 'done' && Date.now() - entry.createdAt > IDEMPOTENCY_TTL_MS) {
        idempotency.delete(key);
        entry = undefined;
      }
      if (entry?.state === 'in_flight') {
        respond(
          res,
          ctx,
          apiError(409, 'concurrent_idempotent_requests', 'Same idempotency key used while original request is still in progress.'),
          rl,
        );
        return;
      }
      if (!entry) {
        entry = { state: 'in_flight', fingerprint: '', response: null, createdAt: Date.now() };
        idempotency.set(key, entry);
        ownsReservation = true;
      }
    }

    const release = (): void => {
      if (ownsReservation && key !== null) idempotency.delete(key);
    };

    let text: string;
    try {
      text = await body();
      if (latencyMs > 0) await sleep(latencyMs);
    } catch {
      release();
      return;
    }

    if (failure && failsBefore) {
      if (failure.status === 429) respond(res, ctx, rateLimited(rateLimit ?? NOMINAL_RATE_LIMIT, failure.retryAfterSeconds, rl), {});
      else if (failure.status === 'network') dropConnection(req, ctx);
      else if (failure.status !== 'hang') respond(res, ctx, serverError(failure.status), rl);
      return;
    }

    const parsed = parseJson(text);
    const fingerprint = `${ctx.path}\n${parsed.ok ? canonicalJson(parsed.value) : text}`;

    let response: ApiResponse;
    if (entry && !ownsReservation) {
      // A finished request already used this key within 24h: replay it, or refuse a different payload.
      response =
        entry.fingerprint === fingerprint && entry.response !== null
          ? entry.response
          : apiError(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.');
    } else if (!parsed.ok) {
      release();
      response = apiError(422, 'validation_error', 'The request body is not valid JSON.');
    } else {
      const permissive = String(req.headers['x-batch-validation'] ?? '').toLowerCase() === 'permissive';
      response = acceptSend(ctx.path, parsed.value, key, permissive);
      if (response.status !== 200) {
        // Only successes are remembered, so a corrected retry with the same key can go through.
        release();
      } else if (entry && ownsReservation) {
        entry.state = 'done';
        entry.fingerprint = fingerprint;
        entry.response = response;
        entry.createdAt = Date.now();
      }
    }

    // An after-accept failure only bites when there was something to lose; otherwise it is spent harmlessly.
    if (failure && response.status === 200) {
      if (failure.status === 'network') return dropConnection(req, ctx);
      if (failure.status === 'hang') {
        const outcome = await hold(req, res, failure.ms);
        if (outcome !== 'elapsed') return abandoned(ctx, outcome);
        return respond(res, ctx, response, rl);
      }
      return respond(res, ctx, serverError(failure.status), rl);
    }
    respond(res, ctx, response, rl);
  }

  /** Faults on GET requests (scope 'read' or 'any'); returns true when the request was dealt with. */
  async function readFailure(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, rl: Record<string, string>): Promise<boolean> {
    const failure = takeFailure('read');
    if (!failure) return false;
    if (failure.status === 429) {
      respond(res, ctx, rateLimited(rateLimit ?? NOMINAL_RATE_LIMIT, failure.retryAfterSeconds, rl), {});
    } else if (failure.status === 'network') {
      dropConnection(req, ctx);
    } else if (failure.status === 'hang') {
      const outcome = await hold(req, res, failure.ms);
      if (outcome === 'elapsed') return false;
      abandoned(ctx, outcome);
    } else {
      respond(res, ctx, serverError(failure.status), rl);
    }
    return true;
  }

  function handleGet(path: string): ApiResponse {
    if (path === '/emails') {
      return { status: 200, body: { object: 'list', has_more: false, data: [...sent].reverse().map(emailResource) } };
    }
    if (path === '/emails/receiving') {
      const data = [...inbound.values()].reverse().map((m) => inboundResource(m, false));
      return { status: 200, body: { object: 'list', has_more: false, data } };
    }
    const receiving = /^\/emails\/receiving\/([^/]+)$/.exec(path);
    if (receiving?.[1] !== undefined) {
      const id = decodeURIComponent(receiving[1]);
      const message = inbound.get(id);
      if (message) return { status: 200, body: inboundResource(message, true) };
      if (!isUuid(id)) return apiError(422, 'invalid_parameter', 'The `id` must be a valid UUID.');
      return apiError(404, 'not_found', 'Email not found');
    }
    const single = /^\/emails\/([^/]+)$/.exec(path);
    if (single?.[1] !== undefined) {
      const id = decodeURIComponent(single[1]);
      const email = sent.find((e) => e.id === id);
      if (email) return { status: 200, body: emailResource(email) };
      if (!isUuid(id)) return apiError(422, 'invalid_parameter', 'The `id` must be a valid UUID.');
      return apiError(404, 'not_found', 'Email not found');
    }
    return apiError(404, 'not_found', 'The requested endpoint does not exist.');
  }

  /** Out-of-process remote control for e2e runs; never recorded in `requests`. */
  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const text = method === 'POST' ? await readBody(req) : '';
    const parsed = text === '' ? { ok: true as const, value: {} as unknown } : parseJson(text);
    const body: unknown = parsed.ok ? parsed.value : undefined;
    const ok = (value: unknown): void => respond(res, null, { status: 200, body: value }, {});
    const bad = (message: string): void => respond(res, null, { status: 400, body: { message } }, {});
    try {
      await control(method, path, body, ok, bad, () => respond(res, null, { status: 404, body: { message: 'Unknown control route.' } }, {}));
    } catch (err) {
      if (!(err instanceof FakeInputError)) throw err;
      bad(err.message);
    }
  }

  async function control(
    method: string,
    path: string,
    body: unknown,
    ok: (value: unknown) => void,
    bad: (message: string) => void,
    notFound: () => void,
  ): Promise<void> {
    const route = `${method} ${path}`;
    if (route === 'GET /__fake/sent') return ok({ data: sent });
    if (route === 'GET /__fake/requests') return ok({ data: requests });
    if (route === 'GET /__fake/webhooks') return ok({ data: webhooks });
    if (route === 'GET /__fake/hung') return ok({ count: held.size });
    if (route === 'GET /__fake/config') return ok({ apiKey, ...config });
    if (method === 'POST' && !isRecord(body)) return bad('Expected a JSON object.');
    const input = isRecord(body) ? body : {};

    switch (route) {
      case 'POST /__fake/config': {
        const secret = optional(input, 'webhookSecret', isString, 'a string');
        const url = optional(input, 'webhookUrl', isString, 'a string');
        if (secret !== undefined) {
          webhookKey(secret);
          config.webhookSecret = secret;
        }
        if (url !== undefined) config.webhookUrl = url;
        return ok({ apiKey, ...config });
      }
      case 'POST /__fake/reset':
        reset();
        return ok({ ok: true });
      case 'POST /__fake/fail-next': {
        if (typeof input.n !== 'number' || !isInjectedFailure(input.failure)) {
          return bad('Expected { n: number, failure: InjectedFailure, scope?: "send" | "read" | "any" }.');
        }
        failNext(input.n, input.failure, optional(input, 'scope', isFailureScope, '"send", "read" or "any"'));
        return ok({ ok: true });
      }
      case 'POST /__fake/release-hung':
        return ok({ released: releaseHung() });
      case 'POST /__fake/rate-limit':
        if (!(input.perSecond === null || typeof input.perSecond === 'number')) return bad('Expected { perSecond: number | null }.');
        setRateLimit(input.perSecond);
        return ok({ ok: true });
      case 'POST /__fake/latency':
        if (typeof input.ms !== 'number') return bad('Expected { ms: number }.');
        setLatency(input.ms);
        return ok({ ok: true });
      case 'POST /__fake/inbound':
        if (!isInboundInput(input)) return bad('Expected { from: string, to: string | string[], subject: string, ... }.');
        return ok({ id: addInbound(input) });
      case 'POST /__fake/receive': {
        if (!isInboundInput(input)) return bad('Expected { from: string, to: string | string[], subject: string, ... }.');
        const deliverTo = optional(input, 'deliverTo', isRecord, 'an object') ?? {};
        const delivery = optional(input, 'webhook', isRecord, 'an object') ?? {};
        return ok(
          await receive({
            ...input,
            deliverTo: { url: optional(deliverTo, 'url', isString, 'a string'), secret: optional(deliverTo, 'secret', isString, 'a string') },
            webhook: deliveryControlOptions(delivery),
          }),
        );
      }
      case 'POST /__fake/webhook': {
        const delivery = deliveryControlOptions(input);
        if (input.event !== undefined) {
          const event = input.event;
          if (!(typeof event === 'string' || isRecord(event))) return bad('`event` must be an object or a string.');
          return ok(await webhook({ ...delivery, event }));
        }
        if (!isFakeEventType(input.type) || typeof input.emailId !== 'string') {
          return bad('Expected { event } or { type, emailId, details? } (plus url, secret, id, timestamp, tamper).');
        }
        const details = (optional(input, 'details', isRecord, 'an object') ?? {}) as EmailEventDetails;
        if (input.type === 'email.received') {
          return ok(await webhook({ ...delivery, event: eventFor(input.emailId, 'email.received', details) }));
        }
        return ok(await deliverForSent(input.emailId, input.type, { ...delivery, details }));
      }
      case 'POST /__fake/webhook/sign': {
        const id = optional(input, 'id', isString, 'a string');
        const timestamp = optional(input, 'timestamp', (v): v is number | string => isNumber(v) || isString(v), 'unix seconds');
        const payload = optional(input, 'body', isString, 'the exact body as a string');
        if (id === undefined || timestamp === undefined || payload === undefined) return bad('Expected { id, timestamp, body, secret? }.');
        const secret = optional(input, 'secret', isString, 'a string') ?? config.webhookSecret;
        return ok({ headers: signWebhook(secret, id, timestamp, payload) });
      }
      default:
        return notFound();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://fake-resend.local').pathname.replace(/\/+$/, '') || '/';
    if (path.startsWith('/__fake/')) return handleControl(req, res, path);

    const isSend = method === 'POST' && (path === '/emails' || path === '/emails/batch');
    const rawKey = req.headers['idempotency-key'];
    const ctx: RequestContext = { method, path };
    // Resend honours the key only on the two send endpoints.
    if (isSend && typeof rawKey === 'string') ctx.idempotencyKey = rawKey;

    const auth = req.headers.authorization;
    const bearer = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth.trim())?.[1] : undefined;
    if (bearer === undefined) {
      return respond(res, ctx, apiError(401, 'missing_api_key', 'Missing API key in the authorization header.'), {});
    }
    if (bearer !== apiKey) return respond(res, ctx, apiError(403, 'invalid_api_key', 'API key is invalid'), {});

    const limit = consumeRateLimit();
    if (!limit.allowed) {
      const retryAfter = Number(limit.headers['retry-after'] ?? '1');
      return respond(res, ctx, rateLimited(rateLimit ?? NOMINAL_RATE_LIMIT, retryAfter, limit.headers), {});
    }

    if (isSend) return handleSend(req, res, ctx, limit.headers);
    if (method === 'GET') {
      if (await readFailure(req, res, ctx, limit.headers)) return;
      if (latencyMs > 0) await sleep(latencyMs);
      return respond(res, ctx, handleGet(path), limit.headers);
    }
    if (path === '/emails' || path.startsWith('/emails/')) {
      return respond(res, ctx, apiError(405, 'method_not_allowed', `Method ${method} not allowed on ${path}.`), limit.headers);
    }
    return respond(res, ctx, apiError(404, 'not_found', 'The requested endpoint does not exist.'), limit.headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A bug in the fake must surface as a 500 the test can see, not a hung request.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 500, name: 'internal_server_error', message: `fake-resend crashed: ${String(err)}` }));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    get webhookSecret() {
      return config.webhookSecret;
    },
    set webhookSecret(secret: string) {
      webhookKey(secret);
      config.webhookSecret = secret;
    },
    get webhookUrl() {
      return config.webhookUrl;
    },
    set webhookUrl(url: string | null) {
      config.webhookUrl = url;
    },
    sent,
    requests,
    webhooks,
    failNext,
    releaseHung,
    get hung() {
      return held.size;
    },
    setRateLimit,
    setLatency,
    addInbound,
    receive,
    webhook,
    signWebhook,
    eventFor,
    deliverForSent,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const end of [...held]) end('reset');
        // fetch keeps sockets alive; without this close() waits for them to idle out.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

const mainScript = process.argv[1];
if (mainScript !== undefined && import.meta.url === pathToFileURL(mainScript).href) {
  const port = Number(process.env.FAKE_RESEND_PORT ?? process.env.PORT ?? 4010);
  const fake = await startFakeResend({
    port,
    apiKey: process.env.RESEND_API_KEY || undefined,
    webhookSecret: process.env.RESEND_WEBHOOK_SECRET || undefined,
    webhookUrl: process.env.FAKE_RESEND_WEBHOOK_URL || undefined,
  });
  // stdout carries only the URL so a parent process can read it from the first line.
  console.log(fake.url);
  console.error(
    `fake-resend listening on ${fake.url} (api key: ${fake.apiKey}; webhooks to ${fake.webhookUrl ?? '(per request)'}); control routes under /__fake/`,
  );
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
