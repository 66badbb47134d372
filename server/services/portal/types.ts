import type { Tx } from '@/db/client';

/** Who is on the portal: one link, hence one candidate of one agency. Nothing else is reachable. */
export interface PortalSession {
  orgId: string;
  linkId: string;
  candidateId: string;
  applicationId: string;
  interviewId: string | null;
  expiresAt: Date;
}

/** What every portal service receives: the tenant transaction of the link's agency, and the session. */
export interface PortalContext {
  tx: Tx;
  session: PortalSession;
}

export const QUESTION_MAX = 2000;
export const THANKS_MAX = 2000;
/** Submissions (questions and thank-you notes together) one link may make per hour. */
export const SUBMISSIONS_PER_HOUR = 10;

export interface PortalQuestion {
  id: string;
  body: string;
  askedAt: Date;
  answer: { body: string; answeredAt: Date; by: string | null } | null;
}

export interface PortalThanks {
  id: string;
  body: string;
  sentAt: Date;
  /** Interviewers the note is addressed to; empty means the whole team. */
  to: string[];
}

/** Everything the portal page shows, already scoped to the session's candidate and application. */
export interface PortalView {
  agency: { name: string; brandColor: string; logoUrl: string | null; timeZone: string };
  candidate: { firstName: string };
  role: { title: string; clientCompany: string };
  interview: { kind: 'phone' | 'video' | 'onsite'; startsAt: Date; endsAt: Date; interviewers: string[] } | null;
  /** "within 5 hours": measured from the agency's answers when there are enough, else its reply target. */
  replyTime: { label: string; basis: 'measured' | 'target' };
  questions: PortalQuestion[];
  thanks: PortalThanks[];
  linkExpiresAt: Date;
}
