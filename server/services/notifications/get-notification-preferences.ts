import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { AppError } from '@/server/errors';
import type { ServiceContext } from '@/server/services/types';

export interface NotificationPreferences {
  /** The daily digest email. */
  digestEnabled: boolean;
  /** Reminder emails when a reply is overdue; in-app reminders always show. */
  reminderEmails: boolean;
  /** Where these emails go: the member's sign-in address. */
  email: string;
}

/** The actor's own notification choices in this agency (each agency keeps its own). */
export async function getNotificationPreferences(ctx: ServiceContext): Promise<NotificationPreferences> {
  const [row] = await queryRows<{ digest_enabled: boolean; reminder_emails: boolean; email: string }>(
    ctx.tx,
    sql`select m.digest_enabled, m.reminder_emails, u.email from memberships m join users u on u.id = m.user_id
        where m.org_id = ${ctx.actor.orgId} and m.user_id = ${ctx.actor.userId}`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'You are not a member of this agency.');
  return { digestEnabled: row.digest_enabled, reminderEmails: row.reminder_emails, email: row.email };
}
