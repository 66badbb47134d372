import { PORTAL_CSS } from '../_view';

/** The portal's one stylesheet; its URL carries a content hash, so it may be cached for good. */
export function GET() {
  return new Response(PORTAL_CSS, {
    headers: {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    },
  });
}
