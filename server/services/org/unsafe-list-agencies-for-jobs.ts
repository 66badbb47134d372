import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { unsafeWithSystemRole } from '@/db/tenant';

export interface AgencyForJobs {
  orgId: string;
  name: string;
  slug: string;
  timeZone: string;
  replyTargetHours: number;
  statusUpdatesEnabled: boolean;
  statusUpdateDays: number;
}

/**
 * Crosses tenants: every agency with the settings the scheduled jobs (digests, reminders, status
 * updates) need to decide what is due; each job then works inside one agency's tenant transaction.
 */
export async function unsafeListAgenciesForJobs(): Promise<AgencyForJobs[]> {
  const rows = await unsafeWithSystemRole((tx) =>
    queryRows<{ id: string; name: string; slug: string; time_zone: string; reply_target_hours: number; status_updates_enabled: boolean; status_update_days: number }>(
      tx,
      sql`select id, name, slug, time_zone, reply_target_hours, status_updates_enabled, status_update_days from organizations order by created_at, id`,
    ),
  );
  return rows.map((r) => ({
    orgId: r.id,
    name: r.name,
    slug: r.slug,
    timeZone: r.time_zone,
    replyTargetHours: r.reply_target_hours,
    statusUpdatesEnabled: r.status_updates_enabled,
    statusUpdateDays: r.status_update_days,
  }));
}
