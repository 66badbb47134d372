import type { Role } from '@/db/schema';

const ALL: readonly Role[] = ['owner', 'admin', 'recruiter', 'viewer'];
const ADMINS: readonly Role[] = ['owner', 'admin'];
const WRITERS: readonly Role[] = ['owner', 'admin', 'recruiter'];

/** The one permission map: `resource.action` → roles allowed. The README's table is generated from it. */
export const PERMISSIONS = {
  'org.read': ALL,
  'org.update': ADMINS,
  'member.read': ALL,
  'member.invite': ADMINS,
  'member.manage': ADMINS,
  'team.read': ALL,
  'team.create': ADMINS,
  'team.manage': ADMINS,
  'audit.read': ADMINS,
  'responsiveness.read': ADMINS,
  'candidate.read': ALL,
  'candidate.write': WRITERS,
  'candidate.import': WRITERS,
  'candidate.export': ADMINS,
  'candidate.erase': ADMINS,
  'job.read': ALL,
  'job.write': WRITERS,
  'touch.read': ALL,
  'touch.log': WRITERS,
  'portal.link': WRITERS,
  'question.answer': WRITERS,
  'email.send': WRITERS,
  'email.manage': ADMINS,
  'dashboard.read': ALL,
  'dashboard.export': ALL,
  'analytics.read': ALL,
  'notification.read': ALL,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}
