import { auth } from '@/server/auth/config';
import { isSameOrigin } from '@/server/security/same-origin';
import { seeOther } from '@/server/security/see-other';
import { acceptInvitation } from '@/server/services/members/accept-invitation';
import { invitationPath, isInvitationTokenShape } from '@/server/services/members/invitation-token';

export const dynamic = 'force-dynamic';

/**
 * The "Join" button of the invitation page posts here: accepting changes who may see an agency's
 * data, so it never happens on a GET (a link preview, a mail scanner or a prefetch would accept it
 * for the user) nor from another site's form. Accepted: on to the agency (303), so the token
 * leaves the address bar and history; refused: back to the page, which explains why.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!isSameOrigin(request)) {
    return new Response('This request came from another site and was refused.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  }
  const page = invitationPath(token);
  if (!isInvitationTokenShape(token)) return seeOther(`${page}?reason=invalid`);

  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return seeOther(`/signin?callbackUrl=${encodeURIComponent(page)}`);

  const outcome = await acceptInvitation({ user: { id: user.id, email: user.email }, token });
  switch (outcome.kind) {
    case 'accepted':
    case 'already_accepted':
      return seeOther(`/${outcome.orgSlug}`);
    case 'already_member':
      return seeOther(`/invite/joined?agency=${encodeURIComponent(outcome.orgSlug)}`);
    case 'invalid':
      // Nothing to look up again: the page says "not valid" without counting the token twice.
      return seeOther(`${page}?reason=invalid`);
    default:
      return seeOther(page);
  }
}
