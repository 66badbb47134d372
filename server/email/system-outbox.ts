import type { Executor } from '@/db/client';
import { systemEmails } from '@/db/schema';
import { deliverDueEmails, type DeliveryReport } from './outbox';
import type { MailTransport } from './transport';

export interface SystemEmailInput {
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Writes the email as an outbox row; nothing is sent in the caller's request. */
export async function enqueueSystemEmail(exec: Executor, input: SystemEmailInput): Promise<string> {
  const [row] = await exec.insert(systemEmails).values(input).returning({ id: systemEmails.id });
  if (!row) throw new Error('system email not enqueued');
  return row.id;
}

/** Sends the platform emails that are due, here and now (the queue worker does the same for all mail). */
export function deliverDueSystemEmails(options: { limit?: number; transport?: MailTransport } = {}): Promise<DeliveryReport> {
  return deliverDueEmails({ ...options, scope: 'system' });
}
