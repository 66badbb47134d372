import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as openLink } from '@/app/p/[token]/route';
import { GET as openPortal } from '@/app/portal/route';
import { POST as postQuestion } from '@/app/portal/questions/route';
import { POST as postThanks } from '@/app/portal/thanks/route';
import { getDb, queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { signPortalSession } from '@/server/services/portal/portal-token';
import { TOKEN_FAILURES_PER_WINDOW } from '@/server/services/portal/exchange-portal-token';
import { SUBMISSIONS_PER_HOUR } from '@/server/services/portal/types';
import { unsafeHitRateLimit } from '@/server/services/rate-limits/unsafe-hit-rate-limit';
import { recordTouch } from '@/server/services/touches/record-touch';
import { callerFor, createTenant, snapshotTenant, type TenantFixture } from '../support/fixtures';

const BASE = 'http://localhost:3999';

let ipCounter = 0;
/** Every test gets its own addresses: the rate-limit table is shared by the files of a run. */
function freshIp(): string {
  ipCounter += 1;
  return `198.51.${Math.floor(Math.random() * 200)}.${ipCounter}`;
}

async function open(token: string, ip = freshIp()) {
  return openLink(new NextRequest(`${BASE}/p/${token}`, { headers: { 'x-afterview-client-ip': ip } }), { params: Promise.resolve({ token }) });
}

function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /afterview_portal=([^;]*)/.exec(header);
  if (!match?.[1]) throw new Error(`no portal cookie in ${header}`);
  return match[1];
}

async function sessionFor(token: string): Promise<string> {
  const response = await open(token);
  expect(response.status).toBe(303);
  return cookieOf(response);
}

function portal(cookie: string | null, query = '') {
  return openPortal(new NextRequest(`${BASE}/portal${query}`, { headers: cookie ? { cookie: `afterview_portal=${cookie}` } : {} }));
}

function post(
  kind: 'question' | 'thanks',
  cookie: string | null,
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = { origin: BASE },
) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
  const request = new NextRequest(`${BASE}/portal/${kind === 'question' ? 'questions' : 'thanks'}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie: `afterview_portal=${cookie}` } : {}), ...headers },
  });
  return kind === 'question' ? postQuestion(request) : postThanks(request);
}

/** Pages carry a fresh CSP nonce each time; everything else must be identical. */
function withoutNonce(html: string): string {
  return html.replace(/nonce="[^"]*"/g, 'nonce=""');
}

async function touchesOf(fx: TenantFixture, kind: string) {
  return withTenant(fx.orgId, (tx) =>
    queryRows<{ id: string; body: string | null; meta: Record<string, unknown>; channel: string; direction: string }>(
      tx,
      sql`select id, body, meta, channel, direction from touches where org_id = ${fx.orgId} and candidate_id = ${fx.candidateId} and kind = ${kind} order by occurred_at`,
    ),
  );
}

async function newLink(fx: TenantFixture) {
  const created = await callerFor(fx.ownerId).portal.createLink({ orgSlug: fx.slug, candidateId: fx.candidateId, applicationId: fx.applicationId, interviewId: fx.interviewId });
  return { ...created, token: created.url.split('/p/')[1]! };
}

let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant('PortalA'), createTenant('PortalB')]);
});

describe('portal links', () => {
  it('carry 256 random bits, of which the database keeps only a SHA-256 hash', async () => {
    const first = await newLink(a);
    const second = await newLink(a);
    expect(first.url).toBe(`${BASE}/p/${first.token}`);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.token).not.toBe(first.token);
    const [row] = await queryRows<{ token_hash: string; whole: string }>(
      getDb(),
      sql`select token_hash, to_jsonb(l)::text as whole from portal_links l where org_id = ${a.orgId} and id = ${first.linkId}`,
    );
    expect(row!.token_hash).toBe(createHash('sha256').update(first.token).digest('hex'));
    expect(row!.whole).not.toContain(first.token);
  });

  it('expire after the agency’s link lifetime', async () => {
    await withTenant(a.orgId, (tx) => tx.execute(sql`update organizations set portal_link_days = 3 where id = ${a.orgId}`));
    try {
      const before = Date.now();
      const link = await newLink(a);
      expect(link.expiresAt.getTime() - before).toBeGreaterThanOrEqual(3 * 86_400_000 - 1000);
      expect(link.expiresAt.getTime() - before).toBeLessThanOrEqual(3 * 86_400_000 + 5000);
    } finally {
      await withTenant(a.orgId, (tx) => tx.execute(sql`update organizations set portal_link_days = 30 where id = ${a.orgId}`));
    }
  });

  it('rotate: a new link for the application stops the previous one, and the audit log says so', async () => {
    const old = await newLink(a);
    const fresh = await newLink(a);
    expect(fresh.replacedLinkId).toBe(old.linkId);
    expect((await open(old.token)).status).toBe(404);
    expect((await open(fresh.token)).status).toBe(303);
    const audit = await withTenant(a.orgId, (tx) =>
      queryRows<{ action: string; before: { revokedLinkId?: string } | null }>(tx, sql`select action, before from audit_log where target_id = ${fresh.linkId}`),
    );
    expect(audit).toEqual([{ action: 'portal_link.create', before: { revokedLinkId: old.linkId } }]);
  });

  it('are traded for an HttpOnly, SameSite=Lax cookie and a 303 to a URL without the token', async () => {
    const link = await newLink(a);
    const response = await open(link.token);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/portal');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/portal/);
    expect(cookie).not.toContain(link.token);
    // Over plain http (tests, local dev) a Secure cookie would be dropped; APP_URL https turns it on.
    expect(cookie).not.toMatch(/Secure/);
    const [row] = await withTenant(a.orgId, (tx) => queryRows<{ last_used_at: Date | null }>(tx, sql`select last_used_at from portal_links where id = ${link.linkId}`));
    expect(row!.last_used_at).toBeInstanceOf(Date);
  });

  it('look the same when unknown, expired or revoked: one page, one status', async () => {
    const expired = await newLink(b);
    await withTenant(b.orgId, (tx) => tx.execute(sql`update portal_links set expires_at = now() - interval '1 minute' where id = ${expired.linkId}`));
    const revoked = await newLink(a);
    await callerFor(a.ownerId).portal.revokeLink({ orgSlug: a.slug, linkId: revoked.linkId });
    const unknown = 'A'.repeat(43);
    const responses = await Promise.all([open(unknown), open(expired.token), open(revoked.token), open('short')]);
    const bodies = await Promise.all(responses.map(async (r) => withoutNonce(await r.text())));
    for (const r of responses) {
      expect(r.status).toBe(404);
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('x-robots-tag')).toContain('noindex');
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('This link doesn');
  });

  it('stop working at once when revoked, cookie included', async () => {
    const link = await newLink(a);
    const cookie = await sessionFor(link.token);
    expect((await portal(cookie)).status).toBe(200);
    const result = await callerFor(a.recruiterId).portal.revokeLink({ orgSlug: a.slug, linkId: link.linkId });
    expect(result.changed).toBe(true);
    const after = await portal(cookie);
    expect(after.status).toBe(404);
    expect(after.headers.get('set-cookie')).toMatch(/afterview_portal=;/);
    expect((await post('question', cookie, { body: 'Still there?', requestId: randomUUID() })).status).toBe(404);
    expect((await touchesOf(a, 'question')).map((t) => t.body)).not.toContain('Still there?');
    const links = await callerFor(a.ownerId).portal.links({ orgSlug: a.slug, candidateId: a.candidateId });
    expect(links.find((l) => l.id === link.linkId)?.status).toBe('revoked');
  });

  it('refuse, per IP address and across instances, after too many failed attempts', async () => {
    const ip = freshIp();
    for (let i = 0; i < TOKEN_FAILURES_PER_WINDOW; i += 1) expect((await open(`${'x'.repeat(42)}${i}`, ip)).status).toBe(404);
    const link = await newLink(b);
    const refused = await open(link.token, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Too many attempts');
    // The counter lives in Postgres, so every app instance sees it; another address is not affected.
    const [counter] = await queryRows<{ count: number }>(getDb(), sql`select count from rate_limits where key = ${`portal-token:ip:${ip}`}`);
    expect(counter!.count).toBe(TOKEN_FAILURES_PER_WINDOW);
    expect((await open(link.token, freshIp())).status).toBe(303);
  });

  it('count in fixed windows that reset', async () => {
    const rule = { key: `test:${randomUUID()}`, limit: 2, windowSeconds: 60 };
    const t0 = new Date('2026-03-01T10:00:05Z');
    expect((await unsafeHitRateLimit(rule, t0)).allowed).toBe(true);
    expect((await unsafeHitRateLimit(rule, t0)).allowed).toBe(true);
    const third = await unsafeHitRateLimit(rule, t0);
    expect(third).toEqual({ allowed: false, count: 2, retryAfterSeconds: 55 });
    expect((await unsafeHitRateLimit(rule, new Date('2026-03-01T10:01:00Z'))).allowed).toBe(true);
  });

  it('cannot be created for an archived candidate, nor opened once the candidate is archived', async () => {
    const fx = await createTenant('PortalArchived');
    const link = await newLink(fx);
    const cookie = await sessionFor(link.token);
    await callerFor(fx.ownerId).candidate.archive({ orgSlug: fx.slug, candidateId: fx.candidateId, archived: true });
    await expect(newLink(fx)).rejects.toThrow(/archived/);
    const opened = await open(link.token);
    expect(opened.status).toBe(410);
    expect(await opened.text()).toContain('This conversation is closed');
    const before = await snapshotTenant(fx.orgId);
    const posted = await post('question', cookie, { body: 'Hello?', requestId: randomUUID() });
    expect(posted.status).toBe(410);
    expect(await snapshotTenant(fx.orgId)).toBe(before);
  });
});

describe('the portal page', () => {
  it('shows the agency, the role and the interview, without referrer or indexing, and runs no script', async () => {
    const cookie = await sessionFor((await newLink(a)).token);
    const page = await portal(cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await page.text();
    expect(html).toContain('PortalA Agency');
    expect(html).toContain('Fixture Engineer');
    expect(html).toContain('Fixture Co');
    expect(html).toContain('Pat Interviewer');
    expect(html).toContain('name="robots" content="noindex, nofollow"');
    expect(html).not.toMatch(/<script/i);
  });

  it('counts a visit at most once a day', async () => {
    const fx = await createTenant('PortalVisit');
    const cookie = await sessionFor((await newLink(fx)).token);
    await portal(cookie);
    await portal(cookie);
    await portal(cookie, '?sent=question');
    const visits = await touchesOf(fx, 'portal_visit');
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ channel: 'portal', direction: 'inbound' });
  });

  it('refuses a forged or tampered cookie and records nothing', async () => {
    const link = await newLink(a);
    const good = await sessionFor(link.token);
    const [version, orgId, linkId, signature] = good.split('.');
    const flipped = signature!.startsWith('A') ? `B${signature!.slice(1)}` : `A${signature!.slice(1)}`;
    const forgeries = [
      `${version}.${orgId}.${linkId}.${flipped}`,
      // Another agency's link under a signature made for this one.
      `${version}.${b.orgId}.${b.portalLinkId}.${signature}`,
      // Signed with a key the server does not have.
      signPortalSession('not-the-server-secret-not-the-server-secret', { orgId: b.orgId, linkId: b.portalLinkId }),
      'v1.garbage',
      '',
    ];
    const before = await Promise.all([snapshotTenant(a.orgId), snapshotTenant(b.orgId)]);
    for (const forged of forgeries) {
      const page = await portal(forged);
      expect(page.status, forged).toBe(404);
      expect(await page.text()).not.toContain('PortalB');
      expect((await post('question', forged, { body: 'Forged', requestId: randomUUID() })).status).toBe(404);
    }
    expect(await Promise.all([snapshotTenant(a.orgId), snapshotTenant(b.orgId)])).toEqual(before);
  });
});

describe('portal submissions', () => {
  it('record a question once, however often it is sent, and show it as pending', async () => {
    const fx = await createTenant('PortalAsk');
    const cookie = await sessionFor((await newLink(fx)).token);
    const requestId = randomUUID();
    const first = await post('question', cookie, { body: '  What does the second round look like?  ', requestId });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/portal?sent=question');
    expect((await post('question', cookie, { body: 'What does the second round look like?', requestId })).status).toBe(303);
    const questions = (await touchesOf(fx, 'question')).filter((q) => q.channel === 'portal' && q.body?.startsWith('What does'));
    expect(questions).toHaveLength(1);
    expect(questions[0]!.body).toBe('What does the second round look like?');

    const html = await (await portal(cookie, '?sent=question')).text();
    expect(html).toContain('Your question was sent');
    expect(html).toContain('What does the second round look like?');
    expect(html).toContain('Pending');

    // The recruiter sees it at once: it starts the reply clock in the inbox.
    const inbox = await callerFor(fx.ownerId).dashboard.inbox({ orgSlug: fx.slug });
    const item = inbox.items.find((i) => i.candidateId === fx.candidateId);
    // The fixture's own earlier question started the clock; the portal question joins what is owed.
    expect(item?.pendingCount).toBe(2);
    const timeline = await callerFor(fx.ownerId).touch.timeline({ orgSlug: fx.slug, candidateId: fx.candidateId });
    expect(timeline.items.find((t) => t.id === questions[0]!.id)).toMatchObject({ kind: 'question', channel: 'portal', answered: false });
  });

  it('show the recruiter’s answer on the portal; a second, different answer is refused', async () => {
    const fx = await createTenant('PortalAnswer');
    const cookie = await sessionFor((await newLink(fx)).token);
    await post('question', cookie, { body: 'Is the role remote?', requestId: randomUUID() });
    const [question] = await touchesOf(fx, 'question').then((qs) => qs.filter((q) => q.body === 'Is the role remote?'));
    const clientRequestId = randomUUID();
    const answer = { orgSlug: fx.slug, candidateId: fx.candidateId, questionId: question!.id, body: 'Yes, fully remote within the EU.', clientRequestId };
    const first = await callerFor(fx.recruiterId).portal.answer(answer);
    expect(await callerFor(fx.recruiterId).portal.answer(answer)).toEqual(first);
    await expect(callerFor(fx.ownerId).portal.answer({ ...answer, body: 'No.', clientRequestId: randomUUID() })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already answered') as string,
    });
    expect(await touchesOf(fx, 'answer')).toHaveLength(1);

    const html = await (await portal(cookie)).text();
    expect(html).toContain('Answered');
    expect(html).toContain('Yes, fully remote within the EU.');
    const inbox = await callerFor(fx.ownerId).dashboard.inbox({ orgSlug: fx.slug });
    expect(inbox.items.find((i) => i.candidateId === fx.candidateId)).toBeUndefined();
    const timeline = await callerFor(fx.ownerId).touch.timeline({ orgSlug: fx.slug, candidateId: fx.candidateId });
    expect(timeline.items.find((t) => t.id === question!.id)?.answered).toBe(true);
    expect(timeline.items.find((t) => t.kind === 'answer')?.inReplyTo).toBe(question!.id);
  });

  it('refuse an empty or over-long question with a clear message, keep the text and record nothing', async () => {
    const fx = await createTenant('PortalBad');
    const cookie = await sessionFor((await newLink(fx)).token);
    const before = (await touchesOf(fx, 'question')).length;
    const empty = await post('question', cookie, { body: '   ', requestId: randomUUID() });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Write your question before sending it.');
    const long = 'why '.repeat(600);
    const tooLong = await post('question', cookie, { body: long, requestId: randomUUID() });
    expect(tooLong.status).toBe(422);
    const html = await tooLong.text();
    expect(html).toContain('Keep your question under 2,000 characters.');
    expect(html).toContain(long.trim());
    expect(html).toContain('aria-invalid="true"');
    const noId = await post('question', cookie, { body: 'Fine question' });
    expect(noId.status).toBe(422);
    expect((await touchesOf(fx, 'question')).length).toBe(before);
  });

  it('send a thank-you note to named interviewers, and only to real ones', async () => {
    const fx = await createTenant('PortalThanks');
    const cookie = await sessionFor((await newLink(fx)).token);
    const ok = await post('thanks', cookie, { body: 'Thank you for your time!', to: 'Pat Interviewer', requestId: randomUUID() });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/portal?sent=thanks');
    const bad = await post('thanks', cookie, { body: 'Thanks!', to: ['Pat Interviewer', 'Mallory'], requestId: randomUUID() });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Mallory did not interview you');
    const notes = await touchesOf(fx, 'thank_you');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ body: 'Thank you for your time!', channel: 'portal', direction: 'inbound' });
    expect(notes[0]!.meta.to).toEqual(['Pat Interviewer']);
    expect(await (await portal(cookie)).text()).toContain('Thank you for your time!');
  });

  it('are limited per link and hour; what was sent before the limit is kept', async () => {
    const fx = await createTenant('PortalFlood');
    const cookie = await sessionFor((await newLink(fx)).token);
    for (let i = 0; i < SUBMISSIONS_PER_HOUR; i += 1) {
      expect((await post('question', cookie, { body: `Question ${i}`, requestId: randomUUID() })).status).toBe(303);
    }
    const refused = await post('question', cookie, { body: 'One too many', requestId: randomUUID() });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const bodies = (await touchesOf(fx, 'question')).map((q) => q.body);
    expect(bodies.filter((b) => b?.startsWith('Question '))).toHaveLength(SUBMISSIONS_PER_HOUR);
    expect(bodies).not.toContain('One too many');
  });

  it('refuse a post from another site and change nothing', async () => {
    const fx = await createTenant('PortalCsrf');
    const cookie = await sessionFor((await newLink(fx)).token);
    const before = await snapshotTenant(fx.orgId);
    const foreign = await post('question', cookie, { body: 'Cross-site', requestId: randomUUID() }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const crossSite = await post('question', cookie, { body: 'Cross-site', requestId: randomUUID() }, { 'sec-fetch-site': 'cross-site', origin: 'null' });
    expect(crossSite.status).toBe(403);
    const sibling = await post('question', cookie, { body: 'Cross-site', requestId: randomUUID() }, { 'sec-fetch-site': 'same-site', origin: 'null' });
    expect(sibling.status).toBe(403);
    expect(await snapshotTenant(fx.orgId)).toBe(before);
    // The portal's own page: no-referrer makes the browser send `Origin: null`, Fetch Metadata says same-origin.
    const own = await post('question', cookie, { body: 'From the portal itself', requestId: randomUUID() }, { 'sec-fetch-site': 'same-origin', origin: 'null' });
    expect(own.status).toBe(303);
  });
});

describe('a portal session reaches only its own candidate', () => {
  it('never shows another candidate’s questions, in the same agency or another', async () => {
    const other = await withTenant(a.orgId, async (tx) => {
      const [c] = await queryRows<{ id: string }>(
        tx,
        sql`insert into candidates (org_id, name, email, team_id) values (${a.orgId}, 'Other Candidate', ${`${randomUUID()}@candidate.example`}, ${a.teamId}) returning id`,
      );
      const [app] = await queryRows<{ id: string }>(
        tx,
        sql`insert into applications (org_id, candidate_id, job_id, stage) values (${a.orgId}, ${c!.id}, ${a.jobId}, 'interview') returning id`,
      );
      await recordTouch({ tx, orgId: a.orgId }, { candidateId: c!.id, applicationId: app!.id, kind: 'question', direction: 'inbound', channel: 'portal', occurredAt: new Date(), body: 'SECRET question of another candidate', dedupeKey: `t:${randomUUID()}` });
      return c!.id;
    });
    await withTenant(b.orgId, (tx) =>
      recordTouch({ tx, orgId: b.orgId }, { candidateId: b.candidateId, applicationId: b.applicationId, kind: 'question', direction: 'inbound', channel: 'portal', occurredAt: new Date(), body: 'SECRET question in agency B', dedupeKey: `t:${randomUUID()}` }),
    );
    const cookie = await sessionFor((await newLink(a)).token);
    const html = await (await portal(cookie)).text();
    expect(html).not.toContain('SECRET');
    expect(html).not.toContain('Other Candidate');
    expect(other).not.toBe(a.candidateId);
  });

  it('writes only to its own candidate, whatever the form says', async () => {
    const cookie = await sessionFor((await newLink(a)).token);
    const beforeB = await snapshotTenant(b.orgId);
    const response = await post('question', cookie, {
      body: 'Smuggled fields',
      requestId: randomUUID(),
      candidateId: b.candidateId,
      applicationId: b.applicationId,
      orgId: b.orgId,
    });
    expect(response.status).toBe(303);
    const [touch] = await queryRows<{ org_id: string; candidate_id: string }>(getDb(), sql`select org_id, candidate_id from touches where body = 'Smuggled fields'`);
    expect(touch).toEqual({ org_id: a.orgId, candidate_id: a.candidateId });
    expect(await snapshotTenant(b.orgId)).toBe(beforeB);
  });

  it('cannot swallow another candidate’s submission by reusing its request id', async () => {
    const requestId = randomUUID();
    const cookieA = await sessionFor((await newLink(a)).token);
    // A second candidate of the same agency: dedupe keys are unique per agency, so this is where a collision would bite.
    const neighbour = await callerFor(a.ownerId).candidate.create({ orgSlug: a.slug, name: 'Neighbour Candidate', email: `${randomUUID()}@candidate.example`, teamId: a.teamId });
    const application = await callerFor(a.ownerId).application.create({ orgSlug: a.slug, candidateId: neighbour.id, jobId: a.jobId });
    const link = await callerFor(a.ownerId).portal.createLink({ orgSlug: a.slug, candidateId: neighbour.id, applicationId: application.id });
    const cookieN = await sessionFor(link.url.split('/p/')[1]!);
    expect((await post('question', cookieN, { body: 'Neighbour asks first', requestId })).status).toBe(303);
    expect((await post('question', cookieA, { body: 'A asks with the same id', requestId })).status).toBe(303);
    const rows = await queryRows<{ candidate_id: string; body: string }>(
      getDb(),
      sql`select candidate_id, body from touches where org_id = ${a.orgId} and body in ('Neighbour asks first', 'A asks with the same id') order by body`,
    );
    expect(rows).toEqual([
      { candidate_id: a.candidateId, body: 'A asks with the same id' },
      { candidate_id: neighbour.id, body: 'Neighbour asks first' },
    ]);
  });

  it('cannot answer, revoke or list another agency’s links and questions from the recruiter side', async () => {
    const before = await snapshotTenant(b.orgId);
    await expect(callerFor(a.ownerId).portal.revokeLink({ orgSlug: a.slug, linkId: b.portalLinkId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      callerFor(a.ownerId).portal.answer({ orgSlug: a.slug, candidateId: a.candidateId, questionId: b.touchId, body: 'x', clientRequestId: randomUUID() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshotTenant(b.orgId)).toBe(before);
  });
});

describe('portal settings', () => {
  it('let an admin set the brand colour, logo and link lifetime the portal uses', async () => {
    const fx = await createTenant('PortalBrand');
    const saved = await callerFor(fx.ownerId).org.updatePortalSettings({ orgSlug: fx.slug, portalLinkDays: 14, brandColor: '#FFCC00', logoUrl: 'https://cdn.example/logo.png' });
    expect(saved).toEqual({ portalLinkDays: 14, brandColor: '#ffcc00', logoUrl: 'https://cdn.example/logo.png' });
    const link = await newLink(fx);
    expect(Math.round((link.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(14);
    const html = await (await portal(await sessionFor(link.token))).text();
    expect(html).toContain('#ffcc00');
    expect(html).toContain('src="https://cdn.example/logo.png"');
    const [audit] = await withTenant(fx.orgId, (tx) =>
      queryRows<{ before: { brandColor: string }; after: { brandColor: string } }>(tx, sql`select before, after from audit_log where action = 'settings.update'`),
    );
    expect(audit).toMatchObject({ before: { brandColor: '#4338ca' }, after: { brandColor: '#ffcc00' } });
  });

  it('refuse bad values with a message each, and recruiters altogether, changing nothing', async () => {
    const fx = await createTenant('PortalBrandBad');
    const before = await snapshotTenant(fx.orgId);
    const owner = callerFor(fx.ownerId);
    const valid = { orgSlug: fx.slug, portalLinkDays: 30, brandColor: '#123456', logoUrl: '' };
    await expect(owner.org.updatePortalSettings({ ...valid, brandColor: 'red;}body{display:none' })).rejects.toThrow('Use a colour like #4338ca.');
    await expect(owner.org.updatePortalSettings({ ...valid, logoUrl: 'http://insecure.example/logo.png' })).rejects.toThrow('Use an https:// address');
    await expect(owner.org.updatePortalSettings({ ...valid, logoUrl: 'javascript:alert(1)' })).rejects.toThrow('Use an https:// address');
    await expect(owner.org.updatePortalSettings({ ...valid, portalLinkDays: 0 })).rejects.toThrow('at least 1 day');
    await expect(owner.org.updatePortalSettings({ ...valid, portalLinkDays: 366 })).rejects.toThrow('at most 365 days');
    await expect(callerFor(fx.recruiterId).org.updatePortalSettings(valid)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshotTenant(fx.orgId)).toBe(before);
  });
});
