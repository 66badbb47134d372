import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addressParser } from 'postal-mime';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { POST } from '@/app/api/trpc/[trpc]/route';
import { getDb, queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { auth } from '@/server/auth/config';
import { deliverDueEmails } from '@/server/email/outbox';
import { createDevTransport, createResendTransport, type MailTransport } from '@/server/email/transport';
import { createTenant, createUser, type TenantFixture } from '../support/fixtures';
import { startFakeResend, type FakeResend } from '../support/fake-resend';

vi.mock('@/server/auth/config', () => ({ auth: vi.fn() }));

const APP = 'http://localhost:3999';
const PLATFORM_ADDRESS = 'no-reply@afterview.localhost';

let fake: FakeResend;
let resend: MailTransport;

beforeAll(async () => {
  fake = await startFakeResend();
  // The real Resend SDK, pointed at the fake: what it receives is what Resend would.
  resend = createResendTransport(fake.apiKey, fake.url);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** A tRPC mutation over HTTP, from the app's own page, signed in as `userId`. */
async function mutate(userId: string, path: string, input: Record<string, unknown>): Promise<{ status: number; message?: string; fieldErrors?: Record<string, string> }> {
  (auth as unknown as Mock).mockResolvedValue({ user: { id: userId } });
  const response = await POST(
    new Request(`${APP}/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: APP, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ json: input }),
    }),
  );
  const body = (await response.json()) as { error?: { json?: { message: string; data?: { fieldErrors?: Record<string, string> } } } };
  return { status: response.status, message: body.error?.json?.message, fieldErrors: body.error?.json?.data?.fieldErrors };
}

async function agencyRow(fx: TenantFixture) {
  const [row] = await withTenant(fx.orgId, (tx) => queryRows<{ name: string; sender_name: string | null }>(tx, sql`select name, sender_name from organizations where id = ${fx.orgId}`));
  return row!;
}

async function auditCount(fx: TenantFixture): Promise<number> {
  const [row] = await withTenant(fx.orgId, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where org_id = ${fx.orgId}`));
  return row!.n;
}

const settings = (fx: TenantFixture, name: string) => ({ orgSlug: fx.slug, name, slug: fx.slug, followUpWindowDays: 7, replyTargetHours: 48, timeZone: 'UTC', replyToAddress: '' });
// (A NUL is refused earlier still, by the check that keeps unstorable text out of Postgres.)
const INJECTIONS = ['Acme\r\nBcc: attacker@evil.example', 'Acme\nBcc: attacker@evil.example', 'Acme\rX', 'Acme\u2028Bcc: x', 'Acme\u0085X', 'Acme\u001bX', 'Acme\tX'];

describe('header-bound fields refuse line breaks and control characters, and nothing changes', () => {
  let fx: TenantFixture;
  beforeAll(async () => {
    fx = await createTenant('Headers');
  });

  it('the agency name, when an agency is created', async () => {
    const user = await createUser();
    for (const name of INJECTIONS) {
      const slug = `inject-${randomUUID().slice(0, 8)}`;
      const result = await mutate(user.id, 'org.create', { name, slug });
      expect(result).toMatchObject({ status: 400, fieldErrors: { name: 'The agency name can’t contain line breaks or control characters.' } });
      const [made] = await queryRows<{ n: number }>(getDb(), sql`select count(*)::int as n from memberships where user_id = ${user.id}`);
      expect(made!.n).toBe(0);
    }
  });

  it('the agency name, in the agency settings', async () => {
    const before = { agency: await agencyRow(fx), audit: await auditCount(fx) };
    for (const name of INJECTIONS) {
      const result = await mutate(fx.ownerId, 'org.updateSettings', settings(fx, name));
      expect(result).toMatchObject({ status: 400, message: 'name: The agency name can’t contain line breaks or control characters.' });
    }
    expect({ agency: await agencyRow(fx), audit: await auditCount(fx) }).toEqual(before);
  });

  it('the sender name, in the email settings', async () => {
    const before = { agency: await agencyRow(fx), audit: await auditCount(fx) };
    for (const senderName of INJECTIONS) {
      const result = await mutate(fx.ownerId, 'org.updateEmailSettings', { orgSlug: fx.slug, senderName, inboundDomain: '', trackEngagement: true });
      expect(result).toMatchObject({ status: 400, fieldErrors: { senderName: 'The sender name can’t contain line breaks or control characters.' } });
    }
    expect({ agency: await agencyRow(fx), audit: await auditCount(fx) }).toEqual(before);
  });

  it('the subject of a recruiter’s email: no touch, no conversation, no email', async () => {
    const counts = async () =>
      (
        await withTenant(fx.orgId, (tx) =>
          queryRows<{ touches: number; conversations: number; emails: number }>(
            tx,
            sql`select (select count(*)::int from touches where org_id = ${fx.orgId}) as touches,
                       (select count(*)::int from conversations where org_id = ${fx.orgId}) as conversations,
                       (select count(*)::int from outbound_emails where org_id = ${fx.orgId}) as emails`,
          ),
        )
      )[0];
    const before = await counts();
    for (const subject of INJECTIONS) {
      const result = await mutate(fx.recruiterId, 'email.send', { orgSlug: fx.slug, candidateId: fx.candidateId, subject, body: 'Hello', clientRequestId: randomUUID() });
      expect(result).toMatchObject({ status: 400, fieldErrors: { subject: 'The subject can’t contain line breaks or control characters.' } });
    }
    expect(await counts()).toEqual(before);
  });

  it('a job title, which subjects quote', async () => {
    const title = 'Engineer\r\nBcc: attacker@evil.example';
    const result = await mutate(fx.ownerId, 'job.create', { orgSlug: fx.slug, teamId: fx.teamId, clientCompany: 'Client', title });
    expect(result).toMatchObject({ status: 400, fieldErrors: { title: 'The job title can’t contain line breaks or control characters.' } });
    const jobs = await withTenant(fx.orgId, (tx) => queryRows(tx, sql`select id from jobs where org_id = ${fx.orgId} and title like 'Engineer%'`));
    expect(jobs).toEqual([]);
  });
});

describe('From is one mailbox, with the agency’s name quoted as RFC 5322 requires', () => {
  async function sendAs(label: string, change: (fx: TenantFixture) => Promise<unknown>) {
    const fx = await createTenant(label);
    const candidate = `${label.toLowerCase()}-${randomUUID().slice(0, 8)}@candidate.example`;
    await withTenant(fx.orgId, (tx) => tx.execute(sql`update candidates set email = ${candidate} where id = ${fx.candidateId}`));
    await change(fx);
    expect(await mutate(fx.recruiterId, 'email.send', { orgSlug: fx.slug, candidateId: fx.candidateId, body: 'Thanks for coming in.', clientRequestId: randomUUID() })).toMatchObject({ status: 200 });
    expect(await deliverDueEmails({ transport: resend, orgId: fx.orgId })).toEqual({ sent: 1, retried: 0, failed: 0 });
    const sent = fake.sent.filter((s) => s.to.includes(candidate));
    expect(sent).toHaveLength(1);
    return sent[0]!.from;
  }

  it('an agency named `Evil, attacker@evil.example` sends as itself, not to or as the attacker', async () => {
    const from = await sendAs('Evil', (fx) => mutate(fx.ownerId, 'org.updateSettings', settings(fx, 'Evil, attacker@evil.example')));
    expect(from).toBe(`"Evil, attacker@evil.example" <${PLATFORM_ADDRESS}>`);
    expect(addressParser(from)).toEqual([{ name: 'Evil, attacker@evil.example', address: PLATFORM_ADDRESS }]);
  });

  it('a sender name with a comma, quotes and a backslash keeps every character, in one mailbox', async () => {
    const senderName = 'Smith, Jones & Co \\ The "Best"';
    const from = await sendAs('Smith', (fx) => mutate(fx.ownerId, 'org.updateEmailSettings', { orgSlug: fx.slug, senderName: 'Smith, Jones & Co', inboundDomain: '', trackEngagement: true }));
    expect(from).toBe(`"Smith, Jones & Co" <${PLATFORM_ADDRESS}>`);
    expect(addressParser(from)).toEqual([{ name: 'Smith, Jones & Co', address: PLATFORM_ADDRESS }]);
    // Quotes and backslashes only come from the agency name (the sender name refuses them).
    const quoted = await sendAs('Quoted', (fx) => mutate(fx.ownerId, 'org.updateSettings', settings(fx, senderName)));
    expect(quoted).toBe(`"Smith, Jones & Co \\\\ The \\"Best\\"" <${PLATFORM_ADDRESS}>`);
    expect(addressParser(quoted)).toEqual([{ name: senderName, address: PLATFORM_ADDRESS }]);
  });

  it('a non-ASCII name goes out as UTF-8, unquoted unless it needs quoting', async () => {
    const from = await sendAs('Utf', (fx) => mutate(fx.ownerId, 'org.updateEmailSettings', { orgSlug: fx.slug, senderName: 'Zoë Núñez Recrutement', inboundDomain: '', trackEngagement: true }));
    expect(from).toBe(`Zoë Núñez Recrutement <${PLATFORM_ADDRESS}>`);
  });

  it('a name stored before names were checked is sent on one line', async () => {
    const from = await sendAs('Legacy', (fx) => withTenant(fx.orgId, (tx) => tx.execute(sql`update organizations set name = ${'Legacy\r\nBcc: attacker@evil.example'} where id = ${fx.orgId}`)));
    expect(addressParser(from)).toEqual([{ name: 'Legacy Bcc: attacker@evil.example', address: PLATFORM_ADDRESS }]);
    expect(from).not.toMatch(/[\r\n]/);
  });
});

describe('the transport refuses a header with a line break, whatever let it through', () => {
  it.each([
    ['Resend', () => resend],
    ['dev mailbox', () => createDevTransport()],
  ])('%s: the email fails for good with the reason, and nothing is handed over', async (_name, transport) => {
    const fx = await createTenant('Boundary');
    const id = randomUUID();
    // As if a bug upstream had stored it so.
    await withTenant(fx.orgId, (tx) =>
      tx.execute(sql`insert into outbound_emails (org_id, id, kind, from_address, to_address, subject, html, text, headers, message_id)
                     values (${fx.orgId}, ${id}, 'recruiter_reply', ${`Boundary <${PLATFORM_ADDRESS}>`}, 'c@candidate.example',
                             ${'Hello\r\nBcc: attacker@evil.example'}, '<p>x</p>', 'x', '{}'::jsonb, ${`<${id}@afterview.localhost>`})`),
    );
    expect(await deliverDueEmails({ transport: transport(), orgId: fx.orgId })).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [row] = await withTenant(fx.orgId, (tx) => queryRows<{ status: string; last_error: string }>(tx, sql`select status, last_error from outbound_emails where id = ${id}`));
    expect(row).toEqual({ status: 'failed', last_error: 'unsafe_header: the Subject header contains a line break or control character; not sent' });
    expect(fake.requests.filter((r) => r.path === '/emails')).toEqual([]);
    expect(await queryRows(getDb(), sql`select id from dev_mailbox where idempotency_key = ${`outbound_emails/${id}`}`)).toEqual([]);
  });
});
