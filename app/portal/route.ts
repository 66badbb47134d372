import type { NextRequest } from 'next/server';
import { env } from '@/server/env';
import { PORTAL_COOKIE } from '@/server/services/portal/portal-token';
import { withPortalSession } from '@/server/services/portal/with-portal-session';
import { portalPage } from './page-response';
import { messagePage } from './respond';

export const dynamic = 'force-dynamic';

/** The candidate's portal: who they talk to, what they asked, what they were answered. */
export async function GET(request: NextRequest) {
  const sent = request.nextUrl.searchParams.get('sent');
  const notice = sent === 'question' || sent === 'thanks' ? sent : null;
  const result = await withPortalSession({ secret: env().authSecret, cookie: request.cookies.get(PORTAL_COOKIE)?.value }, (ctx) =>
    portalPage(ctx, { notice }),
  );
  if (result.kind === 'invalid') return messagePage('invalid', { clearCookie: true });
  if (result.kind === 'archived') return messagePage('archived', { agency: result.agency, clearCookie: true });
  return result.value;
}
