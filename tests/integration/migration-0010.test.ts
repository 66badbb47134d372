import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '@/db/client';
import { MIGRATIONS_FOLDER } from '@/db/migrate';

const BASE = 'https://app.example';
const PORTAL = `${BASE}/p/${'P'.repeat(43)}`;
const INVITE = `${BASE}/invite/${'I'.repeat(43)}`;
const SIGNIN = `${BASE}/api/auth/callback/email?callbackUrl=${encodeURIComponent(`${BASE}/`)}&token=${'5'.repeat(64)}&email=a%40b.example`;
const UNSUB = `${BASE}/unsubscribe/v1.3f0e2a52-8f4a-4a8e-9a55-0f64a1c6c2b1.9c1d1f3e-5b6a-4c2d-8e7f-1a2b3c4d5e6f.${'U'.repeat(43)}`;
const TOKENS = ['P'.repeat(43), 'I'.repeat(43), '5'.repeat(64), 'U'.repeat(43)];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A database of its own (a PGlite in memory, or a new database on the server run's server). */
async function freshDatabase(): Promise<Database> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const target = openDatabase({ kind: 'pglite', dir: 'memory://' });
    cleanups.push(() => target.close());
    return target;
  }
  const name = `${new URL(server).pathname.slice(1)}_m0010`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const target = openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  cleanups.push(async () => {
    await target.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return target;
}

/** The migrations up to and including `lastIdx`, as a release before that one shipped them. */
function migrationsUpTo(lastIdx: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'afterview-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= lastIdx) }));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function migrateTo(target: Database, folder: string): Promise<void> {
  const config = { migrationsFolder: folder, migrationsSchema: 'drizzle' };
  if (target.kind === 'pglite') await migratePglite(target.db as unknown as PgliteDatabase, config);
  else await migratePostgres(target.db as unknown as PostgresJsDatabase, config);
}

describe('migration 0010 on a database that holds live links', () => {
  it('cuts them out of sent emails, replies, clicks and webhook payloads, and leaves queued emails able to go out', async () => {
    const target = await freshDatabase();
    await migrateTo(target, migrationsUpTo(9));
    const db = target.db;
    const orgId = randomUUID();
    const candidateId = randomUUID();
    const html = (url: string) => `<a href="${url.replaceAll('&', '&amp;')}">Open</a>`;
    await db.execute(sql`insert into organizations (id, name, slug) values (${orgId}, 'Old Agency', ${`old-${orgId.slice(0, 8)}`})`);
    await db.execute(sql`insert into candidates (org_id, id, name, email) values (${orgId}, ${candidateId}, 'Cam Candidate', 'cam@candidate.example')`);
    const email = (status: string, url: string, headers: Record<string, string> = {}) => {
      const id = randomUUID();
      return db.execute(sql`insert into outbound_emails (org_id, id, kind, candidate_id, from_address, to_address, subject, html, text, headers, message_id, status)
        values (${orgId}, ${id}, 'portal_invitation', ${candidateId}, 'A <a@x.example>', 'cam@candidate.example', 'Hello', ${html(url)}, ${`Open ${url}`},
                ${JSON.stringify(headers)}::jsonb, ${`<${id}@x.example>`}, ${status})`);
    };
    await email('delivered', PORTAL);
    await email('failed', INVITE);
    await email('sent', UNSUB, { 'List-Unsubscribe': `<${UNSUB}>` });
    await email('queued', `${BASE}/p/${'Q'.repeat(43)}`);
    await db.execute(sql`insert into system_emails (kind, "to", subject, html, text, status) values ('magic_link', 'a@b.example', 'Sign in', ${html(SIGNIN)}, ${`Sign in ${SIGNIN}`}, 'sent')`);
    await db.execute(sql`insert into inbound_emails (org_id, resend_email_id, from_address, to_addresses, subject, text, full_text, received_at)
      values (${orgId}, ${randomUUID()}, 'cam@candidate.example', '{reply@x.example}', 'Re: Hello', 'Thanks!', ${`Thanks!\n> Open ${PORTAL}`}, now())`);
    await db.execute(sql`insert into touches (org_id, candidate_id, kind, direction, channel, strength, occurred_at, dedupe_key, meta, body)
      values (${orgId}, ${candidateId}, 'email_click', 'inbound', 'email', 2, now(), ${`webhook:${randomUUID()}`}, ${JSON.stringify({ link: PORTAL })}::jsonb, null),
             (${orgId}, ${candidateId}, 'note', 'outbound', 'manual', 0, now(), ${`note:${randomUUID()}`}, '{}'::jsonb, ${`Sent them ${INVITE} by hand`})`);
    await db.execute(sql`insert into email_events (svix_id, type, payload) values (${`msg_${randomUUID()}`}, 'email.clicked', ${JSON.stringify({ data: { click: { link: PORTAL } } })}::jsonb)`);

    await migrateTo(target, MIGRATIONS_FOLDER);

    const everything = await queryRows<{ all: string }>(
      db,
      sql`select concat_ws(E'\n',
            (select string_agg(html || text || headers::text, E'\n') from outbound_emails where status <> 'queued'),
            (select string_agg(html || text, E'\n') from system_emails),
            (select string_agg(subject || text || full_text, E'\n') from inbound_emails),
            (select string_agg(coalesce(body, '') || meta::text, E'\n') from touches),
            (select string_agg(payload::text, E'\n') from email_events)) as all`,
    );
    const after = everything[0]!.all;
    for (const token of TOKENS) expect(after).not.toContain(token);
    expect(after).toContain('<a href="[portal link]">Open</a>');
    expect(after).toContain('Open [invitation link]');
    expect(after).toContain('"List-Unsubscribe": "<[unsubscribe link]>"');
    expect(after).toContain('Sign in [sign-in link]');
    expect(after).toContain('> Open [portal link]');
    expect(after).toContain('{"link": "[portal link]"}');
    expect(after).toContain('Sent them [invitation link] by hand');
    // A queued email still carries its link: it goes out, and the outbox cuts the link out then.
    const [queued] = await queryRows<{ text: string; secrets: string | null }>(db, sql`select text, secrets from outbound_emails where status = 'queued'`);
    expect(queued).toEqual({ text: `Open ${BASE}/p/${'Q'.repeat(43)}`, secrets: null });
    // The helper is gone: nothing of the migration stays behind.
    const [fn] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pg_proc where proname = 'afterview_redact_secret_links'`);
    expect(fn!.n).toBe(0);
  });
});
