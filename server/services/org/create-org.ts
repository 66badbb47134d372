import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { withTenant } from '@/db/tenant';
import { memberships, organizations } from '@/db/schema';
import { refuseControlCharacters } from '@/server/email/headers';
import { AppError, isUniqueViolation } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record-audit';

// Top-level paths of the app: an agency slug becomes the first URL segment, so it cannot be one.
export const RESERVED_SLUGS = new Set([
  'api', 'app', 'admin', 'auth', 'dev', 'invite', 'p', 'portal', 'signin', 'signout', 'onboarding', 'settings',
  'static', 'public', 'assets', 'help', 'about', 'new', 'www', 'mail', 'favicon.ico', 'robots.txt', '_next',
]);

export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'must be at least 3 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z0-9-]+$/, 'may contain only lowercase letters, digits and hyphens')
  .regex(/^[a-z]/, 'must start with a letter')
  .refine((s) => !s.endsWith('-') && !s.includes('--'), 'cannot end with a hyphen or contain two in a row')
  .refine((s) => !RESERVED_SLUGS.has(s), 'is reserved; please choose another');

export const ZCreateOrgInput = z.object({
  // The agency's name is the sender's name on its email and appears in subjects: header-bound.
  name: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(80, 'must be at most 80 characters')
    .refine(...refuseControlCharacters('agency name')),
  slug: ZSlug,
});
export type CreateOrgInput = z.infer<typeof ZCreateOrgInput>;

/** A new agency with its creator as owner. The new org's own tenant scope does the writes. */
export async function createOrg({ userId, input }: { userId: string; input: CreateOrgInput }) {
  const orgId = randomUUID();
  try {
    return await withTenant(orgId, async (tx) => {
      await tx.insert(organizations).values({ id: orgId, name: input.name, slug: input.slug });
      await tx.insert(memberships).values({ orgId, userId, role: 'owner' });
      await recordAudit({ tx, actor: { orgId, userId } }, { action: 'org.create', targetType: 'organization', targetId: orgId, after: input });
      return { id: orgId, name: input.name, slug: input.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'organizations_slug_unique')) {
      throw new AppError('CONFLICT', `The address "${input.slug}" is already taken. Please choose another.`, { field: 'slug', cause: error });
    }
    throw error;
  }
}
