/*
 * Addresses no page of the app can have. Next.js decodes each path segment for its route params
 * and answers a bare "Internal Server Error" when one is not valid percent-encoded UTF-8
 * (`/p/%FF`, `/%E0%A4%A`); a NUL that does decode (`/api/orgs/%00/dashboard.csv`) travels on as a
 * slug or an id until Postgres refuses it, a 500 again. proxy.ts asks this first, for every
 * request, and answers such an address with a 400 that says what is wrong.
 */

// C0 controls and DEL: no slug, id, token or file name of the app holds one.
const CONTROL = /[\u0000-\u001f\u007f]/;

export const MALFORMED_ENCODING = 'This web address is not valid: part of it is encoded wrongly (a "%" code that is not valid UTF-8). Check the link and try again.';
export const CONTROL_CHARACTER = 'This web address is not valid: it contains a control character (such as a NUL byte). Check the link and try again.';
export const NUL_IN_QUERY = 'This web address is not valid: its query contains a NUL byte (%00). Check the link and try again.';

/**
 * Why the request's address is malformed, in words for the person who followed it, or null when
 * it is fine. `pathname` and `search` are as sent (still percent-encoded), as `URL` keeps them.
 */
export function malformedAddress({ pathname, search }: { pathname: string; search: string }): string | null {
  // Most paths hold no escape at all: nothing to decode.
  if (pathname.includes('%')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return MALFORMED_ENCODING;
    }
    if (CONTROL.test(decoded)) return CONTROL_CHARACTER;
  } else if (CONTROL.test(pathname)) {
    return CONTROL_CHARACTER;
  }
  // A bad escape in a query becomes U+FFFD when it is read, which is harmless; a NUL is not: it
  // reaches a database query as text. (Forms and tRPC send text as JSON, where a NUL is `\u0000`.)
  if (search.includes('%00')) return NUL_IN_QUERY;
  return null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The 400 for a malformed address: a small page for a browser, plain text for anything else. It
 * is built here rather than rendered by Next.js, which is what fails on such an address.
 */
export function malformedAddressResponse(reason: string, { html }: { html: boolean }): Response {
  const headers = new Headers({
    'cache-control': 'no-store',
    // The address may be a token link: it is not passed on, nor kept by a search engine.
    'referrer-policy': 'no-referrer',
    'x-robots-tag': 'noindex, nofollow',
  });
  if (!html) {
    headers.set('content-type', 'text/plain; charset=utf-8');
    return new Response(`${reason}\n`, { status: 400, headers });
  }
  headers.set('content-type', 'text/html; charset=utf-8');
  const page = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Bad request · Afterview</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:28rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem}
h1{margin:0 0 1rem;font-size:1.25rem}
p{margin:0 0 1.5rem;color:#334155;line-height:1.5}
a{display:inline-block;padding:.6rem 1rem;border-radius:.375rem;background:#4338ca;color:#fff;font-weight:600;text-decoration:none}
a:focus-visible{outline:3px solid #0f172a;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>Bad request</h1>
<p>${escapeHtml(reason)}</p>
<a href="/">Go to Afterview</a>
</main>
</body>
</html>
`;
  return new Response(page, { status: 400, headers });
}
