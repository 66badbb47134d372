import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as openUnsubscribe, POST as postUnsubscribe } from '@/app/unsubscribe/[token]/route';
import { queryRows } from '@/db/client';
import { applications, candidates, interviews } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { DIGEST_HOUR, runDigests } from '@/server/services/digests/run-digests';
import { signDigestUnsubscribe } from '@/server/services/digests/digest-token';
import { recordTouch } from '@/server/services/touches/record-touch';
import type { TouchKind } from '@/db/schema';
import { addMember, createTenant, createUser, type TenantFixture } from '../support/fixtures';
import { revealOutboundEmail } from '../support/stored-email';

interface DigestEmail extends Record<string, unknown> {
  to_address: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  dedupe_key: string;
  created_by: string | null;
  candidate_id: string | null;
}

/** The agency's digests as they will be sent (the stored rows hold placeholders for the unsubscribe link). */
async function digestsOf(orgId: string): Promise<DigestEmail[]> {
  const rows = await withTenant(orgId, (tx) =>
    queryRows<DigestEmail & { id: string }>(
      tx,
      sql`select id, to_address, subject, text, html, headers, dedupe_key, created_by, candidate_id from outbound_emails
          where org_id = ${orgId} and kind = 'daily_digest' order by created_at, dedupe_key`,
    ),
  );
  return Promise.all(rows.map(async ({ id, ...row }) => ({ ...row, ...(await revealOutboundEmail(orgId, id)) })));
}

async function digestEnabled(orgId: string, userId: string): Promise<boolean | undefined> {
  const [row] = await withTenant(orgId, (tx) =>
    queryRows<{ digest_enabled: boolean }>(tx, sql`select digest_enabled from memberships where org_id = ${orgId} and user_id = ${userId}`),
  );
  return row?.digest_enabled;
}

/** An agency in a time zone, with the fixture candidate (and its real-time question) archived out of the way. */
async function agencyIn(label: string, timeZone: string) {
  const fx = await createTenant(label);
  await withTenant(fx.orgId, async (tx) => {
    await tx.execute(sql`update organizations set time_zone = ${timeZone}, reply_target_hours = 48 where id = ${fx.orgId}`);
    await tx.execute(sql`update candidates set archived_at = now() where org_id = ${fx.orgId} and id = ${fx.candidateId}`);
  });
  return fx;
}

/** A candidate owned by `ownerId`, applying to the fixture job, interviewed until `endedAt`. */
async function candidate(fx: TenantFixture, ownerId: string, name: string, endedAt: Date) {
  return withTenant(fx.orgId, async (tx) => {
    const [c] = await tx
      .insert(candidates)
      .values({ orgId: fx.orgId, name, email: `${randomUUID().slice(0, 8)}@candidate.example`, teamId: fx.teamId, ownerUserId: ownerId })
      .returning({ id: candidates.id });
    const [a] = await tx.insert(applications).values({ orgId: fx.orgId, candidateId: c!.id, jobId: fx.jobId, stage: 'interview' }).returning({ id: applications.id });
    await tx.insert(interviews).values({
      orgId: fx.orgId,
      applicationId: a!.id,
      candidateId: c!.id,
      startsAt: new Date(endedAt.getTime() - 3_600_000),
      endsAt: endedAt,
      kind: 'video',
      interviewers: [],
    });
    return c!.id;
  });
}

function touch(fx: TenantFixture, candidateId: string, kind: TouchKind, at: string) {
  return withTenant(fx.orgId, (tx) =>
    recordTouch({ tx, orgId: fx.orgId }, { candidateId, kind, direction: 'inbound', channel: 'portal', occurredAt: new Date(at), body: `${kind} body`, dedupeKey: `test:${randomUUID()}` }),
  );
}

const unsubscribeRequest = (token: string, method: 'GET' | 'POST' = 'GET') =>
  new Request(`http://localhost/unsubscribe/${token}`, {
    method,
    ...(method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' } : {}),
  });
const open = (token: string) => openUnsubscribe(unsubscribeRequest(token), { params: Promise.resolve({ token }) });
const post = (token: string) => postUnsubscribe(unsubscribeRequest(token, 'POST'), { params: Promise.resolve({ token }) });

function tokenOf(email: DigestEmail): string {
  const header = email.headers['List-Unsubscribe'] ?? '';
  const token = /<[^>]*\/unsubscribe\/([^>]+)>/.exec(header)?.[1];
  if (!token) throw new Error(`no unsubscribe link in ${header}`);
  return token;
}

/**
 * New York, Wednesday 18 November 2026 (EST, UTC−5): the agency's yesterday runs from
 * 2026-11-17T05:00Z to 2026-11-18T05:00Z, which is not UTC's 17 November.
 */
async function newYorkAgency() {
  const fx = await agencyIn('Digest', 'America/New_York');
  const viewer = await createUser(undefined, 'Vera Viewer');
  const optedOut = await createUser(undefined, 'Otto Optout');
  await addMember(fx.orgId, viewer.id, 'viewer');
  await addMember(fx.orgId, optedOut.id, 'recruiter');
  await withTenant(fx.orgId, (tx) => tx.execute(sql`update memberships set digest_enabled = false where org_id = ${fx.orgId} and user_id = ${optedOut.id}`));

  const asked = await candidate(fx, fx.recruiterId, 'Ada Asked', new Date('2026-11-17T15:00:00Z'));
  await touch(fx, asked, 'thank_you', '2026-11-17T16:00:00Z');
  await touch(fx, asked, 'question', '2026-11-17T17:00:00Z');
  // 22:00 on the 17th in New York, already the 18th in UTC.
  const lateThanks = await candidate(fx, fx.recruiterId, 'Lena Late', new Date('2026-11-16T20:00:00Z'));
  await touch(fx, lateThanks, 'thank_you', '2026-11-18T03:00:00Z');
  // 23:00 on the 16th in New York (the day before yesterday), though the 17th in UTC.
  const dayBefore = await candidate(fx, fx.recruiterId, 'Dora Daybefore', new Date('2026-11-16T14:00:00Z'));
  await touch(fx, dayBefore, 'thank_you', '2026-11-17T04:00:00Z');
  // Only opened an email yesterday: too weak to count as following up.
  const weak = await candidate(fx, fx.recruiterId, 'Wes Weak', new Date('2026-11-16T14:00:00Z'));
  await touch(fx, weak, 'portal_visit', '2026-11-17T18:00:00Z');
  const waiting = await candidate(fx, fx.recruiterId, 'Wanda Waiting', new Date('2026-11-13T15:00:00Z'));
  await touch(fx, waiting, 'email_reply', '2026-11-14T12:00:00Z');
  const ofOptedOut = await candidate(fx, optedOut.id, 'Olga Ofoptout', new Date('2026-11-17T15:00:00Z'));
  await touch(fx, ofOptedOut, 'question', '2026-11-17T18:00:00Z');
  const ofViewer = await candidate(fx, viewer.id, 'Vic Ofviewer', new Date('2026-11-17T15:00:00Z'));
  await touch(fx, ofViewer, 'question', '2026-11-17T18:00:00Z');
  return { fx, viewer, optedOut, asked };
}

describe('the daily digest', () => {
  it('is due from 08:00 agency time: New York', async () => {
    const { fx } = await newYorkAgency();
    expect(DIGEST_HOUR).toBe(8);
    // 07:59 in New York, though 12:59 in UTC.
    const [early] = await runDigests(new Date('2026-11-18T12:59:00Z'), { orgIds: [fx.orgId] });
    expect(early).toMatchObject({ orgId: fx.orgId, date: null, queued: 0 });
    expect(await digestsOf(fx.orgId)).toEqual([]);

    const [due] = await runDigests(new Date('2026-11-18T13:00:00Z'), { orgIds: [fx.orgId] });
    expect(due).toMatchObject({ orgId: fx.orgId, date: '2026-11-18', queued: 1, failed: 0 });
  });

  it('tells each recruiter who followed up yesterday (their yesterday) and which replies they owe', async () => {
    const { fx } = await newYorkAgency();
    await runDigests(new Date('2026-11-18T14:00:00Z'), { orgIds: [fx.orgId] });
    const emails = await digestsOf(fx.orgId);
    // The owner owns nothing, the viewer only reads, the other recruiter opted out.
    expect(emails).toHaveLength(1);
    const [digest] = emails as [DigestEmail];
    expect(digest.to_address).toMatch(/^digest-rec-/i);
    expect(digest.dedupe_key).toBe(`daily_digest:${fx.recruiterId}:2026-11-18`);
    expect(digest.created_by).toBeNull();
    expect(digest.candidate_id).toBeNull();
    expect(digest.subject).toBe('Your Afterview digest for Wednesday 18 November');
    const text = digest.text;
    expect(text).toContain('Hi Digest, here is your digest');
    expect(text).toContain('Who followed up (2)');
    // One line per candidate, with the strongest signal: the question, not the earlier thank-you.
    expect(text).toContain('Ada Asked, Fixture Engineer at Fixture Co');
    expect(text).toContain('Asked a question 2 hours after the interview');
    expect(text).not.toContain('Sent a thank-you note 1 hour after the interview');
    expect(text).toContain('Lena Late');
    expect(text).toContain('Sent a thank-you note 31 hours after the interview');
    expect(text).not.toContain('Dora Daybefore');
    expect(text).not.toContain('Wes Weak');
    expect(text).not.toContain('Olga Ofoptout');
    expect(text).not.toContain('Vic Ofviewer');
    expect(text).toContain('Replies you owe (2)');
    expect(text).toMatch(/Wanda Waiting, waiting 4 days \(overdue\)/);
    expect(text).toMatch(/Ada Asked, waiting 21 hours\n/);
    expect(text).toContain('1 reply is past your agency’s reply target.');
    // Oldest wait first.
    expect(text.indexOf('Wanda Waiting, waiting')).toBeLessThan(text.indexOf('Ada Asked, waiting'));
    expect(digest.html).toContain(`/${fx.slug}/candidates/`);
    expect(digest.headers['List-Unsubscribe']).toMatch(/^<https?:\/\/[^>]+\/unsubscribe\/v1\.[^>]+>$/);
    expect(digest.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(digest.headers['Message-ID']).toMatch(/^<.+@.+>$/);
    expect(text).toContain(tokenOf(digest));
  });

  it('sends one digest per member and local day, however many runs', async () => {
    const { fx } = await newYorkAgency();
    const runs = await Promise.all([
      runDigests(new Date('2026-11-18T14:00:00Z'), { orgIds: [fx.orgId] }),
      runDigests(new Date('2026-11-18T14:00:00Z'), { orgIds: [fx.orgId] }),
    ]);
    await runDigests(new Date('2026-11-18T20:00:00Z'), { orgIds: [fx.orgId] });
    // 23:59 on the 18th in New York, already the 19th in UTC: still the 18th's digest, already sent.
    const [late] = await runDigests(new Date('2026-11-19T04:59:00Z'), { orgIds: [fx.orgId] });
    expect(late).toMatchObject({ date: '2026-11-18', queued: 0 });
    expect(runs.flat().reduce((n, r) => n + r.queued, 0)).toBe(1);
    expect((await digestsOf(fx.orgId)).map((e) => e.dedupe_key)).toEqual([`daily_digest:${fx.recruiterId}:2026-11-18`]);

    // The next morning: nobody followed up on the 18th, but the replies are still owed.
    const [next] = await runDigests(new Date('2026-11-19T13:30:00Z'), { orgIds: [fx.orgId] });
    expect(next).toMatchObject({ date: '2026-11-19', queued: 1 });
    const second = (await digestsOf(fx.orgId)).find((e) => e.dedupe_key.endsWith('2026-11-19'))!;
    expect(second.subject).toBe('Your Afterview digest for Thursday 19 November');
    expect(second.text).toContain('Who followed up (0)');
    expect(second.text).toContain('No candidate followed up since the last digest.');
    expect(second.text).toMatch(/Wanda Waiting, waiting 5 days \(overdue\)/);
    expect(second.text).toMatch(/Ada Asked, waiting 44 hours\n/);
  });

  it('uses the agency’s day in Tokyo, ahead of UTC', async () => {
    const fx = await agencyIn('Tokyo', 'Asia/Tokyo');
    // Thursday 19 November in Tokyo (UTC+9): yesterday is 2026-11-17T15:00Z to 2026-11-18T15:00Z.
    const lastNight = await candidate(fx, fx.recruiterId, 'Kenji Lastnight', new Date('2026-11-18T09:00:00Z'));
    await touch(fx, lastNight, 'thank_you', '2026-11-18T14:00:00Z');
    const thisMorning = await candidate(fx, fx.recruiterId, 'Mei Thismorning', new Date('2026-11-18T09:00:00Z'));
    await touch(fx, thisMorning, 'thank_you', '2026-11-18T16:00:00Z');
    const twoDaysAgo = await candidate(fx, fx.recruiterId, 'Taro Twodaysago', new Date('2026-11-17T09:00:00Z'));
    await touch(fx, twoDaysAgo, 'thank_you', '2026-11-17T14:00:00Z');

    // 07:59 in Tokyo.
    expect((await runDigests(new Date('2026-11-18T22:59:00Z'), { orgIds: [fx.orgId] }))[0]).toMatchObject({ date: null, queued: 0 });
    // 08:30 in Tokyo, still the 18th in UTC.
    expect((await runDigests(new Date('2026-11-18T23:30:00Z'), { orgIds: [fx.orgId] }))[0]).toMatchObject({ date: '2026-11-19', queued: 1 });
    const [digest] = (await digestsOf(fx.orgId)) as [DigestEmail];
    expect(digest.dedupe_key).toBe(`daily_digest:${fx.recruiterId}:2026-11-19`);
    expect(digest.subject).toBe('Your Afterview digest for Thursday 19 November');
    expect(digest.text).toContain('Kenji Lastnight');
    expect(digest.text).toContain('Sent a thank-you note 5 hours after the interview');
    expect(digest.text).not.toContain('Mei Thismorning');
    expect(digest.text).not.toContain('Taro Twodaysago');
    expect(digest.text).toContain('Replies you owe (0)');
  });

  it('skips members with nothing to report, viewers, and members who opted out', async () => {
    const fx = await agencyIn('Quiet', 'UTC');
    const viewer = await createUser(undefined, 'Quiet Viewer');
    await addMember(fx.orgId, viewer.id, 'viewer');
    const ofViewer = await candidate(fx, viewer.id, 'Quinn Ofviewer', new Date('2026-11-17T09:00:00Z'));
    await touch(fx, ofViewer, 'question', '2026-11-17T12:00:00Z');
    const [result] = await runDigests(new Date('2026-11-18T09:00:00Z'), { orgIds: [fx.orgId] });
    expect(result).toMatchObject({ date: '2026-11-18', queued: 0, failed: 0 });
    expect(await digestsOf(fx.orgId)).toEqual([]);
  });

  it('does not send to a suppressed address, and sends to the others', async () => {
    const { fx } = await newYorkAgency();
    const admin = await createUser(undefined, 'Ann Admin');
    await addMember(fx.orgId, admin.id, 'admin');
    const own = await candidate(fx, admin.id, 'Bo Ofadmin', new Date('2026-11-17T15:00:00Z'));
    await touch(fx, own, 'thank_you', '2026-11-17T18:00:00Z');
    await withTenant(fx.orgId, (tx) => tx.execute(sql`insert into suppressions (org_id, email, reason) values (${fx.orgId}, ${admin.email.toLowerCase()}, 'bounced')`));
    const [result] = await runDigests(new Date('2026-11-18T14:00:00Z'), { orgIds: [fx.orgId] });
    expect(result).toMatchObject({ queued: 1, suppressed: 1, failed: 0 });
    expect((await digestsOf(fx.orgId)).map((e) => e.dedupe_key)).toEqual([`daily_digest:${fx.recruiterId}:2026-11-18`]);
  });
});

describe('unsubscribing from the digest', () => {
  async function sentDigest() {
    const setup = await newYorkAgency();
    await runDigests(new Date('2026-11-18T14:00:00Z'), { orgIds: [setup.fx.orgId] });
    const [digest] = (await digestsOf(setup.fx.orgId)) as [DigestEmail];
    return { ...setup, digest, token: tokenOf(digest) };
  }

  it('asks on GET and changes nothing', async () => {
    const { fx, token } = await sentDigest();
    const response = await open(token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain('Stop the daily digest from Digest Agency?');
    expect(page).toContain(`<form action="/unsubscribe/${token}" method="post">`);
    expect(page).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click"/>');
    expect(page).toContain('Unsubscribe from the daily digest');
    expect(page).not.toContain('<script');
    expect(await digestEnabled(fx.orgId, fx.recruiterId)).toBe(true);
  });

  it('turns the digest off on POST (RFC 8058 one-click), says how to turn it back on, and no digest follows', async () => {
    const { fx, token } = await sentDigest();
    const response = await post(token);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('You are unsubscribed');
    expect(page).toContain('You will no longer receive the daily digest from Digest Agency');
    expect(page).toContain(`href="/${fx.slug}/settings"`);
    expect(await digestEnabled(fx.orgId, fx.recruiterId)).toBe(false);

    // A second click (or the mail client's retry) is the same; opening the link again says it is off.
    expect((await post(token)).status).toBe(200);
    const again = await (await open(token)).text();
    expect(again).toContain('You are unsubscribed');
    expect(again).not.toContain('<form');

    const [next] = await runDigests(new Date('2026-11-19T14:00:00Z'), { orgIds: [fx.orgId] });
    expect(next).toMatchObject({ date: '2026-11-19', queued: 0 });
    // Other members' choices are untouched.
    expect(await digestEnabled(fx.orgId, fx.ownerId)).toBe(true);
  });

  it('refuses forged, tampered and other-agency tokens and changes nothing', async () => {
    const { fx, token, optedOut } = await sentDigest();
    const other = await agencyIn('Other', 'UTC');
    await withTenant(fx.orgId, (tx) => tx.execute(sql`update memberships set digest_enabled = true where org_id = ${fx.orgId} and user_id = ${optedOut.id}`));
    const [, orgId, userId, signature] = token.split('.') as [string, string, string, string];
    const lastChar = signature.at(-1) === 'A' ? 'B' : 'A';
    const bad = [
      signDigestUnsubscribe({ orgId: fx.orgId, userId: fx.recruiterId }, 'not-the-secret-not-the-secret-not-the-secret'),
      `v1.${orgId}.${optedOut.id}.${signature}`,
      `v1.${other.orgId}.${userId}.${signature}`,
      `v1.${orgId}.${userId}.${signature.slice(0, -1)}${lastChar}`,
      `v1.${orgId}.${userId}.${signature}=`,
      `v2.${orgId}.${userId}.${signature}`,
      'not-a-token',
      `${token}.extra`,
      'x'.repeat(500),
    ];
    for (const forged of bad) {
      for (const response of [await open(forged), await post(forged)]) {
        expect(response.status, forged).toBe(404);
        expect(await response.text()).toContain('This link is not valid');
      }
    }
    expect(await digestEnabled(fx.orgId, fx.recruiterId)).toBe(true);
    expect(await digestEnabled(fx.orgId, optedOut.id)).toBe(true);
    expect(await digestEnabled(other.orgId, other.recruiterId)).toBe(true);
  });

  it('tells a member who has left the agency that there is nothing to unsubscribe from', async () => {
    const fx = await agencyIn('Left', 'UTC');
    const stranger = await createUser(undefined, 'Sam Stranger');
    const token = signDigestUnsubscribe({ orgId: fx.orgId, userId: stranger.id });
    for (const response of [await open(token), await post(token)]) {
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('You are no longer a member of Left Agency');
    }
  });
});
