import { html, newNonce, PORTAL_CSS_HREF } from '@/app/portal/respond';
import { findDigestSubscription, unsubscribeDigest, type DigestSubscription } from '@/server/services/digests/unsubscribe-digest';
import { renderUnsubscribePage, type UnsubscribeView } from './unsubscribe-page';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ token: string }> };

async function page(view: UnsubscribeView, status: number): Promise<Response> {
  const nonce = newNonce();
  return html(await renderUnsubscribePage(view, { nonce, cssHref: PORTAL_CSS_HREF }), status, nonce);
}

function respond(subscription: DigestSubscription, token: string, { asking }: { asking: boolean }): Promise<Response> {
  switch (subscription.kind) {
    case 'invalid':
      return page({ step: 'invalid' }, 404);
    case 'not_member':
      return page({ step: 'not_member', subscription }, 200);
    case 'member':
      return asking && subscription.digestEnabled
        ? page({ step: 'confirm', subscription, action: `/unsubscribe/${encodeURIComponent(token)}` }, 200)
        : page({ step: 'done', subscription }, 200);
  }
}

/**
 * The link in the digest's footer. Opening it changes nothing (mail scanners open links too): it
 * asks, and the button posts back here.
 */
export async function GET(_request: Request, { params }: Params) {
  const { token } = await params;
  return respond(await findDigestSubscription(token), token, { asking: true });
}

/**
 * The page's button, and RFC 8058 one-click unsubscribe: mail clients post
 * `List-Unsubscribe=One-Click` from their own servers, with no cookie and no Origin, so the signed
 * token is the only credential and the body is not read.
 */
export async function POST(_request: Request, { params }: Params) {
  const { token } = await params;
  return respond(await unsubscribeDigest(token), token, { asking: false });
}
