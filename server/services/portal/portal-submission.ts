import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import type { TouchKind } from '@/db/schema';
import type { RateLimitRule } from '@/server/services/rate-limits/unsafe-hit-rate-limit';
import { recordTouch, type RecordedTouch } from '@/server/services/touches/record-touch';
import { SUBMISSIONS_PER_HOUR, type PortalContext } from './types';

export const ZPortalRequestId = z.uuid({ error: 'This form is out of date. Reload the page and send it again.' });

/**
 * The dedupe key is scoped by link as well as by the browser's request id: the request id comes
 * from the client, so one candidate must not be able to collide with another's submission.
 */
export function portalDedupeKey(linkId: string, requestId: string): string {
  return `portal:${linkId}:${requestId}`;
}

export function portalSubmissionRule(linkId: string): RateLimitRule {
  return { key: `portal-submit:link:${linkId}`, limit: SUBMISSIONS_PER_HOUR, windowSeconds: 3600 };
}

/** Whether this request was already recorded: a double click or a retried POST is not a new message. */
export async function isPortalSubmissionRecorded({ tx, session }: PortalContext, requestId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from touches where org_id = ${session.orgId} and dedupe_key = ${portalDedupeKey(session.linkId, requestId)}`,
  );
  return rows.length > 0;
}

export async function recordPortalSubmission(
  { tx, session }: PortalContext,
  input: { kind: Extract<TouchKind, 'question' | 'thank_you'>; body: string; requestId: string; meta?: Record<string, unknown> },
  now = new Date(),
): Promise<RecordedTouch> {
  return recordTouch(
    { tx, orgId: session.orgId },
    {
      candidateId: session.candidateId,
      applicationId: session.applicationId,
      interviewId: session.interviewId ?? undefined,
      kind: input.kind,
      direction: 'inbound',
      channel: 'portal',
      occurredAt: now,
      body: input.body,
      dedupeKey: portalDedupeKey(session.linkId, input.requestId),
      meta: { portalLinkId: session.linkId, ...input.meta },
    },
  );
}
