import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Resend, type EmailReceivedEvent, type GetReceivingEmailResponseSuccess, type WebhookEventPayload } from 'resend';
import {
  DEFAULT_WEBHOOK_SECRET,
  fakeEvents,
  generateWebhookSecret,
  signWebhook,
  startFakeResend,
  type FakeResend,
  type WebhookTamper,
} from '../support/fake-resend';

// The fake is only worth having if the real SDK accepts it, so every check goes through `resend`.

let fake: FakeResend;
let resend: Resend;

const message = {
  from: 'Afterview <notifications@afterview.test>',
  to: 'ada@example.com',
  subject: 'Your interview notes are ready',
  html: '<p>Hello Ada</p>',
  text: 'Hello Ada',
};

beforeAll(async () => {
  fake = await startFakeResend();
  resend = new Resend(fake.apiKey, { baseUrl: fake.url });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

describe('fake Resend: sending', () => {
  it('accepts an email and records every field the SDK sends', async () => {
    const result = await resend.emails.send({
      ...message,
      replyTo: 'support@afterview.test',
      cc: ['cc@example.com'],
      headers: { 'X-Entity-Ref-ID': 'interview-42' },
      tags: [{ name: 'category', value: 'notes_ready' }],
    });

    expect(result.error).toBeNull();
    const id = result.data?.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({
      id,
      from: message.from,
      to: ['ada@example.com'],
      cc: ['cc@example.com'],
      subject: message.subject,
      html: message.html,
      text: message.text,
      reply_to: ['support@afterview.test'],
      headers: { 'X-Entity-Ref-ID': 'interview-42' },
      tags: [{ name: 'category', value: 'notes_ready' }],
      idempotencyKey: null,
      batch: false,
    });
    expect(fake.requests).toEqual([{ method: 'POST', path: '/emails', status: 200 }]);
  });

  it('is reachable through RESEND_BASE_URL when no baseUrl option is given', async () => {
    vi.stubEnv('RESEND_BASE_URL', fake.url);
    try {
      const fromEnv = new Resend(fake.apiKey);
      const { data, error } = await fromEnv.emails.send(message);
      expect(error).toBeNull();
      expect(fake.sent.map((e) => e.id)).toEqual([data?.id]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('sends a batch and reports one id per email', async () => {
    const { data, error } = await resend.batch.send([message, { ...message, to: ['grace@example.com'] }]);
    expect(error).toBeNull();
    expect(data?.data).toHaveLength(2);
    expect(fake.sent.map((e) => [e.to, e.batch])).toEqual([
      [['ada@example.com'], true],
      [['grace@example.com'], true],
    ]);
  });

  it('rejects a whole batch when one email is invalid (strict validation)', async () => {
    const { data, error } = await resend.batch.send([message, { ...message, to: [] }]);
    expect(data).toBeNull();
    expect(error).toMatchObject({ name: 'validation_error', statusCode: 422 });
    expect(error?.message).toContain('emails[1]');
    expect(fake.sent).toHaveLength(0);
  });
});

describe('fake Resend: idempotency', () => {
  it('returns the same id for a repeated key and payload without sending twice', async () => {
    const first = await resend.emails.send(message, { idempotencyKey: 'notes-ready/42' });
    const second = await resend.emails.send(message, { idempotencyKey: 'notes-ready/42' });

    expect(first.error).toBeNull();
    expect(second.error).toBeNull();
    expect(second.data?.id).toBe(first.data?.id);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]?.idempotencyKey).toBe('notes-ready/42');
    expect(fake.requests.map((r) => [r.idempotencyKey, r.status])).toEqual([
      ['notes-ready/42', 200],
      ['notes-ready/42', 200],
    ]);
  });

  it('refuses the same key with a different payload', async () => {
    await resend.emails.send(message, { idempotencyKey: 'notes-ready/43' });
    const { data, error } = await resend.emails.send(
      { ...message, subject: 'Something else' },
      { idempotencyKey: 'notes-ready/43' },
    );

    expect(data).toBeNull();
    expect(error).toMatchObject({ name: 'invalid_idempotent_request', statusCode: 409 });
    expect(fake.sent).toHaveLength(1);
  });

  it('refuses a second request with the same key while the first is in flight', async () => {
    fake.setLatency(150);
    const [a, b] = await Promise.all([
      resend.emails.send(message, { idempotencyKey: 'notes-ready/44' }),
      resend.emails.send(message, { idempotencyKey: 'notes-ready/44' }),
    ]);

    const errors = [a.error?.name, b.error?.name].filter((n) => n !== undefined);
    expect(errors).toEqual(['concurrent_idempotent_requests']);
    expect(fake.sent).toHaveLength(1);
  });

  it('lets a retry with the same key recover an email whose response was lost', async () => {
    fake.failNext(1, { status: 'network', afterAccept: true });

    const lost = await resend.emails.send(message, { idempotencyKey: 'notes-ready/45' });
    expect(lost.error).toMatchObject({ name: 'application_error', statusCode: null });

    const retry = await resend.emails.send(message, { idempotencyKey: 'notes-ready/45' });
    expect(retry.error).toBeNull();
    expect(retry.data?.id).toBe(fake.sent[0]?.id);
    expect(fake.sent).toHaveLength(1);
  });
});

describe('fake Resend: failures', () => {
  it('surfaces an injected 429 as rate_limit_exceeded with retry-after', async () => {
    fake.failNext(1, { status: 429, retryAfterSeconds: 7 });

    const { data, error, headers } = await resend.emails.send(message);
    expect(data).toBeNull();
    expect(error).toMatchObject({ name: 'rate_limit_exceeded', statusCode: 429 });
    // The v6 SDK passes response headers through, so callers can honour retry-after.
    expect(headers?.['retry-after']).toBe('7');
    expect(fake.sent).toHaveLength(0);

    fake.failNext(1, { status: 429, retryAfterSeconds: 3 });
    const raw = await fetch(`${fake.url}/emails`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(message),
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('3');
    expect(raw.headers.get('ratelimit-remaining')).toBe('0');
    expect(await raw.json()).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' });
  });

  it('enforces a real per-second limit when one is set', async () => {
    fake.setRateLimit(1);
    const first = await resend.emails.send(message);
    const second = await resend.emails.send(message);

    expect(first.error).toBeNull();
    expect(first.headers?.['ratelimit-limit']).toBe('1');
    expect(second.error).toMatchObject({ name: 'rate_limit_exceeded', statusCode: 429 });
    expect(Number(second.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(fake.sent).toHaveLength(1);
  });

  it('returns 5xx as an error and then recovers', async () => {
    fake.failNext(1, { status: 500 });
    fake.failNext(1, { status: 503 });

    const first = await resend.emails.send(message);
    const second = await resend.emails.send(message);
    const third = await resend.emails.send(message);

    expect(first.error).toMatchObject({ name: 'internal_server_error', statusCode: 500 });
    expect(second.error).toMatchObject({ name: 'internal_server_error', statusCode: 503 });
    expect(third.error).toBeNull();
    expect(fake.sent).toHaveLength(1);
    expect(fake.requests.map((r) => r.status)).toEqual([500, 503, 200]);
  });

  it('turns a dropped connection into an SDK error instead of a throw', async () => {
    fake.failNext(1, { status: 'network' });

    const { data, error, headers } = await resend.emails.send(message);
    expect(data).toBeNull();
    expect(error).toMatchObject({ name: 'application_error', statusCode: null });
    expect(headers).toBeNull();
    expect(fake.sent).toHaveLength(0);
    expect(fake.requests).toEqual([{ method: 'POST', path: '/emails', status: 0 }]);
  });

  it('rejects a wrong API key and a missing one', async () => {
    const wrong = new Resend('re_wrong_key', { baseUrl: fake.url });
    const { error } = await wrong.emails.send(message);
    expect(error).toMatchObject({ name: 'invalid_api_key', statusCode: 403 });

    // The SDK refuses to run without a key, so the missing-header case needs raw fetch.
    const raw = await fetch(`${fake.url}/emails`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(message),
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ statusCode: 401, name: 'missing_api_key' });
    expect(fake.sent).toHaveLength(0);
  });

  it('reports validation errors for a missing `to` and a malformed `from`', async () => {
    const missingTo = await resend.emails.send({ ...message, to: [] });
    expect(missingTo.error).toMatchObject({ name: 'validation_error', statusCode: 422, message: 'Missing `to` field.' });

    const badFrom = await resend.emails.send({ ...message, from: 'not-an-address' });
    expect(badFrom.error).toMatchObject({ name: 'validation_error', statusCode: 422 });
    expect(badFrom.error?.message).toMatch(/^Invalid `from` field/);

    expect(fake.sent).toHaveLength(0);
  });
});

describe('fake Resend: reading back', () => {
  it('returns a sent email from emails.get with its last_event', async () => {
    const sent = await resend.emails.send({ ...message, to: ['bounced@resend.dev'] });
    const id = sent.data?.id ?? '';

    const { data, error } = await resend.emails.get(id);
    expect(error).toBeNull();
    expect(data).toMatchObject({
      object: 'email',
      id,
      from: message.from,
      to: ['bounced@resend.dev'],
      subject: message.subject,
      html: message.html,
      text: message.text,
      last_event: 'bounced',
    });

    const missing = await resend.emails.get('00000000-0000-4000-8000-000000000000');
    expect(missing.error).toMatchObject({ name: 'not_found', statusCode: 404 });
  });

  it('returns an inbound message from emails.receiving.get', async () => {
    const id = fake.addInbound({
      from: 'Ada <ada@example.com>',
      to: ['reply+interview-42@inbound.afterview.test'],
      subject: 'Re: Your interview notes are ready',
      text: 'Thanks!',
      headers: { 'in-reply-to': '<original@afterview.test>' },
    });

    const { data, error } = await resend.emails.receiving.get(id);
    expect(error).toBeNull();
    expect(data).toMatchObject({
      object: 'email',
      id,
      from: 'Ada <ada@example.com>',
      to: ['reply+interview-42@inbound.afterview.test'],
      received_for: ['reply+interview-42@inbound.afterview.test'],
      subject: 'Re: Your interview notes are ready',
      text: 'Thanks!',
      html: null,
      headers: { 'in-reply-to': '<original@afterview.test>' },
      attachments: [],
    });
    expect(fake.requests).toEqual([{ method: 'GET', path: `/emails/receiving/${id}`, status: 200 }]);
  });
});

describe('fake Resend: control routes for out-of-process use', () => {
  afterEach(() => {
    fake.reset();
  });

  it('can be driven over HTTP', async () => {
    const arm = await fetch(`${fake.url}/__fake/fail-next`, {
      method: 'POST',
      body: JSON.stringify({ n: 1, failure: { status: 500 } }),
    });
    expect(arm.status).toBe(200);

    expect((await resend.emails.send(message)).error?.statusCode).toBe(500);
    expect((await resend.emails.send(message)).error).toBeNull();

    const listing = (await (await fetch(`${fake.url}/__fake/sent`)).json()) as { data: { subject: string }[] };
    expect(listing.data.map((e) => e.subject)).toEqual([message.subject]);
    // Control traffic stays out of the request log that tests assert on.
    expect(fake.requests.every((r) => !r.path.startsWith('/__fake'))).toBe(true);
  });
});

/** Sends raw JSON, for payloads the SDK's types would not let through. */
async function postEmail(body: unknown): Promise<{ status: number; json: { name?: string; message?: string; id?: string } }> {
  const res = await fetch(`${fake.url}/emails`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { name?: string; message?: string; id?: string } };
}

describe('fake Resend: payload checks as Resend documents them', () => {
  const tooMany = Array.from({ length: 51 }, (_, i) => `candidate${i}@example.com`);
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a missing from', { from: undefined }, /^Missing `from` field\.$/],
    ['a from without angle brackets', { from: 'Afterview notifications@afterview.test' }, /^Invalid `from` field/],
    ['a missing to', { to: undefined }, /^Missing `to` field\.$/],
    ['51 recipients', { to: tooMany }, /^Too many recipients in `to` field\. The maximum is 50\.$/],
    ['a malformed recipient', { to: ['ada@example.com', 'ada at example.com'] }, /^Invalid `to` field/],
    ['a missing subject', { subject: undefined }, /^Missing `subject` field\.$/],
    ['no body at all', { html: undefined, text: undefined }, /^Missing `html` or `text` field\.$/],
    ['a malformed reply_to string', { reply_to: 'support' }, /^Invalid `reply_to` field/],
    ['a malformed reply_to entry', { reply_to: ['support@afterview.test', 'nope'] }, /^Invalid `reply_to` field/],
    ['headers that are not an object', { headers: ['X-Entity-Ref-ID: 42'] }, /^Invalid `headers` field/],
    ['a header with a non-string value', { headers: { 'X-Entity-Ref-ID': 42 } }, /^Invalid `headers` field\. The value of `X-Entity-Ref-ID`/],
    ['tags that are not an array', { tags: { category: 'x' } }, /^Invalid `tags` field/],
    ['a tag with a space', { tags: [{ name: 'category', value: 'notes ready' }] }, /^Invalid `tags` field/],
    ['a tag with non-ASCII letters', { tags: [{ name: 'catégorie', value: 'notes' }] }, /^Invalid `tags` field/],
    ['a tag longer than 256 characters', { tags: [{ name: 'category', value: 'x'.repeat(257) }] }, /^Invalid `tags` field/],
    ['a tag without a value', { tags: [{ name: 'category' }] }, /^Invalid `tags` field/],
  ];

  it.each(cases)('answers 422 validation_error for %s', async (_label, change, expected) => {
    const { status, json } = await postEmail({ ...message, ...change });
    expect(status).toBe(422);
    expect(json).toMatchObject({ statusCode: 422, name: 'validation_error' });
    expect(json.message).toMatch(expected);
    expect(fake.sent).toHaveLength(0);
  });

  it('accepts every documented form: named from, 50 recipients, reply_to array, string headers, edge-length tags', async () => {
    const { status, json } = await postEmail({
      ...message,
      from: '"Afterview, Inc." <notifications@afterview.test>',
      to: tooMany.slice(0, 50),
      reply_to: ['support@afterview.test', 'Team <team@afterview.test>'],
      headers: { 'X-Entity-Ref-ID': 'interview-42' },
      tags: [{ name: 'a'.repeat(256), value: 'Notes_Ready-2' }],
    });
    expect(status).toBe(200);
    expect(fake.sent.map((e) => e.id)).toEqual([json.id]);
    expect(fake.sent[0]?.to).toHaveLength(50);
  });

  it('accepts a text-only email and a React one (the SDK renders `react` to html before sending)', async () => {
    expect((await resend.emails.send({ ...message, html: undefined })).error).toBeNull();
    const react = await resend.emails.send({ from: message.from, to: message.to, subject: message.subject, react: createElement('p', null, 'Hello Ada') });
    expect(react.error).toBeNull();
    expect(fake.sent[1]?.html).toContain('Hello Ada');
  });

  it('does not burn an idempotency key on a rejected payload, so the corrected retry goes through', async () => {
    const bad = await resend.emails.send({ ...message, subject: '' }, { idempotencyKey: 'notes-ready/46' });
    expect(bad.error).toMatchObject({ name: 'validation_error', statusCode: 422 });
    const good = await resend.emails.send(message, { idempotencyKey: 'notes-ready/46' });
    expect(good.error).toBeNull();
    expect(fake.sent).toHaveLength(1);
  });
});

describe('fake Resend: faults on demand', () => {
  it('hangs a send until the client gives up, records nothing, and then serves normally', async () => {
    fake.failNext(1, { status: 'hang' });

    const hung = await resend.emails.send(message, { signal: AbortSignal.timeout(200) });
    expect(hung.data).toBeNull();
    expect(hung.error).toMatchObject({ name: 'application_error', statusCode: null });
    await vi.waitFor(() => expect(fake.requests).toEqual([{ method: 'POST', path: '/emails', status: 0 }]));
    expect(fake.sent).toHaveLength(0);
    expect(fake.hung).toBe(0);

    expect((await resend.emails.send(message)).error).toBeNull();
    expect(fake.sent).toHaveLength(1);
  });

  it('answers a hang with ms as a slow but normal response', async () => {
    fake.failNext(1, { status: 'hang', ms: 150 });
    const started = Date.now();
    const { error } = await resend.emails.send(message);
    expect(error).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(fake.sent).toHaveLength(1);
  });

  it('keeps an email accepted before a hang, so a retry with the same key gets the same id', async () => {
    fake.failNext(1, { status: 'hang', afterAccept: true });

    const timedOut = await resend.emails.send(message, { idempotencyKey: 'notes-ready/47', signal: AbortSignal.timeout(200) });
    expect(timedOut.error).toMatchObject({ name: 'application_error', statusCode: null });
    expect(fake.sent).toHaveLength(1);

    const retry = await resend.emails.send(message, { idempotencyKey: 'notes-ready/47' });
    expect(retry.data?.id).toBe(fake.sent[0]?.id);
    expect(fake.sent).toHaveLength(1);
  });

  it('lets held requests through on releaseHung, and drops them on reset', async () => {
    fake.failNext(2, { status: 'hang' });
    const first = resend.emails.send(message);
    await vi.waitFor(() => expect(fake.hung).toBe(1));
    expect(fake.releaseHung()).toBe(1);
    expect((await first).error).toBeNull();

    const second = resend.emails.send(message);
    await vi.waitFor(() => expect(fake.hung).toBe(1));
    fake.reset();
    expect((await second).error).toMatchObject({ name: 'application_error', statusCode: null });
    expect(fake.sent).toHaveLength(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('can fault reads too (scope "read"), leaving sends alone', async () => {
    const id = fake.addInbound({ from: 'ada@example.com', to: ['reply@inbound.afterview.test'], subject: 'Re: hi', text: 'Thanks' });
    fake.failNext(1, { status: 'hang' }, 'read');
    fake.failNext(1, { status: 503 }, 'read');

    expect((await resend.emails.send(message)).error).toBeNull();
    const hung = await resend.emails.receiving.get(id, undefined, { signal: AbortSignal.timeout(200) });
    expect(hung.error).toMatchObject({ name: 'application_error', statusCode: null });
    const unavailable = await resend.emails.receiving.get(id);
    expect(unavailable.error).toMatchObject({ name: 'internal_server_error', statusCode: 503 });
    expect((await resend.emails.receiving.get(id)).data?.id).toBe(id);
  });

  it('takes hangs, 429s and scopes over the control route too', async () => {
    const arm = async (body: unknown) =>
      (await fetch(`${fake.url}/__fake/fail-next`, { method: 'POST', body: JSON.stringify(body) })).status;
    expect(await arm({ n: 1, failure: { status: 'hang', ms: 50 } })).toBe(200);
    expect(await arm({ n: 1, failure: { status: 429, retryAfterSeconds: 4 }, scope: 'read' })).toBe(200);
    expect(await arm({ n: 1, failure: { status: 'hang' }, scope: 'sideways' })).toBe(400);
    expect(await arm({ n: 1, failure: { status: 418 } })).toBe(400);

    expect((await resend.emails.send(message)).error).toBeNull();
    const limited = await resend.emails.list();
    expect(limited.error).toMatchObject({ name: 'rate_limit_exceeded', statusCode: 429 });
    expect(limited.headers?.['retry-after']).toBe('4');

    await arm({ n: 1, failure: { status: 'hang' } });
    const pending = resend.emails.send(message);
    await vi.waitFor(async () => expect(await (await fetch(`${fake.url}/__fake/hung`)).json()).toEqual({ count: 1 }));
    expect(await (await fetch(`${fake.url}/__fake/release-hung`, { method: 'POST' })).json()).toEqual({ released: 1 });
    expect((await pending).error).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Webhooks: a tiny receiver stands in for the app's /api/webhooks/resend route.
// ---------------------------------------------------------------------------------------------

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** What the next deliveries are answered with; an async handler may call the fake back first. */
  answer: (d: Delivery) => Promise<{ status: number; body: string }> | { status: number; body: string };
  close: () => Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    deliveries: [],
    answer: () => ({ status: 200, body: '{"received":true}' }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const delivery = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      receiver.deliveries.push(delivery);
      void Promise.resolve(receiver.answer(delivery)).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/resend`;
  return receiver;
}

/** What the app does: check the raw body against the svix headers with the real SDK. */
function verify(d: Delivery, secret = DEFAULT_WEBHOOK_SECRET): WebhookEventPayload {
  const header = (name: string) => String(d.headers[name] ?? '');
  return resend.webhooks.verify({
    payload: d.body,
    headers: { id: header('svix-id'), timestamp: header('svix-timestamp'), signature: header('svix-signature') },
    webhookSecret: secret,
  });
}

describe('fake Resend: signed webhooks', () => {
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.deliveries.length = 0;
    receiver.answer = () => ({ status: 200, body: '{"received":true}' });
  });

  async function sendOne(to: string | string[] = 'ada@example.com') {
    const { data } = await resend.emails.send({ ...message, to, tags: [{ name: 'category', value: 'notes_ready' }] });
    return data?.id ?? '';
  }

  it('delivers an event for a sent email, signed so the SDK verifies it, and moves last_event along', async () => {
    const id = await sendOne();
    const result = await fake.deliverForSent(id, 'email.delivered', { url: receiver.url });

    expect(result).toMatchObject({ status: 200, body: '{"received":true}' });
    expect(result.id).toMatch(/^msg_[A-Za-z0-9]{27}$/);
    const [delivery] = receiver.deliveries;
    expect(delivery?.headers).toMatchObject({
      'content-type': 'application/json',
      'svix-id': result.id,
      'svix-timestamp': String(result.timestamp),
    });
    expect(delivery?.headers['svix-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(result.timestamp - Date.now() / 1000)).toBeLessThan(5);

    const event = verify(delivery!);
    expect(event).toEqual(JSON.parse(delivery!.body));
    expect(event).toEqual({
      type: 'email.delivered',
      created_at: expect.any(String),
      data: {
        email_id: id,
        created_at: fake.sent[0]?.createdAt,
        message_id: `<${id}@fake-resend.local>`,
        from: message.from,
        to: ['ada@example.com'],
        subject: message.subject,
        tags: { category: 'notes_ready' },
      },
    });
    expect((await resend.emails.get(id)).data?.last_event).toBe('delivered');
    expect(fake.webhooks).toEqual([
      { url: receiver.url, id: result.id, timestamp: result.timestamp, type: 'email.delivered', tamper: null, status: 200 },
    ]);
  });

  it('builds bounced, clicked and suppression.added with their documented extra fields', async () => {
    const id = await sendOne('Ada <ada@example.com>');
    await fake.deliverForSent(id, 'email.bounced', { url: receiver.url, details: { bounce: { subType: 'Suppressed' } } });
    await fake.deliverForSent(id, 'email.clicked', { url: receiver.url, details: { click: { link: 'https://afterview.test/p/1' } } });
    await fake.deliverForSent(id, 'suppression.added', { url: receiver.url });

    const [bounced, clicked, suppressed] = receiver.deliveries.map((d) => verify(d));
    expect(bounced).toMatchObject({
      type: 'email.bounced',
      data: { email_id: id, to: ['Ada <ada@example.com>'], bounce: { type: 'Permanent', subType: 'Suppressed', message: expect.any(String) } },
    });
    expect(clicked).toMatchObject({
      type: 'email.clicked',
      data: { email_id: id, click: { link: 'https://afterview.test/p/1', ipAddress: expect.any(String), timestamp: expect.any(String), userAgent: expect.any(String) } },
    });
    expect(suppressed).toEqual({
      type: 'suppression.added',
      created_at: expect.any(String),
      data: { id: expect.any(String), email: 'ada@example.com', origin: 'bounce', source_id: id, created_at: expect.any(String) },
    });
    // suppression.added is not an email event, so the email keeps its last one.
    expect((await resend.emails.get(id)).data?.last_event).toBe('clicked');
  });

  it('offers builders for every event type the app listens to', () => {
    const at = '2026-03-01T10:00:00.000Z';
    const d = { created_at: at, email_created_at: at, from: message.from, subject: message.subject };
    const built = [
      fakeEvents.sent('e1', 'ada@example.com', d),
      fakeEvents.delivered('e1', 'ada@example.com', d),
      fakeEvents.deliveryDelayed('e1', 'ada@example.com', d),
      fakeEvents.bounced('e1', 'ada@example.com', d),
      fakeEvents.complained('e1', 'ada@example.com', d),
      fakeEvents.opened('e1', 'ada@example.com', d),
      fakeEvents.clicked('e1', 'ada@example.com', d),
      fakeEvents.received({ email_id: 'r1', from: 'ada@example.com', to: 'reply@inbound.afterview.test', subject: 'Re: hi', created_at: at }),
      fakeEvents.suppressionAdded('ada@example.com', { created_at: at }),
    ];
    expect(built.map((e) => e.type)).toEqual([
      'email.sent',
      'email.delivered',
      'email.delivery_delayed',
      'email.bounced',
      'email.complained',
      'email.opened',
      'email.clicked',
      'email.received',
      'suppression.added',
    ]);
    expect(built.every((e) => e.created_at === at)).toBe(true);
    expect(fakeEvents.delivered('e1', 'ada@example.com', d).data).toEqual({
      email_id: 'e1',
      created_at: at,
      message_id: '<e1@fake-resend.local>',
      from: message.from,
      to: ['ada@example.com'],
      subject: message.subject,
    });
    expect(fakeEvents.clicked('e1', 'ada@example.com', d).data.click.timestamp).toBe(at);
  });

  it.each<[WebhookTamper, RegExp]>([
    ['body', /No matching signature/],
    ['signature', /No matching signature/],
    ['secret', /No matching signature/],
    ['stale', /too old/],
    ['unsigned', /Missing required headers/],
  ])('a delivery tampered by %s fails verification', async (tamper, reason) => {
    const id = await sendOne();
    const result = await fake.deliverForSent(id, 'email.delivered', { url: receiver.url, tamper });
    const delivery = receiver.deliveries[0]!;
    expect(result.payload).toBe(delivery.body);
    expect(() => verify(delivery)).toThrow(reason);
    if (tamper === 'unsigned') expect(delivery.headers['svix-id']).toBeUndefined();
    expect(fake.webhooks[0]?.tamper).toBe(tamper);
  });

  it('signs by hand for crafted deliveries: future timestamps, replays, rotated secrets', async () => {
    const body = JSON.stringify(fakeEvents.opened('e1', 'ada@example.com'));
    const now = Math.floor(Date.now() / 1000);
    const headers = fake.signWebhook(DEFAULT_WEBHOOK_SECRET, 'msg_handmade', now, body);
    expect(headers).toEqual(signWebhook(DEFAULT_WEBHOOK_SECRET, 'msg_handmade', now, body));
    expect(verify({ headers, body })).toMatchObject({ type: 'email.opened' });

    const future = fake.signWebhook(DEFAULT_WEBHOOK_SECRET, 'msg_handmade', now + 600, body);
    expect(() => verify({ headers: future, body })).toThrow(/too new/);

    // Svix redelivers with the same id: both verify, and it is the receiver's job to deduplicate.
    const event = fakeEvents.delivered('e1', 'ada@example.com');
    const first = await fake.webhook({ url: receiver.url, event, id: 'msg_replayed' });
    const again = await fake.webhook({ url: receiver.url, event, id: 'msg_replayed', timestamp: first.timestamp });
    expect(again.payload).toBe(first.payload);
    expect(receiver.deliveries.map((d) => d.headers['svix-id'])).toEqual(['msg_replayed', 'msg_replayed']);
    expect(receiver.deliveries.map((d) => verify(d).type)).toEqual(['email.delivered', 'email.delivered']);

    const rotated = generateWebhookSecret();
    await fake.webhook({ url: receiver.url, secret: rotated, event });
    expect(() => verify(receiver.deliveries[2]!)).toThrow();
    expect(verify(receiver.deliveries[2]!, rotated)).toMatchObject({ type: 'email.delivered' });

    expect(() => signWebhook('whsec_not base64!', 'msg_x', now, body)).toThrow(/base64/);
  });

  it("reports the receiver's answer, and status 0 when it cannot be reached", async () => {
    receiver.answer = () => ({ status: 400, body: '{"error":"invalid signature"}' });
    const refused = await fake.webhook({ url: receiver.url, event: fakeEvents.sent('e1', 'ada@example.com') });
    expect(refused).toMatchObject({ status: 400, body: '{"error":"invalid signature"}' });

    const unreachable = await fake.webhook({ url: 'http://127.0.0.1:9/nowhere', event: fakeEvents.sent('e1', 'ada@example.com') });
    expect(unreachable.status).toBe(0);
    expect(unreachable.error).toBeTruthy();

    await expect(fake.webhook({ event: fakeEvents.sent('e1', 'ada@example.com') })).rejects.toThrow(/No webhook URL/);
    await expect(fake.deliverForSent('00000000-0000-4000-8000-000000000000', 'email.sent', { url: receiver.url })).rejects.toThrow(
      /No accepted email/,
    );
  });
});

describe('fake Resend: inbound mail', () => {
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.deliveries.length = 0;
  });

  it('stores a reply, announces it with a body-less email.received, and serves it to emails.receiving.get', async () => {
    let fetched: GetReceivingEmailResponseSuccess | null = null;
    // Like the app: verify, then fetch the content by id, then answer.
    receiver.answer = async (d) => {
      const event = verify(d);
      if (event.type !== 'email.received') return { status: 422, body: '{}' };
      fetched = (await resend.emails.receiving.get(event.data.email_id)).data;
      return { status: 200, body: '{}' };
    };

    const { id, event, delivery } = await fake.receive({
      from: 'Ada Lovelace <ada@example.com>',
      to: ['reply+interview-42@inbound.afterview.test'],
      subject: 'Re: Your interview notes are ready',
      text: 'Thanks!',
      html: '<p>Thanks!</p>',
      message_id: '<CAF=reply-1@mail.example.com>',
      in_reply_to: '<original-1@afterview.test>',
      references: ['<original-0@afterview.test>', '<original-1@afterview.test>'],
      headers: { 'X-Mailer': 'Thunderbird' },
      deliverTo: { url: receiver.url },
    });
    expect(delivery.status).toBe(200);

    const expectedEvent = {
      type: 'email.received',
      created_at: expect.any(String) as string,
      data: {
        email_id: id,
        created_at: expect.any(String) as string,
        from: 'Ada Lovelace <ada@example.com>',
        to: ['reply+interview-42@inbound.afterview.test'],
        bcc: [],
        cc: [],
        received_for: ['reply+interview-42@inbound.afterview.test'],
        message_id: '<CAF=reply-1@mail.example.com>',
        subject: 'Re: Your interview notes are ready',
        attachments: [],
      },
    } satisfies EmailReceivedEvent;
    expect(event).toEqual(expectedEvent);
    expect(JSON.parse(receiver.deliveries[0]!.body)).toEqual(expectedEvent);

    // `satisfies Required<...>` makes the compiler hold this literal to exactly the SDK's field list.
    const expectedEmail = {
      object: 'email',
      id,
      to: ['reply+interview-42@inbound.afterview.test'],
      from: 'Ada Lovelace <ada@example.com>',
      created_at: event.data.created_at,
      subject: 'Re: Your interview notes are ready',
      bcc: null,
      cc: null,
      reply_to: null,
      received_for: ['reply+interview-42@inbound.afterview.test'],
      html: '<p>Thanks!</p>',
      text: 'Thanks!',
      headers: {
        'x-mailer': 'Thunderbird',
        'in-reply-to': '<original-1@afterview.test>',
        references: '<original-0@afterview.test> <original-1@afterview.test>',
        'message-id': '<CAF=reply-1@mail.example.com>',
      },
      message_id: '<CAF=reply-1@mail.example.com>',
      raw: null,
      attachments: [],
    } satisfies Required<GetReceivingEmailResponseSuccess>;
    expect(fetched).toEqual(expectedEmail);
    expect(fake.requests).toEqual([{ method: 'GET', path: `/emails/receiving/${id}`, status: 200 }]);
  });

  it('answers 404 not_found for an unknown received email', async () => {
    const { data, error } = await resend.emails.receiving.get('00000000-0000-4000-8000-000000000000');
    expect(data).toBeNull();
    expect(error).toMatchObject({ name: 'not_found', statusCode: 404 });
  });

  it('lists received emails without their bodies', async () => {
    const id = fake.addInbound({ from: 'ada@example.com', to: 'reply@inbound.afterview.test', subject: 'Hi', text: 'body' });
    const { data } = await resend.emails.receiving.list();
    expect(data?.data.map((m) => m.id)).toEqual([id]);
    expect(data?.data[0]).not.toHaveProperty('text');
    expect(data?.data[0]).not.toHaveProperty('headers');
  });
});

describe('fake Resend: webhooks and inbound over the control routes', () => {
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.deliveries.length = 0;
    receiver.answer = () => ({ status: 204, body: '' });
  });

  const control = async (path: string, body?: unknown) => {
    const res = await fetch(`${fake.url}/__fake/${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('delivers an event for a sent email by type and id, or a given event with tampering', async () => {
    const { data } = await resend.emails.send(message);
    const bounced = await control('webhook', { url: receiver.url, type: 'email.bounced', emailId: data?.id });
    expect(bounced).toMatchObject({ status: 200, json: { status: 204, body: '' } });
    expect(verify(receiver.deliveries[0]!)).toMatchObject({ type: 'email.bounced', data: { email_id: data?.id } });

    const stale = await control('webhook', { url: receiver.url, event: fakeEvents.opened('e1', 'ada@example.com'), tamper: 'stale' });
    expect(stale.status).toBe(200);
    expect(() => verify(receiver.deliveries[1]!)).toThrow(/too old/);

    expect((await control('webhook', { url: receiver.url, type: 'email.unknown', emailId: 'x' })).status).toBe(400);
    expect((await control('webhook', { url: receiver.url, type: 'email.sent', emailId: 'missing' })).json.message).toMatch(
      /No accepted email/,
    );
    expect((await control('webhook', { url: receiver.url, event: {}, tamper: 'sideways' })).status).toBe(400);

    const log = (await (await fetch(`${fake.url}/__fake/webhooks`)).json()) as { data: { type: string; tamper: string | null }[] };
    expect(log.data.map((w) => [w.type, w.tamper])).toEqual([
      ['email.bounced', null],
      ['email.opened', 'stale'],
    ]);
  });

  it('receives mail and signs by hand', async () => {
    const received = await control('receive', {
      from: 'ada@example.com',
      to: 'reply@inbound.afterview.test',
      subject: 'Re: hi',
      text: 'Thanks',
      in_reply_to: '<original@afterview.test>',
      deliverTo: { url: receiver.url },
      webhook: { id: 'msg_inbound_1' },
    });
    expect(received.status).toBe(200);
    const id = received.json.id as string;
    expect(verify(receiver.deliveries[0]!)).toMatchObject({ type: 'email.received', data: { email_id: id } });
    expect(receiver.deliveries[0]?.headers['svix-id']).toBe('msg_inbound_1');
    expect((await resend.emails.receiving.get(id)).data?.headers).toMatchObject({ 'in-reply-to': '<original@afterview.test>' });

    const body = '{"type":"email.sent"}';
    const signed = await control('webhook/sign', { id: 'msg_1', timestamp: 1_700_000_000, body });
    expect(signed.json.headers).toEqual(signWebhook(DEFAULT_WEBHOOK_SECRET, 'msg_1', 1_700_000_000, body));
    expect((await control('webhook/sign', { id: 'msg_1' })).status).toBe(400);
  });

  it('uses the configured default receiver and secret', async () => {
    const secret = generateWebhookSecret();
    expect((await control('config', { webhookUrl: receiver.url, webhookSecret: secret })).json).toMatchObject({
      webhookUrl: receiver.url,
      webhookSecret: secret,
    });
    try {
      await control('webhook', { event: fakeEvents.sent('e1', 'ada@example.com') });
      expect(verify(receiver.deliveries[0]!, secret)).toMatchObject({ type: 'email.sent' });
      expect((await control('config', { webhookSecret: 'whsec_***' })).status).toBe(400);
    } finally {
      fake.webhookUrl = null;
      fake.webhookSecret = DEFAULT_WEBHOOK_SECRET;
    }
  });
});
