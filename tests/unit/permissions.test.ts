import { describe, expect, it } from 'vitest';
import { ROLES } from '@/db/schema';
import { can, PERMISSIONS, permissionsOf } from '@/server/auth/permissions';

describe('the permission map', () => {
  it('names every permission resource.action and grants only known roles', () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      expect(permission).toMatch(/^[a-z]+\.[a-z]+$/);
      for (const role of roles) expect(ROLES).toContain(role);
    }
  });

  it('gives owners everything and viewers nothing that writes', () => {
    expect(permissionsOf('owner')).toEqual(Object.keys(PERMISSIONS));
    expect(permissionsOf('viewer').every((p) => p.endsWith('.read'))).toBe(true);
  });

  it('keeps team creation to admins', () => {
    expect(ROLES.filter((r) => can(r, 'team.create'))).toEqual(['owner', 'admin']);
  });
});
