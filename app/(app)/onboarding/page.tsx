import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/app/_components/ui';
import { getSessionUser } from '@/server/auth/session';
import { unsafeListUserMemberships } from '@/server/services/org/unsafe-list-user-memberships';
import { CreateOrgForm } from './create-org-form';

export const metadata: Metadata = { title: 'Create your agency' };

export default async function OnboardingPage() {
  const user = await getSessionUser();
  if (!user) redirect('/signin?callbackUrl=/onboarding');
  const memberships = await unsafeListUserMemberships({ userId: user.id });
  return (
    <AuthShell
      title={memberships.length ? 'Create another agency' : 'Create your agency'}
      subtitle={`Signed in as ${user.email}. You will be the owner and can invite your team next.`}
    >
      <CreateOrgForm />
      {memberships[0] ? (
        <p className="mt-6 text-center text-sm">
          <Link href={`/${memberships[0].slug}`} className="font-medium text-brand-700 underline">
            Back to {memberships[0].name}
          </Link>
        </p>
      ) : null}
    </AuthShell>
  );
}
