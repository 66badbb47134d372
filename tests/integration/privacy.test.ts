import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { NextRequest } from 'next/server';
import { POST as exportRoute } from '@/app/api/orgs/[org]/candidates/[id]/export/route';
import { GET as openPortalLink } from '@/app/p/[token]/route';
import { getDb, queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { auth } from '@/server/auth/config';
import { boss, stopBoss } from '@/server/jobs/boss';
import { RETENTION_CRON, RETENTION_QUEUE, runRetention, scheduleRetention } from '@/server/jobs/retention';
import { privacyRouter } from '@/server/routers/privacy.router';
import { eraseInactiveCandidate } from '@/server/services/privacy/erase-inactive-candidate';
import { findInactiveCandidates } from '@/server/services/privacy/find-inactive-candidates';
import { ERASED_NAME, erasedEmailOf } from '@/server/services/privacy/privacy-candidate';
import { unsafeListRetentionOrgs } from '@/server/services/privacy/unsafe-list-retention-orgs';
import { rebuildEngagement } from '@/server/services/touches/rebuild-engagement';
import { createContextForUser } from '@/server/trpc/context';
import { createCallerFactory } from '@/server/trpc/init';
import { callerFor, createTenant, snapshotTenant, type TenantFixture } from '../support/fixtures';
import { revealOutboundEmail } from '../support/stored-email';

vi.mock('@/server/auth/config', () => ({ auth: vi.fn() }));

// Until privacy.router is part of the app router, its procedures are called through their own caller.
const privacyCaller = (userId: string | null) => createCallerFactory(privacyRouter)(createContextForUser(userId));

const signIn = (userId: string | null) => (auth as unknown as Mock).mockResolvedValue(userId ? { user: { id: userId } } : null);
const download = (slug: string, candidateId: string) =>
  exportRoute(new Request(`http://localhost/api/orgs/${slug}/candidates/${candidateId}/export`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } }), {
    params: Promise.resolve({ org: slug, id: candidateId }),
  });

/**
 * A candidate with something in every place personal data lives: details, touches with text, an
 * email sent through the app, a portal invitation (its URL holds a live token), a reply received in
 * their conversation, an unrouted email from their address, and a suppression of that address.
 */
interface RichCandidate extends TenantFixture {
  email: string;
  phone: string;
  emailBody: string;
  noteBody: string;
  replyText: string;
  unroutedText: string;
  invitationToken: string;
}

async function richCandidate(label: string): Promise<RichCandidate> {
  const fx = await createTenant(label);
  const email = `${label.toLowerCase()}-${randomUUID().slice(0, 8)}@candidate.example`;
  const phone = '+44 20 7946 0018';
  const emailBody = `Could you do Thursday at 10:00? ${randomUUID()}`;
  const noteBody = `Prefers remote work ${randomUUID()}`;
  const replyText = `Thursday works, thank you ${randomUUID()}`;
  const unroutedText = `Sent to the wrong address ${randomUUID()}`;
  await withTenant(fx.orgId, (tx) =>
    tx.execute(sql`update candidates set email = ${email}, phone = ${phone}, tags = '{senior,remote}', source = 'Referral by Dana' where id = ${fx.candidateId}`),
  );
  const owner = callerFor(fx.ownerId);
  await owner.touch.log({ orgSlug: fx.slug, candidateId: fx.candidateId, kind: 'note', direction: 'outbound', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), body: noteBody, clientRequestId: randomUUID() });
  const sent = await owner.email.send({ orgSlug: fx.slug, candidateId: fx.candidateId, body: emailBody, clientRequestId: randomUUID() });
  await owner.portal.sendInvitation({ orgSlug: fx.slug, candidateId: fx.candidateId, applicationId: fx.applicationId, interviewId: fx.interviewId });
  const invitationId = await withTenant(fx.orgId, async (tx) => {
    // Other files' agencies share the outbox on a server database: this file's emails must not be due.
    await tx.execute(sql`update outbound_emails set next_attempt_at = now() + interval '1 day' where org_id = ${fx.orgId} and status = 'queued'`);
    const [invitation] = await queryRows<{ id: string }>(tx, sql`select id from outbound_emails where org_id = ${fx.orgId} and kind = 'portal_invitation'`);
    const [conversation] = await queryRows<{ id: string }>(tx, sql`select id from conversations where org_id = ${fx.orgId} and candidate_id = ${fx.candidateId}`);
    await tx.execute(
      sql`insert into inbound_emails (org_id, resend_email_id, conversation_id, touch_id, from_address, to_addresses, subject, text, full_text, message_id, received_at)
          values (${fx.orgId}, ${randomUUID()}, ${conversation!.id}, null, ${`"${fx.candidateName}" <${email}>`}, ${'{reply+0123456789abcdef0123456789abcdef@replies.example}'}::text[],
                  'Re: Fixture Engineer', ${replyText}, ${`${replyText}\n> ${emailBody}`}, '<CAF-reply@mail.candidate.example>', now())`,
    );
    await tx.execute(
      sql`insert into inbound_emails (org_id, resend_email_id, from_address, to_addresses, subject, text, full_text, received_at)
          values (${fx.orgId}, ${randomUUID()}, ${email.toUpperCase()}, ${'{hello@replies.example}'}::text[], 'Hello?', ${unroutedText}, ${unroutedText}, now())`,
    );
    await tx.execute(sql`insert into suppressions (org_id, email, reason) values (${fx.orgId}, ${email}, 'bounced')`);
    await tx.execute(sql`update conversations set "references" = '{<CAF-reply@mail.candidate.example>}', last_message_id = '<CAF-reply@mail.candidate.example>' where id = ${conversation!.id}`);
    return invitation!.id;
  });
  const invitationToken = /\/p\/([A-Za-z0-9_-]{43})/.exec((await revealOutboundEmail(fx.orgId, invitationId)).text)![1]!;
  expect(sent.emailId).toBeTruthy();
  return { ...fx, email, phone, emailBody, noteBody, replyText, unroutedText, invitationToken };
}

let a: RichCandidate;
let b: RichCandidate;

beforeAll(async () => {
  [a, b] = await Promise.all([richCandidate('PrivacyA'), richCandidate('PrivacyB')]);
});

async function portalHashes(fx: TenantFixture): Promise<string[]> {
  const rows = await withTenant(fx.orgId, (tx) => queryRows<{ token_hash: string }>(tx, sql`select token_hash from portal_links where org_id = ${fx.orgId} and candidate_id = ${fx.candidateId}`));
  return rows.map((r) => r.token_hash);
}

describe('candidate export', () => {
  it('downloads everything held about the candidate as JSON: touches with their text, emails with status and bodies, never a token', async () => {
    signIn(a.ownerId);
    const response = await download(a.slug, a.candidateId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="candidate-${a.candidateId}.json"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    const data = JSON.parse(text);

    expect(data.format).toBe('afterview.candidate-export.v1');
    expect(Date.parse(data.exportedAt)).not.toBeNaN();
    expect(data.candidate).toMatchObject({ id: a.candidateId, name: a.candidateName, email: a.email, phone: a.phone, tags: ['senior', 'remote'], source: 'Referral by Dana', erasedAt: null });
    expect(data.applications).toEqual([expect.objectContaining({ id: a.applicationId, jobTitle: 'Fixture Engineer', clientCompany: 'Fixture Co', stage: 'interview' })]);
    expect(data.interviews).toEqual([expect.objectContaining({ id: a.interviewId, kind: 'video', interviewers: [{ name: 'Pat Interviewer' }] })]);
    const bodies = data.touches.map((t: { body: string | null }) => t.body);
    expect(bodies).toEqual(expect.arrayContaining(['When do I hear back?', a.noteBody]));
    expect(data.touches.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(['question', 'note', 'email_sent', 'portal_link_sent']));
    const reply = data.emailsSent.find((e: { kind: string; text: string }) => e.kind === 'recruiter_reply' && e.text.includes(a.emailBody));
    expect(reply).toMatchObject({ to: a.email, status: 'queued' });
    expect(reply.html).toContain('Thursday at 10:00');
    expect(data.emailsReceived.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining([a.replyText, a.unroutedText]));
    expect(data.emailsReceived.map((e: { text: string }) => e.text)).not.toContain('Hello');
    expect(data.portalLinks.length).toBeGreaterThanOrEqual(2);
    expect(data.portalLinks.map((l: { status: string }) => l.status).sort()).toEqual(['active', 'revoked']);
    expect(data.engagement.candidate).toMatchObject({ strongCount: 1, maxStrength: 6 });
    expect(data.suppression).toMatchObject({ email: a.email, reason: 'bounced' });

    // Neither the hashes nor the tokens: the invitation's stored text holds a placeholder, shown as "[portal link]".
    expect(text).not.toMatch(/token_?hash/i);
    for (const hash of await portalHashes(a)) expect(text).not.toContain(hash);
    expect(text).not.toContain(a.invitationToken);
    expect(text).not.toContain(a.portalToken);
    expect(text).toContain('[portal link]');
    expect(text).not.toContain('afterviewsecret');
    // Nothing of agency B.
    expect(text).not.toContain(b.candidateName);

    const audit = await withTenant(a.orgId, (tx) =>
      queryRows<{ actor_user_id: string; after: Record<string, unknown> }>(tx, sql`select actor_user_id, after from audit_log where action = 'candidate.export' and target_id = ${a.candidateId}`),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: a.ownerId, after: { touches: data.touches.length, emailsSent: data.emailsSent.length } });
    expect(JSON.stringify(audit[0]!.after)).not.toContain(a.email);
  });

  it('answers another agency’s candidate like a missing one (404), and changes nothing there', async () => {
    const before = await snapshotTenant(b.orgId);
    signIn(a.ownerId);
    const foreign = await download(a.slug, b.candidateId);
    const missing = await download(a.slug, randomUUID());
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
    // Through the victim's slug, a non-member gets the agency's 404.
    const throughSlug = await download(b.slug, b.candidateId);
    expect(throughSlug.status).toBe(404);
    expect(await throughSlug.text()).not.toContain(b.candidateName);
    expect((await download(a.slug, 'not-a-uuid')).status).toBe(404);
    expect(await snapshotTenant(b.orgId)).toBe(before);
  });

  it('is for owners and admins, signed in', async () => {
    signIn(a.recruiterId);
    const forbidden = await download(a.slug, a.candidateId);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).not.toContain(a.email);
    signIn(null);
    expect((await download(a.slug, a.candidateId)).status).toBe(401);
  });
});

async function engagementOf(fx: TenantFixture) {
  return withTenant(fx.orgId, async (tx) => ({
    candidate: await queryRows(tx, sql`select to_jsonb(e) as row from candidate_engagement e where org_id = ${fx.orgId} and candidate_id = ${fx.candidateId}`),
    interviews: await queryRows(tx, sql`select to_jsonb(e) as row from interview_engagement e where org_id = ${fx.orgId} and candidate_id = ${fx.candidateId} order by interview_id`),
    touches: await queryRows(
      tx,
      sql`select id, kind, direction, channel, strength, occurred_at, application_id, interview_id, in_reply_to from touches where org_id = ${fx.orgId} and candidate_id = ${fx.candidateId} order by id`,
    ),
    // Agency-wide figures over every interview, archived ones included.
    totals: await queryRows(
      tx,
      sql`select count(*) filter (where followed_up_at is not null)::int as followed_up, sum(strong_count)::int as strong, sum(medium_count)::int as medium,
            sum(weak_count)::int as weak, sum(score_points)::int as score, max(max_strength)::int as strongest from interview_engagement where org_id = ${fx.orgId}`,
    ),
  }));
}

describe('erasing a candidate', () => {
  it('refuses a wrong confirmation, and changes nothing', async () => {
    const before = await snapshotTenant(a.orgId);
    for (const confirmName of ['', a.candidateName.toUpperCase(), `${a.candidateName} x`]) {
      await expect(privacyCaller(a.ownerId).erase({ orgSlug: a.slug, candidateId: a.candidateId, confirmName })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: "Type the candidate's name to confirm.",
      });
    }
    expect(await snapshotTenant(a.orgId)).toBe(before);
  });

  it('is refused to recruiters (FORBIDDEN), and changes nothing', async () => {
    const before = await snapshotTenant(a.orgId);
    await expect(privacyCaller(a.recruiterId).erase({ orgSlug: a.slug, candidateId: a.candidateId, confirmName: a.candidateName })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshotTenant(a.orgId)).toBe(before);
  });

  it('refuses another agency’s candidate as missing', async () => {
    const before = await snapshotTenant(b.orgId);
    await expect(privacyCaller(a.ownerId).erase({ orgSlug: a.slug, candidateId: b.candidateId, confirmName: b.candidateName })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(privacyCaller(a.ownerId).erase({ orgSlug: b.slug, candidateId: b.candidateId, confirmName: b.candidateName })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshotTenant(b.orgId)).toBe(before);
  });

  it('removes name, contact details, what was said and the emails, revokes the links, and keeps every figure', async () => {
    const owner = callerFor(a.ownerId);
    const summaryBefore = await owner.dashboard.summary({ orgSlug: a.slug });
    // Erasure archives the candidate, which takes their interviews off the board exactly as archiving does.
    await owner.candidate.archive({ orgSlug: a.slug, candidateId: a.candidateId, archived: true });
    const summaryArchived = await owner.dashboard.summary({ orgSlug: a.slug });
    await owner.candidate.archive({ orgSlug: a.slug, candidateId: a.candidateId, archived: false });
    expect(await owner.dashboard.summary({ orgSlug: a.slug })).toEqual(summaryBefore);

    const figuresBefore = await engagementOf(a);
    const suppressedBefore = await withTenant(a.orgId, (tx) => queryRows<{ email: string }>(tx, sql`select email from suppressions where org_id = ${a.orgId} order by email`));
    const result = await privacyCaller(a.ownerId).erase({ orgSlug: a.slug, candidateId: a.candidateId, confirmName: `  ${a.candidateName} ` });
    expect(result).toMatchObject({ candidateId: a.candidateId, touchesErased: figuresBefore.touches.length, suppressionsRemoved: 1, emailsReceivedScrubbed: 2 });
    expect(result.portalLinksRevoked).toBeGreaterThanOrEqual(1);
    expect(result.emailsCancelled).toBe(2);

    // The figures: ledger rows, engagement, agency totals, and a rebuild from the ledger, all unchanged.
    expect(await engagementOf(a)).toEqual(figuresBefore);
    await withTenant(a.orgId, (tx) => rebuildEngagement({ tx, orgId: a.orgId }));
    expect(await engagementOf(a)).toEqual(figuresBefore);
    expect(await owner.dashboard.summary({ orgSlug: a.slug })).toEqual(summaryArchived);

    await withTenant(a.orgId, async (tx) => {
      const [candidate] = await queryRows<Record<string, unknown>>(tx, sql`select name, email, phone, tags, source, archived_at, erased_at from candidates where id = ${a.candidateId}`);
      expect(candidate).toMatchObject({ name: ERASED_NAME, email: erasedEmailOf(a.candidateId), phone: null, tags: [], source: null });
      expect(candidate!.archived_at).toBeInstanceOf(Date);
      expect(candidate!.erased_at).toBeInstanceOf(Date);

      const touches = await queryRows<{ body: string | null; meta: unknown }>(tx, sql`select body, meta from touches where org_id = ${a.orgId} and candidate_id = ${a.candidateId}`);
      expect(touches.length).toBe(figuresBefore.touches.length);
      for (const t of touches) expect(t).toEqual({ body: null, meta: { erased: true } });

      const sent = await queryRows<Record<string, unknown>>(
        tx,
        sql`select to_address, reply_to, subject, html, text, headers, status from outbound_emails where org_id = ${a.orgId} and candidate_id = ${a.candidateId}`,
      );
      expect(sent.length).toBeGreaterThanOrEqual(3);
      for (const e of sent) {
        expect(e).toMatchObject({ to_address: erasedEmailOf(a.candidateId), reply_to: null, subject: '(erased)', html: '', text: '', headers: {} });
        expect(['queued', 'sending']).not.toContain(e.status);
      }

      const received = await queryRows<Record<string, unknown>>(tx, sql`select from_address, to_addresses, subject, text, full_text, message_id from inbound_emails where org_id = ${a.orgId} order by from_address`);
      const scrubbed = received.filter((r) => r.from_address === erasedEmailOf(a.candidateId));
      expect(scrubbed).toHaveLength(2);
      for (const r of scrubbed) expect(r).toMatchObject({ to_addresses: [], subject: '(erased)', text: '', full_text: '', message_id: null });
      // Someone else's unrouted email stays as it was.
      expect(received).toContainEqual(expect.objectContaining({ from_address: 'someone@example.com', text: 'Hello' }));

      const [conversation] = await queryRows<Record<string, unknown>>(tx, sql`select subject, last_message_id, "references" from conversations where org_id = ${a.orgId} and candidate_id = ${a.candidateId}`);
      expect(conversation).toEqual({ subject: '(erased)', last_message_id: null, references: [] });

      const live = await queryRows(tx, sql`select id from portal_links where org_id = ${a.orgId} and candidate_id = ${a.candidateId} and revoked_at is null`);
      expect(live).toEqual([]);
      const suppressed = await queryRows<{ email: string }>(tx, sql`select email from suppressions where org_id = ${a.orgId} order by email`);
      expect(suppressed).toEqual(suppressedBefore.filter((s) => s.email !== a.email));

      const [audit] = await queryRows<{ actor_user_id: string; before: Record<string, number>; after: Record<string, unknown> }>(
        tx,
        sql`select actor_user_id, before, after from audit_log where action = 'candidate.erase' and target_id = ${a.candidateId}`,
      );
      expect(audit).toMatchObject({ actor_user_id: a.ownerId, before: { touches: figuresBefore.touches.length, suppressions: 1 }, after: { reason: 'request' } });
      const logged = JSON.stringify(audit);
      for (const secret of [a.candidateName, a.email, a.phone, a.noteBody, a.emailBody]) expect(logged).not.toContain(secret);
    });

    // Nothing personal is left anywhere in the agency, as the database owner sees it.
    const everything = await snapshotTenant(a.orgId);
    for (const secret of [a.email, a.phone, a.noteBody, a.emailBody, a.replyText, a.unroutedText, 'When do I hear back?', 'Referral by Dana', 'CAF-reply']) {
      expect(everything, secret).not.toContain(secret);
    }
    // Nor in what an export would now hand out.
    signIn(a.ownerId);
    const exported = await (await download(a.slug, a.candidateId)).text();
    for (const secret of [a.candidateName, a.email, a.noteBody]) expect(exported).not.toContain(secret);

    // The link in the invitation no longer opens.
    const opened = await openPortalLink(new NextRequest(`http://localhost:3999/p/${a.invitationToken}`, { headers: { 'x-afterview-client-ip': `203.0.113.${Math.floor(Math.random() * 250) + 1}` } }), {
      params: Promise.resolve({ token: a.invitationToken }),
    });
    expect(opened.status).toBe(404);
    expect(await privacyCaller(a.recruiterId).status({ orgSlug: a.slug, candidateId: a.candidateId })).toMatchObject({ erasedAt: expect.any(Date) });
  });

  it('refuses a candidate already erased', async () => {
    await expect(privacyCaller(a.ownerId).erase({ orgSlug: a.slug, candidateId: a.candidateId, confirmName: ERASED_NAME })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'This candidate has already been erased.',
    });
  });

  it('works only through the erasure function: the tenant role still cannot update the ledger', async () => {
    const error = await withTenant(b.orgId, (tx) => tx.execute(sql`update touches set body = null where org_id = ${b.orgId} and candidate_id = ${b.candidateId}`)).then(
      () => 'no error',
      (e: unknown) => String((e as { cause?: unknown }).cause ?? e),
    );
    expect(error).toMatch(/permission denied/);
    // And the function erases in the current tenant only: B's touches, asked for from A's, stay.
    const [row] = await withTenant(a.orgId, (tx) => queryRows<{ n: number }>(tx, sql`select afterview_erase_candidate_touches(${b.candidateId}::uuid) as n`));
    expect(row!.n).toBe(0);
    const bodies = await withTenant(b.orgId, (tx) => queryRows<{ body: string | null }>(tx, sql`select body from touches where org_id = ${b.orgId} and candidate_id = ${b.candidateId} and kind = 'question'`));
    expect(bodies).toEqual([{ body: 'When do I hear back?' }]);
  });
});

describe('retention', () => {
  /** Moves everything about a candidate `years` into the past, as the database owner (the ledger is append-only for the app). */
  async function age(fx: TenantFixture, candidateId: string, years = 3) {
    const shift = sql`make_interval(years => ${years})`;
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`update candidates set created_at = created_at - ${shift}, updated_at = updated_at - ${shift} where org_id = ${fx.orgId} and id = ${candidateId}`);
      await tx.execute(sql`update applications set created_at = created_at - ${shift}, updated_at = updated_at - ${shift} where org_id = ${fx.orgId} and candidate_id = ${candidateId}`);
      await tx.execute(
        sql`update interviews set starts_at = starts_at - ${shift}, ends_at = ends_at - ${shift}, updated_at = updated_at - ${shift} where org_id = ${fx.orgId} and candidate_id = ${candidateId}`,
      );
      await tx.execute(sql`update touches set occurred_at = occurred_at - ${shift}, recorded_at = recorded_at - ${shift} where org_id = ${fx.orgId} and candidate_id = ${candidateId}`);
    });
  }

  async function addCandidate(fx: TenantFixture, name: string) {
    const created = await callerFor(fx.ownerId).candidate.create({ orgSlug: fx.slug, name, email: `${randomUUID().slice(0, 8)}@candidate.example`, teamId: fx.teamId });
    return created.id;
  }

  async function erasedAt(fx: TenantFixture, candidateId: string) {
    const [row] = await withTenant(fx.orgId, (tx) => queryRows<{ erased_at: Date | null; name: string }>(tx, sql`select erased_at, name from candidates where id = ${candidateId}`));
    return row!.erased_at;
  }

  it('is a setting of owners and admins: 1 to 120 months, or empty to keep candidates', async () => {
    const fx = await createTenant('RetentionSetting');
    expect(await privacyCaller(fx.recruiterId).retention({ orgSlug: fx.slug })).toEqual({ retentionMonths: null });
    await expect(privacyCaller(fx.recruiterId).updateRetention({ orgSlug: fx.slug, retentionMonths: 12 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const [value, message] of [
      [0, 'Keep candidates for at least 1 month, or leave it empty to keep them.'],
      [121, 'Use at most 120 months (10 years), or leave it empty to keep candidates.'],
      [1.5, 'Use a whole number of months.'],
    ] as const) {
      const error = await privacyCaller(fx.ownerId)
        .updateRetention({ orgSlug: fx.slug, retentionMonths: value })
        .then(() => null, (e: { code: string; cause?: { issues?: { path: string[]; message: string }[] } }) => e);
      expect(error).toMatchObject({ code: 'BAD_REQUEST' });
      expect(error!.cause!.issues).toEqual([expect.objectContaining({ path: ['retentionMonths'], message })]);
    }
    expect(await privacyCaller(fx.ownerId).updateRetention({ orgSlug: fx.slug, retentionMonths: 24 })).toEqual({ retentionMonths: 24 });
    expect(await privacyCaller(fx.recruiterId).retention({ orgSlug: fx.slug })).toEqual({ retentionMonths: 24 });
    expect(await privacyCaller(fx.ownerId).updateRetention({ orgSlug: fx.slug, retentionMonths: null })).toEqual({ retentionMonths: null });
    const audit = await withTenant(fx.orgId, (tx) =>
      queryRows<{ before: unknown; after: unknown }>(tx, sql`select before, after from audit_log where action = 'settings.update' order by created_at, id`),
    );
    expect(audit).toEqual([
      { before: { retentionMonths: null }, after: { retentionMonths: 24 } },
      { before: { retentionMonths: 24 }, after: { retentionMonths: null } },
    ]);
  });

  it('erases, daily, only the inactive candidates of agencies that set a retention period', async () => {
    const keeper = await createTenant('RetentionKeep');
    const forgetter = await createTenant('RetentionForget');
    await privacyCaller(forgetter.ownerId).updateRetention({ orgSlug: forgetter.slug, retentionMonths: 12 });

    const fresh = await addCandidate(forgetter, 'Fresh Face');
    const revived = await addCandidate(forgetter, 'Back Again');
    await age(forgetter, forgetter.candidateId);
    await age(forgetter, revived);
    // Three years quiet, then a call last week: still active.
    await callerFor(forgetter.ownerId).touch.log({
      orgSlug: forgetter.slug,
      candidateId: revived,
      kind: 'call',
      direction: 'inbound',
      occurredAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      clientRequestId: randomUUID(),
    });
    await age(keeper, keeper.candidateId);

    const listed = await unsafeListRetentionOrgs();
    expect(listed).toContainEqual({ orgId: forgetter.orgId, retentionMonths: 12 });
    expect(listed.map((o) => o.orgId)).not.toContain(keeper.orgId);

    const summaryBefore = await engagementOf(forgetter);
    const results = await runRetention();
    expect(results.find((r) => r.orgId === forgetter.orgId)).toEqual({ orgId: forgetter.orgId, retentionMonths: 12, due: 1, erased: 1, failed: 0, more: false });
    expect(results.find((r) => r.orgId === keeper.orgId)).toBeUndefined();

    expect(await erasedAt(forgetter, forgetter.candidateId)).toBeInstanceOf(Date);
    expect(await erasedAt(forgetter, fresh)).toBeNull();
    expect(await erasedAt(forgetter, revived)).toBeNull();
    expect(await erasedAt(keeper, keeper.candidateId)).toBeNull();
    // The ledger and the engagement of the erased candidate are intact.
    expect(await engagementOf(forgetter)).toEqual(summaryBefore);

    const [audit] = await withTenant(forgetter.orgId, (tx) =>
      queryRows<{ actor_user_id: string | null; after: Record<string, unknown> }>(tx, sql`select actor_user_id, after from audit_log where action = 'candidate.erase' and target_id = ${forgetter.candidateId}`),
    );
    expect(audit).toMatchObject({ actor_user_id: null, after: { reason: 'retention', retentionMonths: 12 } });

    // A second run finds nothing more to do.
    expect((await runRetention()).find((r) => r.orgId === forgetter.orgId)).toMatchObject({ due: 0, erased: 0, failed: 0 });
  });

  it('keeps a candidate that became active again after being listed', async () => {
    const fx = await createTenant('RetentionRace');
    await privacyCaller(fx.ownerId).updateRetention({ orgSlug: fx.slug, retentionMonths: 6 });
    await age(fx, fx.candidateId, 1);
    const now = new Date();
    const due = await withTenant(fx.orgId, (tx) => findInactiveCandidates({ tx, orgId: fx.orgId }, { months: 6, now, limit: 10 }));
    expect(due.map((d) => d.id)).toEqual([fx.candidateId]);
    await callerFor(fx.ownerId).candidate.update({ orgSlug: fx.slug, candidateId: fx.candidateId, name: 'Still Here' });
    expect(await withTenant(fx.orgId, (tx) => eraseInactiveCandidate({ tx, orgId: fx.orgId }, { months: 6, now, candidateId: fx.candidateId }))).toBeNull();
    expect(await erasedAt(fx, fx.candidateId)).toBeNull();
  });

  it('is scheduled daily at 03:00 UTC on the queue', async () => {
    const instance = await boss();
    try {
      await scheduleRetention(instance);
      await scheduleRetention(instance);
      expect(await instance.getQueue(RETENTION_QUEUE)).toMatchObject({ name: RETENTION_QUEUE, policy: 'stately' });
      const schedules = await instance.getSchedules();
      expect(schedules.filter((s) => s.name === RETENTION_QUEUE)).toEqual([expect.objectContaining({ name: RETENTION_QUEUE, cron: RETENTION_CRON, timezone: 'UTC' })]);
    } finally {
      await stopBoss();
    }
  });
});
