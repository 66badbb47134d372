/**
 * A 303 away from a URL that carried a secret token (a portal link, an invitation): nobody caches
 * it, the token is not passed on as a referrer, and no search engine keeps the URL.
 */
export function seeOther(location: string): Response {
  return new Response(null, {
    status: 303,
    headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex, nofollow' },
  });
}
