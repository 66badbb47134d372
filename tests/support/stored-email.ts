import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db/client';
import { fillEmailSecrets, openEmailSecrets, secretsAad } from '@/server/email/email-secrets';

export interface RevealedEmail extends Record<string, unknown> {
  html: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * An email still in the outbox as it will be sent: its sealed links put in place of their
 * placeholders, as the outbox does just before the send. The row itself is not changed.
 */
export async function revealOutboundEmail(orgId: string, id: string): Promise<RevealedEmail> {
  const [row] = await queryRows<RevealedEmail & { secrets: string | null }>(
    getDb(),
    sql`select html, text, headers, secrets from outbound_emails where org_id = ${orgId} and id = ${id}`,
  );
  if (!row) throw new Error(`no outbound email ${id}`);
  const links = row.secrets ? openEmailSecrets(row.secrets, secretsAad({ scope: 'agency', orgId, id })) : new Map<string, string>();
  return fillEmailSecrets({ html: row.html, text: row.text, headers: row.headers }, links);
}

/** The same for a platform email (a sign-in link). */
export async function revealSystemEmail(id: string): Promise<RevealedEmail> {
  const [row] = await queryRows<{ html: string; text: string; secrets: string | null }>(getDb(), sql`select html, text, secrets from system_emails where id = ${id}`);
  if (!row) throw new Error(`no system email ${id}`);
  const links = row.secrets ? openEmailSecrets(row.secrets, secretsAad({ scope: 'system', id })) : new Map<string, string>();
  return fillEmailSecrets({ html: row.html, text: row.text, headers: {} }, links);
}
