import { auth } from '@/server/auth/config';
import { acceptInvitation } from '@/server/services/members/accept-invitation';
import { invitationPath, isInvitationTokenShape } from '@/server/services/members/invitation-token';

export const dynamic = 'force-dynamic';

/** A 303 that nobody caches and that does not pass the token on as a referrer. */
function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' } });
}

/**
 * The link in the invitation email. Signed out: to sign-in, which brings the user back here. Signed
 * in: the invitation is accepted and the browser goes on to the agency (303), so the token leaves
 * the address bar and history; a refusal goes to a page that explains it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const problem = `${invitationPath(token)}/error`;
  if (!isInvitationTokenShape(token)) return seeOther(problem);

  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return seeOther(`/signin?callbackUrl=${encodeURIComponent(invitationPath(token))}`);

  const outcome = await acceptInvitation({ user: { id: user.id, email: user.email }, token });
  switch (outcome.kind) {
    case 'accepted':
    case 'already_accepted':
      return seeOther(`/${outcome.orgSlug}`);
    case 'already_member':
      return seeOther(`/invite/joined?agency=${encodeURIComponent(outcome.orgSlug)}`);
    case 'invalid':
      // Nothing to look up again: the page says "not valid" without touching the token.
      return seeOther(`${problem}?reason=invalid`);
    default:
      return seeOther(problem);
  }
}
