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
 * Run directly (`node --import tsx tests/support/fake-resend.ts`) it listens on
 * FAKE_RESEND_PORT / PORT / 4010 and prints its URL as the first stdout line. Out of
 * process, tests drive it through the `/__fake/*` control routes (see `handleControl`).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

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
  /** What GET /emails/:id reports; tests may overwrite it to simulate later events. */
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
  subject: string;
  text: string | null;
  html: string | null;
  headers: Record<string, string>;
  message_id: string;
  created_at: string;
}

export interface InboundInput {
  id?: string;
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  message_id?: string;
  cc?: string[];
  bcc?: string[];
  reply_to?: string[];
  created_at?: string;
}

export interface RecordedRequest {
  method: string;
  /** Pathname only, without the query string. */
  path: string;
  idempotencyKey?: string;
  /** HTTP status sent back; 0 when the socket was destroyed instead ('network' failure). */
  status: number;
}

/**
 * `afterAccept` makes the failure happen after the email was recorded (and its
 * idempotency key stored), i.e. "Resend sent it but the response never made it back";
 * the case a retry with the same Idempotency-Key exists for.
 */
export type InjectedFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 | 503; afterAccept?: boolean }
  | { status: 'network'; afterAccept?: boolean };

export interface FakeResend {
  /** e.g. http://127.0.0.1:PORT, no trailing slash (the SDK concatenates `${baseUrl}${path}`). */
  url: string;
  /** The only key accepted in `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Every accepted email, in acceptance order. Idempotent replays add nothing. */
  sent: SentEmail[];
  /** Every Resend API request, in completion order (control routes excluded). */
  requests: RecordedRequest[];
  /** The next n POST /emails or /emails/batch requests fail this way; calls queue up in order. */
  failNext(n: number, failure: InjectedFailure): void;
  /** Enforce a real fixed-window limit per second across all API requests; null (default) turns it off. */
  setRateLimit(perSecond: number | null): void;
  /** Delay every API response by ms (after the idempotency key is reserved), to exercise timeouts and concurrency. */
  setLatency(ms: number): void;
  /** Store an inbound message for GET /emails/receiving/:id; returns its id. */
  addInbound(msg: InboundInput): string;
  /** Back to a fresh state: clears records, idempotency keys, failures, rate limit and latency. */
  reset(): void;
  close(): Promise<void>;
}

export interface StartFakeResendOptions {
  apiKey?: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

const DEFAULT_API_KEY = 're_test_fake_resend_0000000000000000';
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_RECIPIENTS = 50;
const MAX_BATCH = 100;
/** Only a header value when no real limit is set; Resend's documented default has been 2 (later 5). */
const NOMINAL_RATE_LIMIT = 2;

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
    message_id: `<${e.id}@fake-resend.local>`,
  };
}

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
    received_for: m.to,
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

function isInjectedFailure(value: unknown): value is InjectedFailure {
  if (!isRecord(value)) return false;
  if (value.status === 429) return typeof value.retryAfterSeconds === 'number';
  return value.status === 500 || value.status === 502 || value.status === 503 || value.status === 'network';
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isInboundInput(value: unknown): value is InboundInput {
  return isRecord(value) && typeof value.from === 'string' && isStringArray(value.to) && typeof value.subject === 'string';
}

export async function startFakeResend(opts: StartFakeResendOptions = {}): Promise<FakeResend> {
  const apiKey = opts.apiKey ?? DEFAULT_API_KEY;
  const sent: SentEmail[] = [];
  const requests: RecordedRequest[] = [];
  const inbound = new Map<string, InboundEmail>();
  const idempotency = new Map<string, IdempotencyEntry>();
  let failures: InjectedFailure[] = [];
  let rateLimit: number | null = null;
  let latencyMs = 0;
  let windowStart = 0;
  let windowCount = 0;

  function reset(): void {
    // Mutate in place: tests commonly hold references to `fake.sent` / `fake.requests`.
    sent.length = 0;
    requests.length = 0;
    inbound.clear();
    idempotency.clear();
    failures = [];
    rateLimit = null;
    latencyMs = 0;
    windowStart = 0;
    windowCount = 0;
  }

  function failNext(n: number, failure: InjectedFailure): void {
    for (let i = 0; i < n; i++) failures.push(failure);
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
    inbound.set(id, {
      id,
      from: msg.from,
      to: [...msg.to],
      cc: msg.cc ? [...msg.cc] : [],
      bcc: msg.bcc ? [...msg.bcc] : [],
      reply_to: msg.reply_to ? [...msg.reply_to] : [],
      subject: msg.subject,
      text: msg.text ?? null,
      html: msg.html ?? null,
      headers: { ...msg.headers },
      message_id: msg.message_id ?? `<${id}@inbound.fake-resend.local>`,
      created_at: msg.created_at ?? new Date().toISOString(),
    });
    return id;
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

  function processSend(path: string, body: unknown, key: string | null, permissiveBatch: boolean): ApiResponse {
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

    const failure = failures.shift();
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
      text = await readBody(req);
      if (latencyMs > 0) await sleep(latencyMs);
    } catch {
      release();
      return;
    }

    if (failure && failsBefore) {
      if (failure.status === 429) respond(res, ctx, rateLimited(rateLimit ?? NOMINAL_RATE_LIMIT, failure.retryAfterSeconds, rl), {});
      else if (failure.status === 'network') dropConnection(req, ctx);
      else respond(res, ctx, serverError(failure.status), rl);
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
      response = processSend(ctx.path, parsed.value, key, permissive);
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
      return respond(res, ctx, serverError(failure.status), rl);
    }
    respond(res, ctx, response, rl);
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

    if (method === 'GET' && path === '/__fake/sent') return ok({ data: sent });
    if (method === 'GET' && path === '/__fake/requests') return ok({ data: requests });
    if (method === 'GET' && path === '/__fake/config') return ok({ apiKey });
    if (method === 'POST' && path === '/__fake/reset') {
      reset();
      return ok({ ok: true });
    }
    if (method === 'POST' && path === '/__fake/fail-next') {
      if (!isRecord(body) || typeof body.n !== 'number' || !isInjectedFailure(body.failure)) {
        return bad('Expected { n: number, failure: InjectedFailure }.');
      }
      failNext(body.n, body.failure);
      return ok({ ok: true });
    }
    if (method === 'POST' && path === '/__fake/rate-limit') {
      if (!isRecord(body) || !(body.perSecond === null || typeof body.perSecond === 'number')) {
        return bad('Expected { perSecond: number | null }.');
      }
      setRateLimit(body.perSecond);
      return ok({ ok: true });
    }
    if (method === 'POST' && path === '/__fake/latency') {
      if (!isRecord(body) || typeof body.ms !== 'number') return bad('Expected { ms: number }.');
      setLatency(body.ms);
      return ok({ ok: true });
    }
    if (method === 'POST' && path === '/__fake/inbound') {
      if (!isInboundInput(body)) return bad('Expected { from: string, to: string[], subject: string, ... }.');
      return ok({ id: addInbound(body) });
    }
    return respond(res, null, { status: 404, body: { message: 'Unknown control route.' } }, {});
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
    sent,
    requests,
    failNext,
    setRateLimit,
    setLatency,
    addInbound,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // fetch keeps sockets alive; without this close() waits for them to idle out.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

const mainScript = process.argv[1];
if (mainScript !== undefined && import.meta.url === pathToFileURL(mainScript).href) {
  const port = Number(process.env.FAKE_RESEND_PORT ?? process.env.PORT ?? 4010);
  const fake = await startFakeResend({ port, apiKey: process.env.RESEND_API_KEY || undefined });
  // stdout carries only the URL so a parent process can read it from the first line.
  console.log(fake.url);
  console.error(`fake-resend listening on ${fake.url} (api key: ${fake.apiKey}); control routes under /__fake/`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
