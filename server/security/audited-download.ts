import { isSameOrigin } from './same-origin';

/*
 * A download that writes an audit entry (the dashboard CSV, a candidate's GDPR export) changes
 * something, so it is a POST from the app's own page. As a GET, any site could trigger it with a
 * top-level navigation (a link, `location = …`): SameSite=Lax cookies go along with those, and the
 * victim's audit log would fill with exports they never asked for.
 */

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

/** The answer to a GET of an audited download: 405, nothing read, nothing written. */
export function auditedDownloadGet(): Response {
  return plain(405, 'This download is recorded in the audit log, so it starts from its button in Afterview (a POST request), not from a link or an address.', {
    allow: 'POST',
  });
}

/** A 403 for a POST from another site (Fetch Metadata, else Origin), before anything is read; null when it may go on. */
export function refuseCrossSiteDownload(request: Request): Response | null {
  if (isSameOrigin(request)) return null;
  return plain(403, 'This download was requested from another site and was refused. Start it from Afterview.');
}
