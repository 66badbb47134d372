import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getSessionUser } from '@/server/auth/session';
import { unsafeFindMembershipBySlug } from '@/server/services/org/unsafe-find-membership-by-slug';

/**
 * The signed-in member and their agency for a workspace URL, once per request. Layout and pages
 * both call it, so a page never queries for an agency the layout is about to refuse.
 */
export const requireWorkspace = cache(async (slug: string) => {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
  const membership = await unsafeFindMembershipBySlug({ userId: user.id, slug });
  // Same page for "no such agency" and "not yours": slugs of other agencies cannot be probed.
  if (!membership) notFound();
  return { user, membership };
});
