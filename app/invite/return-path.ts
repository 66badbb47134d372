import { isInvitationTokenShape } from '@/server/services/members/invitation-token';

const INVITE_PATH = /^\/invite\/([^/?#]+)$/;

/**
 * Where a user who just signed in for the first time resumes an invitation. next-auth sends a new
 * user to `pages.newUser` (`/`) with the original destination as `?callbackUrl=<absolute URL>`;
 * the home page calls this and redirects to the result when there is one. Only the path of an
 * invitation link is kept (never another origin), so it cannot become an open redirect.
 */
export function invitationReturnPath(callbackUrl: string | string[] | undefined | null): string | null {
  if (typeof callbackUrl !== 'string' || callbackUrl.length > 500) return null;
  let path: string;
  try {
    path = new URL(callbackUrl, 'http://invalid.localhost').pathname;
  } catch {
    return null;
  }
  const token = INVITE_PATH.exec(path)?.[1];
  return token && isInvitationTokenShape(token) ? `/invite/${token}` : null;
}
