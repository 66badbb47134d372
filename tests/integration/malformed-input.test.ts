import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { POST as dashboardCsv } from '@/app/api/orgs/[org]/dashboard.csv/route';
import { POST as candidateExport } from '@/app/api/orgs/[org]/candidates/[id]/export/route';
import { GET as chartCsv } from '@/app/api/orgs/[org]/analytics/[chart]/route';
import { GET as openLink } from '@/app/p/[token]/route';
import { POST as postQuestion } from '@/app/portal/questions/route';
import { POST as postThanks } from '@/app/portal/thanks/route';
import { POST as webhookRoute } from '@/app/api/webhooks/resend/route';
import { getDb, queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { auth } from '@/server/auth/config';
import { processWebhookEvent } from '@/server/services/email/process-webhook-event';
import { ZSendPortalThanksInput } from '@/server/services/portal/send-portal-thanks';
import { ZSubmitPortalQuestionInput } from '@/server/services/portal/submit-portal-question';
import { UNSTORABLE_TEXT_MESSAGE } from '@/server/services/records/storable-text';
import { callerFor, createTenant, snapshotTenant, type TenantFixture } from '../support/fixtures';
import { DEFAULT_WEBHOOK_SECRET, fakeEvents, signWebhook, startFakeResend, type FakeResend } from '../support/fake-resend';

vi.mock('@/server/auth/config', () => ({ auth: vi.fn() }));
const signIn = (userId: string | null) => (auth as unknown as Mock).mockResolvedValue(userId ? { user: { id: userId } } : null);

const BASE = 'http://localhost:3999';
const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';

let fx: TenantFixture;
beforeAll(async () => {
  fx = await createTenant('Malformed');
});

describe('a portal post whose text holds a NUL', () => {
  let ip = 0;
  async function session(): Promise<string> {
    const created = await callerFor(fx.ownerId).portal.createLink({ orgSlug: fx.slug, candidateId: fx.candidateId, applicationId: fx.applicationId });
    const token = created.url.split('/p/')[1]!;
    ip += 1;
    const opened = await openLink(new NextRequest(`${BASE}/p/${token}`, { headers: { 'x-forwarded-for': `203.0.113.${ip}` } }), { params: Promise.resolve({ token }) });
    expect(opened.status).toBe(303);
    return /afterview_portal=([^;]*)/.exec(opened.headers.get('set-cookie') ?? '')![1]!;
  }

  function post(kind: 'questions' | 'thanks', cookie: string, fields: Record<string, string>) {
    const request = new NextRequest(`${BASE}/portal/${kind}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `afterview_portal=${cookie}`, origin: BASE },
    });
    return kind === 'questions' ? postQuestion(request) : postThanks(request);
  }

  const portalTouches = () =>
    withTenant(fx.orgId, (tx) => queryRows<{ id: string }>(tx, sql`select id from touches where org_id = ${fx.orgId} and kind in ('question', 'thank_you')`));

  it.each(['questions', 'thanks'] as const)('is refused for %s with a clear message (422), the text kept on the form, nothing stored', async (kind) => {
    const cookie = await session();
    const before = await portalTouches();
    const response = await post(kind, cookie, { body: `Is the role remote?${NUL}`, requestId: randomUUID() });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain(UNSTORABLE_TEXT_MESSAGE);
    // What they typed comes back (the NUL as U+FFFD, which is what a browser shows for it).
    expect(html).toContain('Is the role remote?\uFFFD');
    expect(html).not.toContain(NUL);
    expect(await portalTouches()).toEqual(before);
  });

  it('is refused by the services’ own input schemas, whoever calls them', () => {
    const question = ZSubmitPortalQuestionInput.safeParse({ body: `a${NUL}b`, requestId: randomUUID() });
    expect(question.success).toBe(false);
    expect(question.error?.issues[0]).toMatchObject({ path: ['body'], message: UNSTORABLE_TEXT_MESSAGE });
    const thanks = ZSendPortalThanksInput.safeParse({ body: 'Thank you', to: [`Pat${NUL}`], requestId: randomUUID() });
    expect(thanks.error?.issues[0]).toMatchObject({ path: ['to', 0], message: UNSTORABLE_TEXT_MESSAGE });
  });
});

describe('an agency slug holding a NUL in a download route', () => {
  // proxy.ts answers such an address with a 400 before any route runs; the routes hold on their own too.
  it.each([
    ['the dashboard CSV', () => dashboardCsv(new Request(`${BASE}/api/orgs/%00/dashboard.csv`, { method: 'POST' }), { params: Promise.resolve({ org: NUL }) })],
    [
      'the candidate export',
      () => candidateExport(new Request(`${BASE}/api/orgs/%00/candidates/x/export`, { method: 'POST' }), { params: Promise.resolve({ org: NUL, id: fx.candidateId }) }),
    ],
    ['a chart CSV', () => chartCsv(new Request(`${BASE}/api/orgs/%00/analytics/signal-mix`), { params: Promise.resolve({ org: NUL, chart: 'signal-mix' }) })],
  ])('%s answers 404 like any agency that is not yours, not a 500', async (_what, call) => {
    signIn(fx.ownerId);
    const before = await snapshotTenant(fx.orgId);
    const response = await call();
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('This agency does not exist or you are not a member of it.\n');
    expect(await snapshotTenant(fx.orgId)).toBe(before);
  });
});

describe('a genuine, signed Resend webhook whose text cannot be stored as it is', () => {
  let fake: FakeResend;
  let api: Resend;
  beforeAll(async () => {
    fake = await startFakeResend();
    api = new Resend(fake.apiKey, { baseUrl: fake.url });
  });
  afterAll(() => fake.close());

  /** Signed over the exact body that is sent, as Svix signs for Resend. */
  function deliver(body: string, id = `msg_${randomUUID()}`) {
    const headers = signWebhook(DEFAULT_WEBHOOK_SECRET, id, Math.floor(Date.now() / 1000), body);
    return { id, response: webhookRoute(new Request(`${BASE}/api/webhooks/resend`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body })) };
  }

  async function storedPayload(id: string) {
    const [row] = await queryRows<{ payload: { data: Record<string, unknown> } }>(getDb(), sql`select payload from email_events where svix_id = ${id}`);
    return row?.payload ?? null;
  }

  it.each([
    ['a NUL in a value', { subject: `Re: offer${NUL}` }, { subject: 'Re: offer\uFFFD' }],
    ['a lone surrogate (half an emoji)', { subject: `Re: offer ${LONE_SURROGATE}!` }, { subject: 'Re: offer \uFFFD!' }],
    ['a NUL in a key', { [`x-note${NUL}`]: 'kept' }, { 'x-note\uFFFD': 'kept' }],
  ])('with %s is stored sanitised and answered 200, once however often it comes', async (_what, extra, stored) => {
    const event = fakeEvents.delivered(`em_${randomUUID()}`, 'someone@example.com');
    // JSON.stringify writes a NUL as \u0000 and a lone surrogate as \ud800: what Resend would send.
    const body = JSON.stringify({ ...event, data: { ...event.data, ...extra } });
    expect(body).toMatch(/\\u0000|\\ud800/);
    const first = deliver(body);
    const response = await first.response;
    expect(await response.json()).toEqual({ ok: true });
    expect(response.status).toBe(200);
    expect((await storedPayload(first.id))?.data).toMatchObject(stored);

    const again = await deliver(body, first.id).response;
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
  });

  it('is processed normally: a reply with a NUL and a lone surrogate lands in the conversation, sanitised', async () => {
    const tenant = await createTenant('MalformedMail');
    const domain = `in-${randomUUID().slice(0, 8)}.example.com`;
    const candidateEmail = `cand-${randomUUID().slice(0, 8)}@candidate.example`;
    await withTenant(tenant.orgId, (tx) => tx.execute(sql`update candidates set email = ${candidateEmail} where id = ${tenant.candidateId}`));
    await callerFor(tenant.ownerId).org.updateEmailSettings({ orgSlug: tenant.slug, senderName: '', inboundDomain: domain, trackEngagement: false });
    await callerFor(tenant.recruiterId).email.send({ orgSlug: tenant.slug, candidateId: tenant.candidateId, body: 'Could you do Thursday?', clientRequestId: randomUUID() });
    const [conversation] = await withTenant(tenant.orgId, (tx) =>
      queryRows<{ reply_token: string }>(tx, sql`select reply_token from conversations where org_id = ${tenant.orgId} and candidate_id = ${tenant.candidateId}`),
    );

    const to = `reply+${conversation!.reply_token}@${domain}`;
    const subject = `Re: Thursday${NUL}`;
    const emailId = fake.addInbound({ from: candidateEmail, to, subject, text: `Thursday${NUL} works ${LONE_SURROGATE}for me.` });
    const delivery = deliver(JSON.stringify(fakeEvents.received({ email_id: emailId, from: candidateEmail, to, subject })));
    expect((await delivery.response).status).toBe(200);

    expect(await processWebhookEvent(delivery.id, { resend: api })).toMatch(/^routed to conversation/);
    const timeline = await callerFor(tenant.ownerId).touch.timeline({ orgSlug: tenant.slug, candidateId: tenant.candidateId });
    expect(timeline.items.find((t) => t.kind === 'email_reply')).toMatchObject({ direction: 'inbound', body: 'Thursday\uFFFD works \uFFFDfor me.' });
    const [event] = await queryRows<{ outcome: string; last_error: string | null }>(getDb(), sql`select outcome, last_error from email_events where svix_id = ${delivery.id}`);
    expect(event).toMatchObject({ outcome: expect.stringMatching(/^routed/) as string, last_error: null });
  });
});
