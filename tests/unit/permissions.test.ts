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
    expect(permissionsOf('viewer').filter((p) => !/\.(read|export)$/.test(p))).toEqual([]);
  });

  it('keeps team creation to admins', () => {
    expect(ROLES.filter((r) => can(r, 'team.create'))).toEqual(['owner', 'admin']);
  });
});

describe('docs/architecture.md', () => {
  it('documents exactly the permission map', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
    const table = readme.split('<!-- permissions:start -->')[1]?.split('<!-- permissions:end -->')[0] ?? '';
    const expected = [
      '| permission | owner | admin | recruiter | viewer |',
      '| --- | --- | --- | --- | --- |',
      ...Object.keys(PERMISSIONS).map((p) => `| \`${p}\` | ${ROLES.map((r) => (can(r, p as keyof typeof PERMISSIONS) ? '✓' : '')).join(' | ')} |`),
    ];
    expect(table.trim().split('\n').map((l) => l.replace(/\s+/g, ' ').trim())).toEqual(expected.map((l) => l.replace(/\s+/g, ' ').trim()));
  });
});
