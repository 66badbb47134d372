import { sql } from 'drizzle-orm';
import { execute, queryRows, type Tx } from '@/db/client';
import { newReplyToken } from './conversation-address';

export interface Conversation extends Record<string, unknown> {
  id: string;
  subject: string;
  reply_token: string;
  last_message_id: string | null;
  references: string[];
}

/** The candidate's one email thread, created on the first email with the subject it starts with. */
export async function ensureConversation(tx: Tx, orgId: string, candidateId: string, subject: string): Promise<Conversation> {
  await execute(tx, 
    sql`insert into conversations (org_id, candidate_id, subject, reply_token) values (${orgId}, ${candidateId}, ${subject}, ${newReplyToken()})
        on conflict (org_id, candidate_id) do nothing`,
  );
  const [row] = await queryRows<Conversation>(
    tx,
    sql`select id, subject, reply_token, last_message_id, "references" from conversations where org_id = ${orgId} and candidate_id = ${candidateId}`,
  );
  if (!row) throw new Error('conversation vanished');
  return row;
}
