import { CLIENT_IP_HEADER } from '@/server/http/stamp-request';

/**
 * The address rate limits count against, as the HTTP server worked it out from the socket and
 * TRUST_PROXY_HOPS (server/http/stamp-request.ts). X-Forwarded-For is never read here: without a
 * trusted proxy it is whatever the client wrote.
 */
export function clientIpOf(headers: Headers): string {
  return (headers.get(CLIENT_IP_HEADER) ?? 'unknown').slice(0, 64);
}
