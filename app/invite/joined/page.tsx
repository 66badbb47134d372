import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthShell, ButtonLink } from '@/app/_components/ui';
import { getSessionUser } from '@/server/auth/session';
import { roleWithArticle } from '@/server/services/members/invitation-token';
import { unsafeFindMembershipBySlug } from '@/server/services/org/unsafe-find-membership-by-slug';

export const metadata: Metadata = { title: 'Already a member' };

/**
 * Where an invitation leads someone who was a member already: it is used up, and their role is
 * the one they had (an invitation never changes a member's role).
 */
export default async function AlreadyMemberPage({ searchParams }: { searchParams: Promise<{ agency?: string | string[] }> }) {
  const { agency } = await searchParams;
  const user = await getSessionUser();
  if (!user) redirect('/signin');
  const membership = typeof agency === 'string' && agency.length <= 64 ? await unsafeFindMembershipBySlug({ userId: user.id, slug: agency }) : null;
  if (!membership) redirect('/');
  return (
    <AuthShell title={`You are already a member of ${membership.name}`}>
      <div className="space-y-6">
        <p className="text-sm text-slate-700" data-testid="invitation-message">
          You are already a member of {membership.name}, as {roleWithArticle(membership.role)}. Your role stays the same; ask an owner or admin if it should change.
        </p>
        <ButtonLink href={`/${membership.slug}`} className="w-full">
          Go to {membership.name}
        </ButtonLink>
      </div>
    </AuthShell>
  );
}
