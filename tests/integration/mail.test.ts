import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { queueMagicLinkEmail } from '@/server/auth/magic-link';
import { createDevTransport, createResendTransport, type MailTransport } from '@/server/email/transport';
import { deliverDueSystemEmails, enqueueSystemEmail } from '@/server/email/system-outbox';
import { startFakeResend, type FakeResend } from '../support/fake-resend';

let resend: FakeResend;
let transport: MailTransport;

beforeAll(async () => {
  resend = await startFakeResend();
  transport = createResendTransport(resend.apiKey, resend.url);
});
afterAll(() => resend.close());

beforeEach(async () => {
  resend.reset();
  await getDb().execute(sql`delete from system_emails`);
});

async function outboxRow(id: string) {
  const [row] = await queryRows<{ status: string; attempts: number; last_error: string | null; wait_s: number; provider_id: string | null }>(
    getDb(),
    sql`select status, attempts, last_error, provider_id, extract(epoch from next_attempt_at - now())::float as wait_s from system_emails where id = ${id}`,
  );
  return row!;
}

const makeDue = (id: string) => getDb().execute(sql`update system_emails set next_attempt_at = now() where id = ${id}`);

const email = (to = 'casey@example.com') => ({ kind: 'test', to, subject: 'Hello', html: '<p>Hello</p>', text: 'Hello' });

describe('magic-link sign-in emails', () => {
  it('are written to the outbox by the request and delivered to the dev mailbox by the worker', async () => {
    const url = 'http://localhost:3999/api/auth/callback/email?token=abc123&email=casey%40example.com';
    await queueMagicLinkEmail({ identifier: 'casey@example.com', url });
    const [queued] = await queryRows<{ id: string; status: string; html: string; text: string }>(getDb(), sql`select id, status, html, text from system_emails`);
    expect(queued?.status).toBe('queued');
    // The outbox keeps a placeholder; the link (and its token) is in the email only as delivered.
    expect(queued!.html + queued!.text).not.toContain('abc123');
    expect(queued?.text).toMatch(/Sign in afterviewsecretsignin[0-9a-f]{32}/);

    expect(await deliverDueSystemEmails({ transport: createDevTransport() })).toEqual({ sent: 1, retried: 0, failed: 0 });
    const inbox = await queryRows<{ to: string[]; subject: string; html: string; text: string }>(
      getDb(),
      sql`select "to", subject, html, text from dev_mailbox where idempotency_key = ${`system_emails/${queued!.id}`}`,
    );
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ to: ['casey@example.com'], subject: 'Sign in to Afterview (localhost:3999)' });
    expect(inbox[0]!.html).toContain(`href="${url.replaceAll('&', '&amp;')}"`);
    expect(inbox[0]!.text).toContain(`Sign in ${url}`);

    expect(await deliverDueSystemEmails({ transport: createDevTransport() })).toEqual({ sent: 0, retried: 0, failed: 0 });
  });
});

describe('delivery through the Resend SDK (against the fake Resend API)', () => {
  it('sends once, with the outbox id as idempotency key', async () => {
    const id = await enqueueSystemEmail(getDb(), email());
    expect(await deliverDueSystemEmails({ transport })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(resend.sent).toHaveLength(1);
    expect(resend.sent[0]).toMatchObject({ to: ['casey@example.com'], subject: 'Hello', idempotencyKey: `system_emails/${id}` });
    expect((await outboxRow(id)).provider_id).toBe(resend.sent[0]!.id);
  });

  it('waits as long as retry-after says on 429, then sends', async () => {
    const id = await enqueueSystemEmail(getDb(), email());
    resend.failNext(1, { status: 429, retryAfterSeconds: 30 });
    expect(await deliverDueSystemEmails({ transport })).toEqual({ sent: 0, retried: 1, failed: 0 });
    const row = await outboxRow(id);
    expect(row.status).toBe('queued');
    expect(row.last_error).toMatch(/rate_limit_exceeded/);
    expect(row.wait_s).toBeGreaterThanOrEqual(29);

    expect(await deliverDueSystemEmails({ transport })).toEqual({ sent: 0, retried: 0, failed: 0 });
    await makeDue(id);
    expect(await deliverDueSystemEmails({ transport })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(resend.sent).toHaveLength(1);
  });

  it('retries 5xx and network errors, and never sends twice when the reply was lost', async () => {
    const id = await enqueueSystemEmail(getDb(), email());
    resend.failNext(1, { status: 503 });
    resend.failNext(1, { status: 'network', afterAccept: true });
    expect(await deliverDueSystemEmails({ transport })).toMatchObject({ retried: 1 });
    await makeDue(id);
    expect(await deliverDueSystemEmails({ transport })).toMatchObject({ retried: 1 });
    expect(resend.sent).toHaveLength(1);
    await makeDue(id);
    expect(await deliverDueSystemEmails({ transport })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(resend.sent).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 3, provider_id: resend.sent[0]!.id });
  });

  it('does not retry a validation error and keeps the reason', async () => {
    const id = await enqueueSystemEmail(getDb(), email('not-an-address'));
    expect(await deliverDueSystemEmails({ transport })).toEqual({ sent: 0, retried: 0, failed: 1 });
    const row = await outboxRow(id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/validation_error \(422\)/);
    expect(resend.sent).toHaveLength(0);
  });

  it('takes back a message whose sender died mid-send once its lease runs out', async () => {
    const id = await enqueueSystemEmail(getDb(), email());
    await getDb().execute(sql`update system_emails set status = 'sending', attempts = 1, next_attempt_at = now() + interval '1 minute' where id = ${id}`);
    expect(await deliverDueSystemEmails({ transport })).toEqual({ sent: 0, retried: 0, failed: 0 });
    await makeDue(id);
    expect(await deliverDueSystemEmails({ transport })).toEqual({ sent: 1, retried: 0, failed: 0 });
  });

  it('gives up after the last attempt and reports the failure', async () => {
    const id = await enqueueSystemEmail(getDb(), email());
    await getDb().execute(sql`update system_emails set attempts = 7 where id = ${id}`);
    resend.failNext(1, { status: 500 });
    expect(await deliverDueSystemEmails({ transport })).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await outboxRow(id)).status).toBe('failed');
  });
});
