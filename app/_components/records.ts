/**
 * Words for the values of the records schema (stages, statuses, kinds, channels), safe to import
 * in client components: only types come from the schema, so Drizzle stays out of the bundle.
 */
import type { Channel, Role, Stage } from '@/db/schema';
import { can } from '@/server/auth/permissions';

export const STAGE_LABELS = {
  applied: 'Applied',
  screening: 'Screening',
  interview: 'Interview',
  offer: 'Offer',
  hired: 'Hired',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
} as const satisfies Record<Stage, string>;
export const STAGE_OPTIONS = Object.keys(STAGE_LABELS) as Stage[];

export type JobStatus = 'open' | 'on_hold' | 'closed';
export const JOB_STATUS_LABELS = { open: 'Open', on_hold: 'On hold', closed: 'Closed' } as const satisfies Record<JobStatus, string>;
export const JOB_STATUS_OPTIONS = Object.keys(JOB_STATUS_LABELS) as JobStatus[];
export function jobStatusLabel(status: string): string {
  return (JOB_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export type InterviewKind = 'phone' | 'video' | 'onsite';
export const INTERVIEW_KIND_LABELS = { phone: 'Phone', video: 'Video', onsite: 'On site' } as const satisfies Record<InterviewKind, string>;
export const INTERVIEW_KIND_OPTIONS = Object.keys(INTERVIEW_KIND_LABELS) as InterviewKind[];
export function interviewKindLabel(kind: string): string {
  return (INTERVIEW_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export const CHANNEL_LABELS = {
  portal: 'Portal',
  email: 'Email',
  phone: 'Phone',
  manual: 'Logged by hand',
  system: 'System',
} as const satisfies Record<Channel, string>;

/** Owners, admins and recruiters add and change candidates, jobs and touches; viewers read. */
export function canWriteRecords(role: Role): boolean {
  return can(role, 'candidate.write');
}

export function canLogTouches(role: Role): boolean {
  return can(role, 'touch.log');
}

export function canWriteJobs(role: Role): boolean {
  return can(role, 'job.write');
}

/** "Ada Lovelace <ada@example.com>" or "Ada Lovelace". */
export function formatInterviewers(interviewers: readonly { name: string; email?: string | null }[]): string {
  return interviewers.map((i) => i.name).join(', ');
}

/**
 * Parses "Name <email>, Name, email@example.com" into interviewers. Returns the list and, when a
 * part cannot be read, a message naming it.
 */
export function parseInterviewers(text: string): { interviewers: { name: string; email?: string }[]; error?: string } {
  const parts = text
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const interviewers: { name: string; email?: string }[] = [];
  for (const part of parts) {
    const angle = /^(.*?)\s*<\s*([^<>\s]+)\s*>$/.exec(part);
    if (angle) {
      const name = angle[1]!.replace(/^["']|["']$/g, '').trim();
      const email = angle[2]!;
      interviewers.push({ name: name || email, email });
      continue;
    }
    if (/[<>]/.test(part)) return { interviewers, error: `Could not read “${part}”. Write interviewers as Name <email>, separated by commas.` };
    if (/^[^\s@]+@[^\s@]+$/.test(part)) {
      interviewers.push({ name: part, email: part });
      continue;
    }
    interviewers.push({ name: part });
  }
  return { interviewers };
}
