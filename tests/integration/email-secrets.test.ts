import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { Resend, type WebhookEventPayload } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as authGet, POST as authPost } from '@/app/api/auth/[...nextauth]/route';
import { GET as openPortalLink } from '@/app/p/[token]/route';
import { POST as webhookRoute } from '@/app/api/webhooks/resend/route';
import { GET as openUnsubscribe } from '@/app/unsubscribe/[token]/route';
import { getDb, queryRows } from '@/db/client';
import { MIGRATIONS_FOLDER } from '@/db/migrate';
import { withTenant } from '@/db/tenant';
import { EmailSecrets, openEmailSecrets, redactSecretLinks, sealEmailSecrets, secretsAad } from '@/server/email/email-secrets';
import { deliverClaimedEmail, deliverDueEmails, type DeliveryOutcome } from '@/server/email/outbox';
import { enqueueSystemEmail } from '@/server/email/system-outbox';
import { createDevTransport, createResendTransport, type MailTransport, type OutgoingEmail } from '@/server/email/transport';
import { DIGEST_HOUR, runDigests } from '@/server/services/digests/run-digests';
import { processWebhookEvent } from '@/server/services/email/process-webhook-event';
import { checkInvitation } from '@/server/services/members/accept-invitation';
import { exportCandidate } from '@/server/services/privacy/export-candidate';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { callerFor, createTenant, createUser, type TenantFixture } from '../support/fixtures';
import { runOnOwnDatabase } from '../support/own-database';

// Every table of the database is searched for the tokens this file sends: it has a database of its
// own on the server (and no other file's worker delivers its mail).
runOnOwnDatabase('email_secrets');

const BASE = 'http://localhost:3999';

let ipCounter = 0;
function freshIp(): string {
  ipCounter += 1;
  return `192.0.2.${ipCounter}`;
}

interface Holding {
  table: string;
  column: string;
  rows: number;
}

/**
 * Every column of every table that can hold text (text, varchar, char, json, jsonb and arrays of
 * them), in every schema but the catalogs, searched for each needle: what a backup or a replica
 * would give away. dev_mailbox is the delivered copy (the recipient's inbox in development).
 */
async function tablesHolding(needles: string[]): Promise<Holding[]> {
  const columns = await queryRows<{ table_schema: string; table_name: string; column_name: string }>(
    getDb(),
    sql`select c.table_schema, c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema') and c.table_schema not like 'pg_toast%'
          and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
               or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar', '_bpchar', '_json', '_jsonb')))
          and not (c.table_schema = 'public' and c.table_name = 'dev_mailbox')
        order by 1, 2, 3`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const found: Holding[] = [];
  for (const c of columns) {
    const column = sql`${sql.identifier(c.column_name)}::text`;
    const [row] = await queryRows<{ n: number }>(
      getDb(),
      sql`select count(*)::int as n from ${sql.identifier(c.table_schema)}.${sql.identifier(c.table_name)}
          where ${sql.join(needles.map((needle) => sql`position(${needle} in ${column}) > 0`), sql` or `)}`,
    );
    if (row && row.n > 0) found.push({ table: `${c.table_schema}.${c.table_name}`, column: c.column_name, rows: row.n });
  }
  return found;
}

/** Claims and sends one platform email, as the worker would, and no other. */
async function deliverSystemEmail(id: string, transport: MailTransport): Promise<DeliveryOutcome> {
  await getDb().execute(sql`update system_emails set status = 'sending', attempts = attempts + 1 where id = ${id} and status = 'queued'`);
  return deliverClaimedEmail({ scope: 'system', id }, transport);
}

interface Delivered {
  idempotencyKey: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** What the dev transport delivered (the recipient's copy) for one outbox row. */
async function deliveredCopy(idempotencyKey: string): Promise<Delivered> {
  const [row] = await queryRows<Omit<Delivered, 'idempotencyKey'>>(
    getDb(),
    sql`select "to", subject, html, text, headers from dev_mailbox where idempotency_key = ${idempotencyKey}`,
  );
  if (!row) throw new Error(`nothing delivered for ${idempotencyKey}`);
  return { idempotencyKey, ...row };
}

interface StoredEmail extends Record<string, unknown> {
  id: string;
  status: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  secrets: string | null;
  last_error: string | null;
}

async function storedAgencyEmail(fx: TenantFixture, kind: string, to?: string): Promise<StoredEmail> {
  const [row] = await queryRows<StoredEmail>(
    getDb(),
    sql`select id, status, subject, html, text, headers, secrets, last_error from outbound_emails
        where org_id = ${fx.orgId} and kind = ${kind} ${to ? sql`and lower(to_address) = lower(${to})` : sql``}
        order by created_at desc limit 1`,
  );
  if (!row) throw new Error(`no ${kind} email in ${fx.slug}`);
  return row;
}

async function storedSystemEmail(to: string): Promise<StoredEmail> {
  const [row] = await queryRows<StoredEmail>(
    getDb(),
    sql`select id, status, subject, html, text, '{}'::jsonb as headers, secrets, last_error from system_emails where "to" = ${to} order by created_at desc limit 1`,
  );
  if (!row) throw new Error(`no system email to ${to}`);
  return row;
}

const whole = (e: { subject: string; html: string; text: string; headers: Record<string, string>; secrets?: string | null }) =>
  [e.subject, e.html, e.text, JSON.stringify(e.headers), e.secrets ?? ''].join('\n');

async function tenantWithCandidateEmail(label: string): Promise<TenantFixture & { email: string }> {
  const fx = await createTenant(label);
  const email = `${label.toLowerCase()}-${randomUUID().slice(0, 8)}@candidate.example`;
  await withTenant(fx.orgId, (tx) => tx.execute(sql`update candidates set email = ${email} where id = ${fx.candidateId}`));
  return { ...fx, email };
}

function match(pattern: RegExp, text: string): string {
  const found = pattern.exec(text)?.[1];
  if (!found) throw new Error(`${pattern} not found in:\n${text}`);
  return found;
}

describe('portal invitations', () => {
  it('store a placeholder, deliver the live link, and leave its token in no table', async () => {
    const fx = await tenantWithCandidateEmail('SecretPortal');
    await callerFor(fx.ownerId).portal.sendInvitation({ orgSlug: fx.slug, candidateId: fx.candidateId, applicationId: fx.applicationId, interviewId: fx.interviewId });
    const queued = await storedAgencyEmail(fx, 'portal_invitation');
    expect(queued.status).toBe('queued');
    expect(queued.text).toMatch(/afterviewsecretportal[0-9a-f]{32}/);
    expect(queued.text).not.toContain('/p/');
    expect(queued.secrets).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);

    expect(await deliverDueEmails({ orgId: fx.orgId, transport: createDevTransport() })).toMatchObject({ sent: 1, failed: 0 });
    const delivered = await deliveredCopy(`outbound_emails/${queued.id}`);
    const url = match(/(http:\/\/localhost:3999\/p\/[A-Za-z0-9_-]{43})/, delivered.text);
    const token = url.split('/p/')[1]!;
    expect(delivered.html).toContain(`href="${url}"`);
    expect(delivered.text + delivered.html).not.toContain('afterviewsecret');

    // Before the send, the row held no token; after it, no table does, and the sealed copy is gone.
    expect(whole(queued)).not.toContain(token);
    expect(await tablesHolding([token, url])).toEqual([]);
    const sent = await storedAgencyEmail(fx, 'portal_invitation');
    expect(sent).toMatchObject({ status: 'sent', secrets: null });

    // The delivered link works: it opens the portal.
    const opened = await openPortalLink(new NextRequest(url, { headers: { 'x-forwarded-for': freshIp() } }), { params: Promise.resolve({ token }) });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('set-cookie')).toMatch(/afterview_portal=v1\./);

    // What the recruiter reads of the stored email (the candidate export) names the link, not the placeholder.
    const exported = JSON.stringify(await withTenant(fx.orgId, (tx) => exportCandidate({ tx, actor: { userId: fx.ownerId, orgId: fx.orgId, role: 'owner' } }, { candidateId: fx.candidateId })));
    expect(exported).toContain('[portal link]');
    expect(exported).not.toContain('afterviewsecret');
  });

  it('a portal link pasted into a reply is delivered, and stored as "[portal link]"', async () => {
    const fx = await tenantWithCandidateEmail('SecretPaste');
    const created = await callerFor(fx.ownerId).portal.createLink({ orgSlug: fx.slug, candidateId: fx.candidateId, applicationId: fx.applicationId });
    const token = created.url.split('/p/')[1]!;
    const body = `Here is your link again: ${created.url}\n\nSee you soon.`;
    const sent = await callerFor(fx.ownerId).email.send({ orgSlug: fx.slug, candidateId: fx.candidateId, body, clientRequestId: randomUUID() });
    const queued = await storedAgencyEmail(fx, 'recruiter_reply');
    expect(whole(queued)).not.toContain(token);

    await deliverDueEmails({ orgId: fx.orgId, transport: createDevTransport() });
    const delivered = await deliveredCopy(`outbound_emails/${queued.id}`);
    expect(delivered.text).toContain(`Here is your link again: ${created.url}`);
    expect(await tablesHolding([token])).toEqual([]);
    const [touch] = await queryRows<{ body: string }>(getDb(), sql`select body from touches where org_id = ${fx.orgId} and id = ${sent.touchId}`);
    expect(touch!.body).toBe('Here is your link again: [portal link]\n\nSee you soon.');
  });
});

describe('team invitations', () => {
  it('store a placeholder, deliver the live link, and leave its token in no table', async () => {
    const fx = await createTenant('SecretInvite');
    const invitee = `invitee-${randomUUID().slice(0, 8)}@example.com`;
    await callerFor(fx.ownerId).invitation.create({ orgSlug: fx.slug, email: invitee, role: 'recruiter', teamIds: [fx.teamId] });
    const queued = await storedAgencyEmail(fx, 'team_invitation', invitee);
    expect(queued.text).toMatch(/Accept the invitation afterviewsecretinvite[0-9a-f]{32}/);

    expect(await deliverDueEmails({ orgId: fx.orgId, transport: createDevTransport() })).toMatchObject({ sent: 1, failed: 0 });
    const delivered = await deliveredCopy(`outbound_emails/${queued.id}`);
    const url = match(/Accept the invitation (http:\/\/localhost:3999\/invite\/[A-Za-z0-9_-]{43})/, delivered.text);
    const token = url.split('/invite/')[1]!;
    expect(delivered.html).toContain(`href="${url}"`);

    expect(whole(queued)).not.toContain(token);
    expect(await tablesHolding([token, url])).toEqual([]);
    expect(await storedAgencyEmail(fx, 'team_invitation', invitee)).toMatchObject({ status: 'sent', secrets: null });

    // The delivered link works: the invitee is shown the invitation.
    const user = await createUser(invitee);
    expect(await checkInvitation({ user: { id: user.id, email: user.email }, token })).toMatchObject({ kind: 'acceptable', role: 'recruiter', email: invitee });
  });
});

describe('magic-link sign-in emails (through next-auth)', () => {
  it('store a placeholder, deliver the live link, and leave the sign-in token in no table', async () => {
    const email = `signer-${randomUUID().slice(0, 8)}@example.com`;
    const csrf = await authGet(new NextRequest(`${BASE}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const asked = await authPost(
      new NextRequest(`${BASE}/api/auth/signin/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': freshIp() },
        body: new URLSearchParams({ email, csrfToken, callbackUrl: `${BASE}/` }).toString(),
      }),
    );
    expect(asked.status).toBe(302);
    expect(asked.headers.get('location')).toMatch(/\/verify-request|\/signin\/check-email/);

    const queued = await storedSystemEmail(email);
    expect(queued.text).toMatch(/Sign in afterviewsecretsignin[0-9a-f]{32}/);
    expect(queued.text + queued.html).not.toContain('/api/auth/callback');

    expect(await deliverSystemEmail(queued.id, createDevTransport())).toBe('sent');
    const delivered = await deliveredCopy(`system_emails/${queued.id}`);
    const url = match(/Sign in (http:\/\/localhost:3999\/api\/auth\/callback\/email\?\S+)/, delivered.text);
    const token = new URL(url).searchParams.get('token')!;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(delivered.html).toContain(`href="${url.replaceAll('&', '&amp;')}"`);

    expect(whole(queued)).not.toContain(token);
    expect(await tablesHolding([token, url, url.replaceAll('&', '&amp;')])).toEqual([]);
    expect(await storedSystemEmail(email)).toMatchObject({ status: 'sent', secrets: null });

    // The delivered link signs in: next-auth finds its token and starts a session.
    const signedIn = await authGet(new NextRequest(url));
    expect(signedIn.status).toBe(302);
    // A first sign-in lands on the new-user page (`/`); an error would land on /signin/error.
    expect(signedIn.headers.get('location')).toMatch(/^\/\?callbackUrl=/);
    expect(signedIn.headers.getSetCookie().join('\n')).toMatch(/authjs\.session-token=[^;]+/);
    const [session] = await queryRows<{ n: number }>(getDb(), sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${email}`);
    expect(session!.n).toBe(1);
  });
});

/** A time zone where the digest is due now, so the sweep composes one today. */
function zoneWhereDigestIsDue(now: Date): string {
  for (let offset = -12; offset <= 14; offset += 1) {
    const zone = offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: zone }).format(now));
    if (hour >= DIGEST_HOUR + 1 && hour <= 22) return zone;
  }
  throw new Error('no zone found');
}

describe('daily digests', () => {
  it('keep the unsubscribe link (body and List-Unsubscribe) out of the stored email, and deliver it working', async () => {
    const fx = await createTenant('SecretDigest');
    const now = new Date();
    await withTenant(fx.orgId, (tx) => tx.execute(sql`update organizations set time_zone = ${zoneWhereDigestIsDue(now)} where id = ${fx.orgId}`));
    // The fixture's candidate, owned by the recruiter, asked a question a day ago: a reply is owed.
    const [result] = await runDigests(now, { orgIds: [fx.orgId] });
    expect(result).toMatchObject({ queued: 1, failed: 0 });
    const queued = await storedAgencyEmail(fx, 'daily_digest');
    expect(queued.headers['List-Unsubscribe']).toMatch(/^<afterviewsecretunsub[0-9a-f]{32}>$/);
    expect(queued.text).not.toContain('/unsubscribe/');

    expect(await deliverDueEmails({ orgId: fx.orgId, transport: createDevTransport() })).toMatchObject({ sent: 1, failed: 0 });
    const delivered = await deliveredCopy(`outbound_emails/${queued.id}`);
    const url = match(/^<(http:\/\/localhost:3999\/unsubscribe\/[^>]+)>$/, delivered.headers['List-Unsubscribe'] ?? '');
    const token = url.split('/unsubscribe/')[1]!;
    expect(delivered.text).toContain(url);
    expect(delivered.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    const signature = token.split('.').at(-1)!;
    expect(whole(queued)).not.toContain(signature);
    expect(await tablesHolding([signature, url])).toEqual([]);
    expect(await storedAgencyEmail(fx, 'daily_digest')).toMatchObject({ status: 'sent', secrets: null });

    const page = await openUnsubscribe(new Request(url), { params: Promise.resolve({ token }) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<form action="/unsubscribe/${token}" method="post">`);
  });
});

describe('links that come back', () => {
  let fake: FakeResend;
  beforeAll(async () => {
    fake = await startFakeResend();
  });
  afterAll(() => fake.close());

  /** Posts one event to the app's webhook route, signed as Resend signs it, and processes it. */
  async function webhook(event: WebhookEventPayload): Promise<string> {
    const id = `msg_${randomUUID().replaceAll('-', '')}`;
    const body = JSON.stringify(event);
    const response = await webhookRoute(new Request(`${BASE}/api/webhooks/resend`, { method: 'POST', headers: { 'content-type': 'application/json', ...fake.signWebhook(fake.webhookSecret, id, Math.floor(Date.now() / 1000), body) }, body }));
    expect(response.status).toBe(200);
    return processWebhookEvent(id, { resend: new Resend(fake.apiKey, { baseUrl: fake.url }) });
  }

  it('a tracked click on the portal link, and a reply quoting the invitation, keep "[portal link]", never the token', async () => {
    const fx = await tenantWithCandidateEmail('SecretQuote');
    await withTenant(fx.orgId, (tx) => tx.execute(sql`update organizations set track_engagement = true, inbound_domain = 'replies.secret.example' where id = ${fx.orgId}`));
    await callerFor(fx.ownerId).portal.sendInvitation({ orgSlug: fx.slug, candidateId: fx.candidateId, applicationId: fx.applicationId });
    expect(await deliverDueEmails({ orgId: fx.orgId, transport: createResendTransport(fake.apiKey, fake.url) })).toMatchObject({ sent: 1 });
    const delivered = fake.sent.at(-1)!;
    const url = match(/(http:\/\/localhost:3999\/p\/[A-Za-z0-9_-]{43})/, delivered.text ?? '');
    const token = url.split('/p/')[1]!;

    // The candidate clicks the link (Resend reports the link clicked) and replies, quoting the whole email.
    expect(await webhook(fake.eventFor(delivered.id, 'email.clicked', { click: { link: url } }))).toBe('touch: email_click');
    const quoted = `Thank you, I will!\n\nOn Tuesday, ${delivered.from} wrote:\n${(delivered.text ?? '').split('\n').map((line) => `> ${line}`).join('\n')}`;
    const inbound = fake.addInbound({ from: `Candidate <${fx.email}>`, to: delivered.reply_to![0]!, subject: `Re: ${delivered.subject}`, text: quoted });
    expect(await webhook(fake.eventFor(inbound, 'email.received'))).toMatch(/^routed to conversation/);

    expect(await tablesHolding([token])).toEqual([]);
    const [reply] = await queryRows<{ text: string; full_text: string }>(getDb(), sql`select text, full_text from inbound_emails where org_id = ${fx.orgId} and resend_email_id = ${inbound}`);
    expect(reply!.text).toBe('Thank you, I will!');
    expect(reply!.full_text).toContain('> Ask a question or send a thank-you note [portal link]');
    const [click] = await queryRows<{ meta: { link?: string } }>(getDb(), sql`select meta from touches where org_id = ${fx.orgId} and kind = 'email_click'`);
    expect(click!.meta.link).toBe('[portal link]');
  });
});

describe('when the sealed links cannot be opened', () => {
  it('(AUTH_SECRET changed since the email was queued) the email fails for good with a clear error, and no placeholder goes out', async () => {
    const fx = await tenantWithCandidateEmail('SecretRotated');
    await callerFor(fx.ownerId).portal.sendInvitation({ orgSlug: fx.slug, candidateId: fx.candidateId, applicationId: fx.applicationId });
    const queued = await storedAgencyEmail(fx, 'portal_invitation');
    const aad = secretsAad({ scope: 'agency', orgId: fx.orgId, id: queued.id });
    const links = openEmailSecrets(queued.secrets!, aad);
    // The same links sealed under the AUTH_SECRET of before a rotation.
    const before = sealEmailSecrets(links, aad, 'the-previous-auth-secret-of-this-deployment-0000');
    await getDb().execute(sql`update outbound_emails set secrets = ${before} where org_id = ${fx.orgId} and id = ${queued.id}`);

    const sent: OutgoingEmail[] = [];
    const capture: MailTransport = {
      name: 'resend',
      async send(email) {
        sent.push(email);
        return { ok: true, providerId: `re_${randomUUID()}` };
      },
    };
    expect(await deliverDueEmails({ orgId: fx.orgId, transport: capture })).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(sent).toEqual([]);
    const failed = await storedAgencyEmail(fx, 'portal_invitation');
    expect(failed).toMatchObject({ status: 'failed', secrets: null });
    expect(failed.last_error).toBe('not sent: its links could not be decrypted (was AUTH_SECRET changed after it was queued?); send it again to make a new link');

    // The recruiter sees that error on the candidate's timeline.
    const timeline = await callerFor(fx.ownerId).touch.timeline({ orgSlug: fx.slug, candidateId: fx.candidateId });
    expect(timeline.items.find((t) => t.kind === 'portal_link_sent')?.email).toMatchObject({ status: 'failed', error: failed.last_error });
  });

  it('a placeholder whose link is missing is never sent', async () => {
    const secrets = new EmailSecrets();
    const marker = secrets.link('signin', `${BASE}/api/auth/callback/email?token=${'a'.repeat(64)}`);
    const to = `orphan-${randomUUID().slice(0, 8)}@example.com`;
    const id = await enqueueSystemEmail(getDb(), { kind: 'test', to, subject: 'Sign in', html: `<a href="${marker}">Sign in</a>`, text: `Sign in ${marker}`, secrets });
    await getDb().execute(sql`update system_emails set secrets = null where id = ${id}`);
    const sent: OutgoingEmail[] = [];
    const capture: MailTransport = { name: 'resend', send: async (email) => (sent.push(email), { ok: true, providerId: 're_x' }) };
    expect(await deliverSystemEmail(id, capture)).toBe('failed');
    expect(sent).toEqual([]);
    expect((await storedSystemEmail(to)).last_error).toBe('not sent: it holds a link placeholder with no link to put in its place; send it again to make a new link');
  });

  it('refuses to store an email that carries its own live link in plain text', async () => {
    const secrets = new EmailSecrets();
    const url = `${BASE}/p/${'b'.repeat(43)}`;
    secrets.link('portal', url);
    await expect(enqueueSystemEmail(getDb(), { kind: 'test', to: 'x@example.com', subject: 'Hi', html: `<a href="${url}">x</a>`, text: url, secrets })).rejects.toThrow(
      /live link in plain text/,
    );
  });
});

describe('an email queued before links were sealed (inline link, no seal)', () => {
  it('goes out with its link, and the stored copy loses the link in the same update', async () => {
    const fx = await tenantWithCandidateEmail('SecretLegacy');
    const url = `${BASE}/p/${'L'.repeat(43)}`;
    const id = randomUUID();
    await withTenant(fx.orgId, (tx) =>
      tx.execute(sql`insert into outbound_emails (org_id, id, kind, candidate_id, from_address, to_address, subject, html, text, headers, message_id)
        values (${fx.orgId}, ${id}, 'portal_invitation', ${fx.candidateId}, 'A <a@x.example>', ${fx.email}, 'Hello',
                ${`<a href="${url}">Open</a>`}, ${`Open ${url}`}, '{}'::jsonb, ${`<${id}@x.example>`})`),
    );
    const sent: OutgoingEmail[] = [];
    const capture: MailTransport = { name: 'resend', send: async (email) => (sent.push(email), { ok: true, providerId: `re_${randomUUID()}` }) };
    expect(await deliverDueEmails({ orgId: fx.orgId, transport: capture })).toMatchObject({ sent: 1 });
    expect(sent[0]!.text).toBe(`Open ${url}`);
    const stored = await storedAgencyEmail(fx, 'portal_invitation');
    expect(stored).toMatchObject({ status: 'sent', html: '<a href="[portal link]">Open</a>', text: 'Open [portal link]' });
    expect(await tablesHolding(['L'.repeat(43)])).toEqual([]);
  });
});

describe('migration 0010', () => {
  it('cuts live links out of what was stored before, as the app cuts those that come back', async () => {
    const migration = readFileSync(path.join(MIGRATIONS_FOLDER, '0010_email_secrets.sql'), 'utf8');
    const create = migration.split('--> statement-breakpoint').find((s) => s.includes('CREATE OR REPLACE FUNCTION afterview_redact_secret_links'));
    expect(create).toBeDefined();
    const samples = [
      `> Ask a question or send a thank-you note ${BASE}/p/${'A1b2_C3-d4'.repeat(4)}xyz\n> This link is private`,
      `<a href="${BASE}/api/auth/callback/email?callbackUrl=${encodeURIComponent(`${BASE}/`)}&amp;token=${'0f'.repeat(32)}&amp;email=a%40b.example" target="_blank">`,
      `Accept the invitation (${BASE}/invite/${'Zz9-_'.repeat(8)}abc)`,
      `{"List-Unsubscribe": "<${BASE}/unsubscribe/v1.3f0e2a52-8f4a-4a8e-9a55-0f64a1c6c2b1.9c1d1f3e-5b6a-4c2d-8e7f-1a2b3c4d5e6f.${'Q'.repeat(43)}>"}`,
      `{"data": {"click": {"link": "${BASE}/p/${'k'.repeat(43)}"}}}`,
      'Nothing secret: https://example.org/p/short and https://example.org/careers',
    ];
    await getDb().execute(sql.raw(create!));
    try {
      for (const sample of samples) {
        const [row] = await queryRows<{ out: string }>(getDb(), sql`select afterview_redact_secret_links(${sample}) as out`);
        expect(row!.out).toBe(redactSecretLinks(sample));
      }
      expect(redactSecretLinks(samples.join('\n'))).not.toMatch(/[A-Za-z0-9_-]{43}/);
    } finally {
      await getDb().execute(sql`drop function afterview_redact_secret_links(text)`);
    }
  });
});
