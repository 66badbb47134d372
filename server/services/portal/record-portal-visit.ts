import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { recordTouch } from '@/server/services/touches/record-touch';
import type { PortalContext } from './types';

/** The calendar day in the agency's time zone: a visit counts once a day, the agency's day. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A weak signal: the candidate looked. Recorded at most once a day per link. */
export async function recordPortalVisit({ tx, session }: PortalContext, now = new Date()) {
  const [org] = await queryRows<{ time_zone: string }>(tx, sql`select time_zone from organizations where id = ${session.orgId}`);
  return recordTouch(
    { tx, orgId: session.orgId },
    {
      candidateId: session.candidateId,
      applicationId: session.applicationId,
      interviewId: session.interviewId ?? undefined,
      kind: 'portal_visit',
      direction: 'inbound',
      channel: 'portal',
      occurredAt: now,
      dedupeKey: `portal-visit:${session.linkId}:${dayIn(org?.time_zone ?? 'UTC', now)}`,
      meta: { portalLinkId: session.linkId },
    },
  );
}
