import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import type { ServiceContext } from '@/server/services/types';

export const ZListUnroutedEmailsInput = z.object({ limit: z.number().int().min(1).max(100).default(50) });

/** Mail to the agency's inbound domain that named no conversation: kept for admins, newest first. */
export async function listUnroutedEmails(ctx: ServiceContext, input: z.input<typeof ZListUnroutedEmailsInput>) {
  const { limit } = ZListUnroutedEmailsInput.parse(input);
  const rows = await queryRows<{ id: string; from_address: string; to_addresses: string[]; subject: string; text: string; received_at: Date }>(
    ctx.tx,
    sql`select id, from_address, to_addresses, subject, left(text, 2000) as text, received_at from inbound_emails
        where org_id = ${ctx.actor.orgId} and conversation_id is null order by received_at desc limit ${limit}`,
  );
  return rows.map((r) => ({ id: r.id, from: r.from_address, to: r.to_addresses, subject: r.subject, text: r.text, receivedAt: r.received_at }));
}
