import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthShell, Button, ButtonLink } from '@/app/_components/ui';
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

/**
 * The link in the invitation email. Opening it changes nothing: a signed-in invitee reads who
 * invited them, to which agency and as what, and joins with a button (a POST to `./accept`), so a
 * mail scanner or link preview cannot accept for them. Every refusal is explained here; only
 * "invalid" may come in the address (from `./accept`, which has just looked it up), since it
 * needs no lookup and reveals nothing.
 */
export default async function InvitationPage({
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
  if (check.kind === 'already_accepted') redirect(`/${check.orgSlug}`);

  return (
    <AuthShell title={check.kind === 'acceptable' ? `Join ${check.agencyName}` : TITLES[check.kind]}>
      <div className="space-y-6">
        <p className="text-sm break-words text-slate-700" data-testid="invitation-message">
          {invitationMessage(check)}
        </p>
        <div className="flex flex-col gap-3">
          {check.kind === 'acceptable' ? (
            <form method="post" action={`${invitationPath(token)}/accept`}>
              <Button type="submit" className="w-full" autoFocus>
                Join {check.agencyName}
              </Button>
            </form>
          ) : null}
          {check.kind === 'wrong_account' ? (
            <form action={signOutToInvitation}>
              <input type="hidden" name="token" value={token} />
              <Button type="submit" className="w-full">
                Sign out
              </Button>
            </form>
          ) : null}
          {user ? (
            <ButtonLink href="/" variant={check.kind === 'wrong_account' || check.kind === 'acceptable' ? 'secondary' : 'primary'} className="w-full">
              {check.kind === 'acceptable' ? 'Not now' : 'Go to Afterview'}
            </ButtonLink>
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
