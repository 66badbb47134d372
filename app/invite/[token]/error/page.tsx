import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AuthShell, Button, ButtonLink, cx } from '@/app/_components/ui';
import { getSessionUser } from '@/server/auth/session';
import { checkInvitation, invitationMessage, type InvitationCheck } from '@/server/services/members/accept-invitation';
import { invitationPath, isInvitationTokenShape } from '@/server/services/members/invitation-token';
import { signOutToInvitation } from './actions';

// The address holds the token: it must not leak as a referrer, nor be indexed.
export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer', robots: { index: false, follow: false } };

const TITLES: Record<InvitationCheck['kind'], string> = {
  invalid: 'This invitation is not valid',
  expired: 'This invitation has expired',
  wrong_account: 'This invitation is for another address',
  rate_limited: 'Too many attempts',
  already_accepted: 'You have already joined',
  acceptable: 'You are invited',
};

/** A plain link: the invitation route is a route handler, not a page the client router can fetch. */
function LinkButton({ href, children, variant = 'primary' }: { href: string; children: ReactNode; variant?: 'primary' | 'secondary' }) {
  return (
    <a
      href={href}
      className={cx(
        'inline-flex min-h-10 w-full items-center justify-center rounded-md px-4 py-2 text-sm font-semibold',
        variant === 'primary' ? 'bg-brand-700 text-white hover:bg-brand-800' : 'bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50',
      )}
    >
      {children}
    </a>
  );
}

/**
 * Why an invitation link did not let the user in. The route sends every refusal here; the reason is
 * looked up again (nothing in the address is trusted but "invalid", which needs no lookup).
 */
export default async function InvitationProblemPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ reason?: string | string[] }>;
}) {
  const { token } = await params;
  const { reason } = await searchParams;
  const user = await getSessionUser();
  let check: InvitationCheck = { kind: 'invalid' };
  if (reason !== 'invalid' && isInvitationTokenShape(token)) {
    if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(invitationPath(token))}`);
    check = await checkInvitation({ user, token });
  }

  return (
    <AuthShell title={TITLES[check.kind]}>
      <div className="space-y-6">
        <p className="text-sm break-words text-slate-700" data-testid="invitation-message">
          {invitationMessage(check)}
        </p>
        <div className="flex flex-col gap-3">
          {check.kind === 'wrong_account' ? (
            <form action={signOutToInvitation}>
              <input type="hidden" name="token" value={token} />
              <Button type="submit" className="w-full">
                Sign out
              </Button>
            </form>
          ) : null}
          {check.kind === 'acceptable' ? <LinkButton href={invitationPath(token)}>Accept the invitation</LinkButton> : null}
          {check.kind === 'already_accepted' ? (
            <ButtonLink href={`/${check.orgSlug}`} className="w-full">
              Go to {check.agencyName}
            </ButtonLink>
          ) : null}
          {user ? (
            check.kind !== 'already_accepted' ? (
              <ButtonLink href="/" variant={check.kind === 'wrong_account' || check.kind === 'acceptable' ? 'secondary' : 'primary'} className="w-full">
                Go to Afterview
              </ButtonLink>
            ) : null
          ) : (
            <ButtonLink href="/signin" className="w-full">
              Sign in
            </ButtonLink>
          )}
        </div>
        {user ? <p className="text-center text-xs text-slate-600">Signed in as {user.email}</p> : null}
      </div>
    </AuthShell>
  );
}
