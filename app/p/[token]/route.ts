import type { NextRequest } from 'next/server';
import { env } from '@/server/env';
import { exchangePortalToken } from '@/server/services/portal/exchange-portal-token';
import { signPortalSession } from '@/server/services/portal/portal-token';
import { clientIpOf } from '@/server/security/client-ip';
import { messagePage, PORTAL_PATH, portalCookie } from '@/app/portal/respond';
import { seeOther } from '@/server/security/see-other';

export const dynamic = 'force-dynamic';

/**
 * The link in the candidate's email. The token is traded for a cookie at once and the browser
 * is sent on to a URL without it, so it stays out of history, screenshots and Referer headers.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const result = await exchangePortalToken({ token, ip: clientIpOf(request.headers) });
  switch (result.kind) {
    case 'ok': {
      const response = seeOther(PORTAL_PATH);
      response.headers.append('set-cookie', portalCookie(signPortalSession(env().authSecret, result.session), result.expiresAt));
      return response;
    }
    case 'rate_limited':
      return messagePage('rate_limited', { retryAfterSeconds: result.retryAfterSeconds });
    case 'archived':
      return messagePage('archived', { agency: result.agency, clearCookie: true });
    case 'invalid':
      return messagePage('invalid', { clearCookie: true });
  }
}
