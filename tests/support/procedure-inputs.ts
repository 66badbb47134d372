import type { TenantFixture } from './fixtures';

/**
 * A valid input for every org-scoped procedure, aimed at agency `victim`. The isolation suite calls
 * each one as a member of another agency; a procedure without an entry here fails that suite.
 */
export function attackInputs(victim: TenantFixture): Record<string, Record<string, unknown>> {
  return {
    'org.overview': { orgSlug: victim.slug },
    'team.create': { orgSlug: victim.slug, name: 'Injected team' },
  };
}
