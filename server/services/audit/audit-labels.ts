/**
 * Audit log entries in words: the actions and target types Afterview records, and a readable diff
 * of an entry's before and after. No imports: safe in client bundles.
 */

/** What each recorded action means, as a past-tense phrase. Unknown actions are shown as recorded. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'org.create': 'Created the agency',
  'member.invite': 'Invited a member',
  'invitation.accept': 'Accepted an invitation',
  'invitation.resend': 'Resent an invitation',
  'invitation.revoke': 'Revoked an invitation',
  'member.role_change': 'Changed a member’s role',
  'member.remove': 'Removed a member',
  'team.create': 'Created a team',
  'team.rename': 'Renamed a team',
  'team.archive': 'Archived a team',
  'team.restore': 'Restored a team',
  'team.membership': 'Changed who is in a team',
  'settings.update': 'Changed the agency’s settings',
  'portal_link.create': 'Created a portal link',
  'portal_link.revoke': 'Revoked a portal link',
  'candidate.import': 'Imported candidates',
  'candidate.reassign': 'Reassigned a candidate',
  'candidate.export': 'Exported a candidate’s data',
  'candidate.erase': 'Erased a candidate’s data',
  'suppression.remove': 'Removed a suppressed address',
  'dashboard.export': 'Exported the dashboard',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

const TARGET_TYPE_LABELS: Record<string, string> = {
  organization: 'Agency',
  member: 'Member',
  invitation: 'Invitation',
  team: 'Team',
  candidate: 'Candidate',
  job: 'Job',
  portal_link: 'Portal link',
  suppression: 'Address',
  dashboard: 'Dashboard',
  import: 'Import',
};

export function auditTargetTypeLabel(targetType: string): string {
  return TARGET_TYPE_LABELS[targetType] ?? targetType;
}

/** One changed key of an entry; `null` as key when before or after is not an object (shown whole). */
export interface AuditChange {
  key: string | null;
  /** Pretty-printed JSON; undefined when the key was absent on that side. */
  before?: string;
  after?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pretty(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value, null, 2) ?? String(value);
}

/**
 * What an entry changed: the keys whose values differ between before and after (a key present on
 * one side only counts), in the order they first appear. When either side is not an object, the
 * two values are compared whole.
 */
export function diffAuditValues(before: unknown, after: unknown): AuditChange[] {
  const b = before ?? undefined;
  const a = after ?? undefined;
  if (b === undefined && a === undefined) return [];
  if ((b === undefined || isRecord(b)) && (a === undefined || isRecord(a))) {
    const left = b ?? {};
    const right = a ?? {};
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
    const changes: AuditChange[] = [];
    for (const key of keys) {
      const had = Object.prototype.hasOwnProperty.call(left, key);
      const has = Object.prototype.hasOwnProperty.call(right, key);
      const was = had ? pretty(left[key]) : undefined;
      const is = has ? pretty(right[key]) : undefined;
      if (was !== is) changes.push({ key, before: was, after: is });
    }
    return changes;
  }
  const was = b === undefined ? undefined : pretty(b);
  const is = a === undefined ? undefined : pretty(a);
  return was === is ? [] : [{ key: null, before: was, after: is }];
}
