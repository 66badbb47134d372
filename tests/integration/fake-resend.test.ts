import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Resend } from 'resend';
import { startFakeResend, type FakeResend } from '../support/fake-resend';

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
