import { randomUUID } from 'node:crypto';
import type { Executor } from '@/db/client';
import { systemEmails } from '@/db/schema';
import { assertNoPlainSecrets, secretsAad, type EmailSecrets } from './email-secrets';
import { deliverDueEmails, type DeliveryReport } from './outbox';
import type { MailTransport } from './transport';

export interface SystemEmailInput {
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The live links behind the email's placeholders: sealed in the row, put in at send time. */
  secrets?: EmailSecrets;
}

/** Writes the email as an outbox row; nothing is sent in the caller's request. */
export async function enqueueSystemEmail(exec: Executor, { secrets, ...input }: SystemEmailInput): Promise<string> {
  assertNoPlainSecrets(input, secrets);
  const id = randomUUID();
  const sealed = secrets?.seal(secretsAad({ scope: 'system', id })) ?? null;
  const [row] = await exec.insert(systemEmails).values({ ...input, id, secrets: sealed }).returning({ id: systemEmails.id });
  if (!row) throw new Error('system email not enqueued');
  return row.id;
}

/** Sends the platform emails that are due, here and now (the queue worker does the same for all mail). */
export function deliverDueSystemEmails(options: { limit?: number; transport?: MailTransport } = {}): Promise<DeliveryReport> {
  return deliverDueEmails({ ...options, scope: 'system' });
}
