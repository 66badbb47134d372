import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { Resend } from 'resend';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as webhookRoute } from '@/app/api/webhooks/resend/route';
import { getDb, queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { deliverDueEmails } from '@/server/email/outbox';
import { createDevTransport, createResendTransport, type MailTransport } from '@/server/email/transport';
import { unsafeClaimDueAgencyEmails } from '@/server/email/unsafe-claim-due-agency-emails';
import { startWorker, stopWorker } from '@/server/jobs/worker';
import { processWebhookEvent } from '@/server/services/email/process-webhook-event';
import { sendCandidateEmail } from '@/server/services/email/send-candidate-email';
import { visibleReply } from '@/server/services/email/route-inbound-email';
import { callerFor, createTenant, type TenantFixture } from '../support/fixtures';
import { fakeEvents, startFakeResend, type FakeResend } from '../support/fake-resend';

let fake: FakeResend;
let transport: MailTransport;
let api: Resend;
let receiver: http.Server;
let webhookUrl: string;

/** The app's webhook route behind a real HTTP port, so the fake delivers to it as Resend would. */
async function startReceiver(): Promise<void> {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      void webhookRoute(new Request(`http://localhost${req.url ?? '/'}`, { method: 'POST', headers, body: Buffer.concat(chunks) }))
        .then(async (response) => {
          res.writeHead(response.status, { 'content-type': 'application/json' });
          res.end(await response.text());
        })
        .catch((error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/resend`;
}

beforeAll(async () => {
  fake = await startFakeResend();
  transport = createResendTransport(fake.apiKey, fake.url);
  api = new Resend(fake.apiKey, { baseUrl: fake.url });
  await startReceiver();
});
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => fake.reset());
afterEach(() => {
  current = null;
});

async function tenantWithCandidate(label: string): Promise<TenantFixture & { email: string }> {
  const fx = await createTenant(label);
  const email = `${label.toLowerCase()}-${randomUUID().slice(0, 8)}@candidate.example`;
  await withTenant(fx.orgId, (tx) => tx.execute(sql`update candidates set email = ${email} where id = ${fx.candidateId}`));
  current = fx;
  return { ...fx, email };
}

function send(fx: TenantFixture, body = 'Thanks for coming in yesterday. Could you do Thursday at 10:00?', extra: Record<string, unknown> = {}) {
  return callerFor(fx.recruiterId).email.send({ orgSlug: fx.slug, candidateId: fx.candidateId, body, clientRequestId: randomUUID(), ...extra });
}

async function outbound(fx: TenantFixture, id: string) {
  const [row] = await withTenant(fx.orgId, (tx) =>
    queryRows<{ status: string; attempts: number; last_error: string | null; provider_id: string | null; wait_s: number; reply_to: string | null; subject: string; headers: Record<string, string> }>(
      tx,
      sql`select status, attempts, last_error, provider_id, reply_to, subject, headers, extract(epoch from next_attempt_at - now())::float8 as wait_s
          from outbound_emails where org_id = ${fx.orgId} and id = ${id}`,
    ),
  );
  return row!;
}

/** Sends this test's agency's due mail only: other files queue mail in the same database. */
let current: TenantFixture | null = null;
const deliver = () => deliverDueEmails({ transport, orgId: current!.orgId });

/** Other files' agencies share the outbox on a server database: find this test's email by its address. */
function sentTo(address: string) {
  const found = fake.sent.filter((s) => s.to.includes(address));
  expect(found, `one email to ${address}`).toHaveLength(1);
  return found[0]!;
}

async function timelineEmail(fx: TenantFixture, touchId: string) {
  const timeline = await callerFor(fx.ownerId).touch.timeline({ orgSlug: fx.slug, candidateId: fx.candidateId });
  return timeline.items.find((t) => t.id === touchId)?.email ?? null;
}

describe('the agency outbox', () => {
  it('queues a recruiter’s email with its touch and sends it once, with the outbox id as idempotency key', async () => {
    const fx = await tenantWithCandidate('Send');
    const { touchId, emailId } = await send(fx);
    expect((await outbound(fx, emailId!)).status).toBe('queued');
    expect(await timelineEmail(fx, touchId)).toMatchObject({ status: 'queued', to: fx.email });

    expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
    const sent = sentTo(fx.email);
    expect(sent).toMatchObject({ to: [fx.email], idempotencyKey: `outbound_emails/${emailId}`, subject: 'Fixture Engineer: your follow-up' });
    expect(sent.from).toMatch(/^Send Agency <no-reply@/);
    expect(sent.text).toContain('Could you do Thursday at 10:00?');
    // No inbound domain configured: replies go to the recruiter's own address.
    expect(sent.reply_to).toEqual([expect.stringMatching(/^send-rec-.*@example\.com$/i)]);
    expect(sent.headers['Message-ID']).toMatch(/^<.+@.+>$/);
    const row = await outbound(fx, emailId!);
    expect(row).toMatchObject({ status: 'sent', provider_id: sent.id });
    expect(await timelineEmail(fx, touchId)).toMatchObject({ status: 'sent' });
  });

  it('threads a conversation: Re: subject, In-Reply-To and References, and a reply address on the inbound domain', async () => {
    const fx = await tenantWithCandidate('Thread');
    const domain = `replies-${randomUUID().slice(0, 8)}.example.com`;
    await callerFor(fx.ownerId).org.updateEmailSettings({ orgSlug: fx.slug, senderName: 'Thread Talent', inboundDomain: domain, trackEngagement: false });
    const first = await send(fx, 'First message');
    const second = await send(fx, 'Second message');
    await deliver();
    const [a, b] = [await outbound(fx, first.emailId!), await outbound(fx, second.emailId!)];
    expect(b.subject).toBe(`Re: ${a.subject}`);
    expect(b.headers['In-Reply-To']).toBe(a.headers['Message-ID']);
    expect(b.headers.References).toContain(a.headers['Message-ID']);
    expect(a.reply_to).toMatch(new RegExp(`^reply\\+[a-f0-9]{32}@${domain.replaceAll('.', '\\.')}$`));
    expect(b.reply_to).toBe(a.reply_to);
    expect(fake.sent.map((s) => s.from)).toEqual(['Thread Talent <no-reply@afterview.localhost>', 'Thread Talent <no-reply@afterview.localhost>']);
  });

  it('sends nothing for a transaction that rolls back', async () => {
    const fx = await tenantWithCandidate('Rollback');
    await expect(
      withTenant(fx.orgId, async (tx) => {
        await sendCandidateEmail({ tx, actor: { orgId: fx.orgId, userId: fx.recruiterId, role: 'recruiter' } }, { candidateId: fx.candidateId, body: 'Never sent', clientRequestId: randomUUID() });
        throw new Error('the change that caused it failed');
      }),
    ).rejects.toThrow('the change that caused it failed');
    const rows = await withTenant(fx.orgId, (tx) => queryRows(tx, sql`select id from outbound_emails where org_id = ${fx.orgId} and kind = 'recruiter_reply' and subject <> 'Fixture'`));
    expect(rows).toEqual([]);
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(fake.sent).toHaveLength(0);
  });

  it('a double submit records one touch and one email', async () => {
    const fx = await tenantWithCandidate('Twice');
    const input = { orgSlug: fx.slug, candidateId: fx.candidateId, body: 'Only once', clientRequestId: randomUUID() };
    const [one, two] = [await callerFor(fx.recruiterId).email.send(input), await callerFor(fx.recruiterId).email.send(input)];
    expect(two).toEqual(one);
    await deliver();
    expect(fake.sent.filter((s) => s.text?.includes('Only once'))).toHaveLength(1);
  });

  it('retries with the same key after a worker died between Resend accepting and the row being marked: one email', async () => {
    const fx = await tenantWithCandidate('Crash');
    const { emailId } = await send(fx);
    const claimed = await unsafeClaimDueAgencyEmails(50, 120, fx.orgId);
    const ref = claimed.find((r) => r.id === emailId)!;
    const [row] = await withTenant(fx.orgId, (tx) =>
      queryRows<{ from_address: string; to_address: string; reply_to: string; subject: string; html: string; text: string; headers: Record<string, string> }>(
        tx,
        sql`select * from outbound_emails where id = ${emailId}`,
      ),
    );
    // The worker sends, Resend accepts... and the process dies before recording it.
    const accepted = await transport.send(
      { from: row!.from_address, to: [row!.to_address], replyTo: row!.reply_to, subject: row!.subject, html: row!.html, text: row!.text, headers: row!.headers },
      { idempotencyKey: `outbound_emails/${ref.id}` },
    );
    expect(accepted.ok).toBe(true);
    expect((await outbound(fx, emailId!)).status).toBe('sending');
    // The lease runs out; another worker claims it again.
    await getDb().execute(sql`update outbound_emails set next_attempt_at = now() where id = ${emailId}`);
    expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(fake.sent).toHaveLength(1);
    expect((await outbound(fx, emailId!)).provider_id).toBe(fake.sent[0]!.id);
  });

  it('respects 429 with retry-after, and does not retry a 422 but shows it failed with the reason', async () => {
    const fx = await tenantWithCandidate('Limits');
    const { emailId } = await send(fx);
    fake.failNext(1, { status: 429, retryAfterSeconds: 40 });
    expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await outbound(fx, emailId!);
    expect(waiting.status).toBe('queued');
    expect(waiting.wait_s).toBeGreaterThanOrEqual(38);
    expect(waiting.last_error).toMatch(/rate_limit_exceeded \(429\)/);
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });

    await withTenant(fx.orgId, (tx) => tx.execute(sql`update candidates set email = 'not-an-address' where id = ${fx.candidateId}`));
    const bad = await send(fx, 'To a broken address');
    await getDb().execute(sql`update outbound_emails set next_attempt_at = now() + interval '1 hour' where id = ${emailId}`);
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const failed = await outbound(fx, bad.emailId!);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toMatch(/validation_error \(422\)/);
    expect(await timelineEmail(fx, bad.touchId)).toMatchObject({ status: 'failed', error: expect.stringContaining('422') as string });
  });
});

async function deliveredSvix(id: string) {
  const rows = await queryRows<{ svix_id: string; processed_at: Date | null; outcome: string | null }>(getDb(), sql`select svix_id, processed_at, outcome from email_events where svix_id = ${id}`);
  return rows[0] ?? null;
}

describe('Resend webhooks', () => {
  it('refuse a bad signature, another secret, a stale timestamp or no signature with 4xx, storing nothing', async () => {
    for (const tamper of ['body', 'signature', 'secret', 'stale', 'unsigned'] as const) {
      const result = await fake.webhook({ url: webhookUrl, event: fakeEvents.delivered(`em_${randomUUID()}`, 'x@example.com'), tamper });
      expect(result.status, tamper).toBeGreaterThanOrEqual(400);
      expect(result.status, tamper).toBeLessThan(500);
      expect(await deliveredSvix(result.id), tamper).toBeNull();
    }
  });

  it('change an email’s state once however often the same event arrives; a bounce suppresses the address', async () => {
    const fx = await tenantWithCandidate('Hooks');
    const { emailId, touchId } = await send(fx);
    await deliver();
    const providerId = sentTo(fx.email).id;

    const id = `msg_${randomUUID()}`;
    for (let i = 0; i < 3; i += 1) {
      const result = await fake.deliverForSent(providerId, 'email.delivered', { url: webhookUrl, id });
      expect(result.status).toBe(200);
    }
    expect(await processWebhookEvent(id)).toBe('status: delivered');
    expect(await processWebhookEvent(id)).toBe('already processed');
    expect((await outbound(fx, emailId!)).status).toBe('delivered');

    // A late `email.sent` does not move it back.
    const late = await fake.deliverForSent(providerId, 'email.sent', { url: webhookUrl });
    await processWebhookEvent(late.id);
    expect((await outbound(fx, emailId!)).status).toBe('delivered');

    const bounce = await fake.deliverForSent(providerId, 'email.bounced', { url: webhookUrl });
    await processWebhookEvent(bounce.id);
    expect(await outbound(fx, emailId!)).toMatchObject({ status: 'bounced' });
    expect(await timelineEmail(fx, touchId)).toMatchObject({ status: 'bounced' });
    expect(await callerFor(fx.ownerId).email.suppressions({ orgSlug: fx.slug })).toEqual(expect.arrayContaining([expect.objectContaining({ email: fx.email, reason: 'bounced' })]));

    // Later sends to it are refused with a message that says why, and nothing is recorded.
    const before = (await callerFor(fx.ownerId).touch.timeline({ orgSlug: fx.slug, candidateId: fx.candidateId })).items.length;
    await expect(send(fx, 'Hello again')).rejects.toThrow(/is blocked: it was bounced on/);
    expect((await callerFor(fx.ownerId).touch.timeline({ orgSlug: fx.slug, candidateId: fx.candidateId })).items.length).toBe(before);

    // The admin lifts it; the address may be written to again.
    await callerFor(fx.ownerId).email.removeSuppression({ orgSlug: fx.slug, email: fx.email });
    await expect(send(fx, 'Hello again')).resolves.toMatchObject({ emailId: expect.any(String) as string });
  });

  it('turn opens and clicks into weak touches only where the agency enabled tracking', async () => {
    const fx = await tenantWithCandidate('Track');
    await send(fx);
    await deliver();
    const providerId = sentTo(fx.email).id;
    const opened = await fake.deliverForSent(providerId, 'email.opened', { url: webhookUrl });
    expect(await processWebhookEvent(opened.id)).toBe('ignored: tracking is off');

    await callerFor(fx.ownerId).org.updateEmailSettings({ orgSlug: fx.slug, senderName: '', inboundDomain: '', trackEngagement: true });
    const id = `msg_${randomUUID()}`;
    for (let i = 0; i < 3; i += 1) await fake.deliverForSent(providerId, 'email.clicked', { url: webhookUrl, id });
    expect(await processWebhookEvent(id)).toBe('touch: email_click');
    const clicks = await withTenant(fx.orgId, (tx) => queryRows(tx, sql`select id from touches where org_id = ${fx.orgId} and kind = 'email_click'`));
    expect(clicks).toHaveLength(1);
    const opens = await withTenant(fx.orgId, (tx) => queryRows(tx, sql`select id from touches where org_id = ${fx.orgId} and kind = 'email_open'`));
    expect(opens).toHaveLength(0);
  });

  it('answer 5xx while the database refuses the event, so Resend retries; the retry is stored and processed', async () => {
    const fx = await tenantWithCandidate('Down');
    const { emailId } = await send(fx);
    await deliver();
    const providerId = sentTo(fx.email).id;
    const id = `msg_${randomUUID()}`;
    await getDb().execute(sql`revoke insert on email_events from afterview_system`);
    try {
      const refused = await fake.deliverForSent(providerId, 'email.delivered', { url: webhookUrl, id });
      expect(refused.status).toBe(503);
    } finally {
      await getDb().execute(sql`grant insert on email_events to afterview_system`);
    }
    expect(await deliveredSvix(id)).toBeNull();
    const retried = await fake.deliverForSent(providerId, 'email.delivered', { url: webhookUrl, id });
    expect(retried.status).toBe(200);
    await processWebhookEvent(id);
    expect((await outbound(fx, emailId!)).status).toBe('delivered');
  });
});

describe('inbound replies', () => {
  async function inboundTenant(label: string) {
    const fx = await tenantWithCandidate(label);
    const domain = `in-${randomUUID().slice(0, 8)}.example.com`;
    await callerFor(fx.ownerId).org.updateEmailSettings({ orgSlug: fx.slug, senderName: '', inboundDomain: domain, trackEngagement: false });
    return { ...fx, domain };
  }

  it('land in the candidate’s conversation as a reply, quoted history stripped, waiting for an answer', async () => {
    const fx = await inboundTenant('Inbound');
    const { emailId } = await send(fx, 'Could you do Thursday at 10:00?');
    await deliver();
    const sent = await outbound(fx, emailId!);
    const [conversation] = await withTenant(fx.orgId, (tx) => queryRows<{ reply_token: string }>(tx, sql`select reply_token from conversations where candidate_id = ${fx.candidateId}`));
    const text = 'Thursday works for me, thank you!\n\nOn Tue, 3 Nov 2026 at 10:00, Inbound Recruiter <rec@example.com> wrote:\n> Could you do Thursday at 10:00?\n';
    const received = await fake.receive({
      from: `Candidate <${fx.email}>`,
      to: `reply+${conversation!.reply_token}@${fx.domain}`,
      subject: `Re: ${sent.subject}`,
      text,
      in_reply_to: sent.headers['Message-ID'],
      deliverTo: { url: webhookUrl },
    });
    expect(received.delivery.status).toBe(200);
    expect(await processWebhookEvent(received.delivery.id, { resend: api })).toMatch(/^routed to conversation/);

    const timeline = await callerFor(fx.ownerId).touch.timeline({ orgSlug: fx.slug, candidateId: fx.candidateId });
    const reply = timeline.items.find((t) => t.kind === 'email_reply');
    expect(reply).toMatchObject({ direction: 'inbound', channel: 'email', body: 'Thursday works for me, thank you!' });
    const inbox = await callerFor(fx.ownerId).dashboard.inbox({ orgSlug: fx.slug });
    expect(inbox.items.some((i) => i.candidateId === fx.candidateId)).toBe(true);
    // The next email threads under the candidate's message.
    const next = await send(fx, 'See you then.');
    const threaded = await outbound(fx, next.emailId!);
    expect(threaded.headers['In-Reply-To']).toBe(received.event.data.message_id);

    // Delivered again (Resend retries): still one reply.
    await fake.webhook({ url: webhookUrl, id: received.delivery.id, event: received.event });
    await processWebhookEvent(received.delivery.id, { resend: api });
    const again = await callerFor(fx.ownerId).touch.timeline({ orgSlug: fx.slug, candidateId: fx.candidateId });
    expect(again.items.filter((t) => t.kind === 'email_reply')).toHaveLength(1);
  });

  it('to an unknown address on the agency’s domain are kept as unrouted, for admins only', async () => {
    const fx = await inboundTenant('Unrouted');
    const received = await fake.receive({ from: 'stranger@example.org', to: `jobs@${fx.domain}`, subject: 'Open application', text: 'Hello, I would like to apply.', deliverTo: { url: webhookUrl } });
    expect(await processWebhookEvent(received.delivery.id, { resend: api })).toMatch(/^unrouted: kept for agency/);
    const unrouted = await callerFor(fx.ownerId).email.unrouted({ orgSlug: fx.slug });
    expect(unrouted).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'stranger@example.org', subject: 'Open application', text: 'Hello, I would like to apply.' })]));
    await expect(callerFor(fx.recruiterId).email.unrouted({ orgSlug: fx.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('to a domain no agency receives on are kept with the event, never dropped', async () => {
    const received = await fake.receive({ from: 'someone@example.org', to: `reply+${'0'.repeat(32)}@nobody-${randomUUID().slice(0, 6)}.example`, subject: 'Lost', text: 'Anyone?', deliverTo: { url: webhookUrl } });
    expect(await processWebhookEvent(received.delivery.id, { resend: api })).toMatch(/^unrouted: no agency receives mail/);
    const stored = await deliveredSvix(received.delivery.id);
    expect(stored?.processed_at).toBeInstanceOf(Date);
    expect(stored?.outcome).toMatch(/^unrouted/);
  });

  it('keep what the candidate wrote and drop the quoted history', () => {
    expect(visibleReply('Yes please.\n\nOn Mon, Alex wrote:\n> Shall we talk?')).toBe('Yes please.');
    expect(visibleReply('Line one\nLine two')).toBe('Line one\nLine two');
  });
});

describe('the queue worker (pg-boss)', () => {
  it('sends queued email on its own, through the configured transport', async () => {
    const fx = await tenantWithCandidate('Worker');
    await startWorker();
    try {
      const { emailId } = await send(fx, 'Sent by the worker');
      const dev = createDevTransport();
      expect(dev.name).toBe('dev');
      await expect
        .poll(async () => (await outbound(fx, emailId!)).status, { timeout: 20_000, interval: 250 })
        .toBe('sent');
      const inbox = await queryRows<{ subject: string }>(getDb(), sql`select subject from dev_mailbox where idempotency_key = ${`outbound_emails/${emailId}`}`);
      expect(inbox).toHaveLength(1);
    } finally {
      await stopWorker();
    }
  });
});
