import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ButtonLink } from '@/app/_components/ui';
import { getSessionUser } from '@/server/auth/session';
import { unsafeListUserMemberships } from '@/server/services/org/unsafe-list-user-memberships';
import { invitationReturnPath } from '@/app/invite/return-path';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const user = await getSessionUser();
  if (user) {
    // next-auth sends a brand-new user here (pages.newUser) with the page they were going to; an
    // invitation link must still be accepted.
    const resume = invitationReturnPath((await searchParams).callbackUrl);
    if (resume) redirect(resume);
    const memberships = await unsafeListUserMemberships({ userId: user.id });
    redirect(memberships[0] ? `/${memberships[0].slug}` : '/onboarding');
  }
  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col justify-center px-6 py-16">
      <p className="text-lg font-bold text-brand-700">Afterview</p>
      <h1 className="mt-4 text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">Know who followed up.</h1>
      <p className="mt-6 text-lg leading-8 text-slate-700">
        Afterview shows recruiting agencies which candidates followed up after their interviews, how fast and how strongly, and
        who is still waiting on a reply.
      </p>
      <div className="mt-10 flex items-center gap-4">
        <ButtonLink href="/signin">Sign in</ButtonLink>
        <Link href="/signin" className="text-sm font-semibold text-slate-800">
          New agency? Start here <span aria-hidden="true">→</span>
        </Link>
      </div>
    </main>
  );
}
