import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** Set by the HTTP server on every request; a client-sent copy is thrown away first. */
export const CLIENT_IP_HEADER = 'x-afterview-client-ip';
export const REQUEST_ID_HEADER = 'x-request-id';

export interface StampOptions {
  /** Reverse proxies in front of the app that append the address they saw to X-Forwarded-For. */
  trustProxyHops: number;
  /** When set (production), Host and the forwarded host/proto name this origin whatever the client sent. */
  canonicalOrigin?: string;
}

export interface Stamp {
  clientIp: string;
  requestId: string;
}

/** `::ffff:203.0.113.9` is how Node names an IPv4 peer on a dual-stack socket. */
export function normalizeAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(plain) ? plain : undefined;
}

function forwardedChain(headers: IncomingHttpHeaders): string[] {
  const raw = headers['x-forwarded-for'];
  const joined = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  return joined
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The client, as far as the configured proxies can vouch: the socket's peer with no proxy, else
 * the entry the outermost trusted proxy appended. Everything further left was written by the
 * client and is never believed. Fewer entries than hops means a proxy is missing or
 * misconfigured; the left-most address is then the best there is.
 */
export function clientAddress(headers: IncomingHttpHeaders, peer: string | undefined, trustProxyHops: number): string {
  const socket = normalizeAddress(peer) ?? 'unknown';
  if (trustProxyHops === 0) return socket;
  const chain = [...forwardedChain(headers), socket];
  const picked = chain[Math.max(0, chain.length - 1 - trustProxyHops)];
  return normalizeAddress(picked) ?? socket;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Rewrites the headers the app reads as facts: the client's address, the request id, and (in
 * production) the host and scheme. Nothing downstream can then be led by a forged Host,
 * X-Forwarded-* or Forwarded header, whichever code reads it.
 */
export function stampRequest(headers: IncomingHttpHeaders, peer: string | undefined, options: StampOptions): Stamp {
  const clientIp = clientAddress(headers, peer, options.trustProxyHops);
  const offered = headers[REQUEST_ID_HEADER];
  // A request id from a trusted proxy ties our lines to its access log; a client's is not trusted.
  const requestId = options.trustProxyHops > 0 && typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();

  delete headers.forwarded;
  delete headers['x-real-ip'];
  headers['x-forwarded-for'] = clientIp;
  headers[CLIENT_IP_HEADER] = clientIp;
  headers[REQUEST_ID_HEADER] = requestId;
  if (options.canonicalOrigin) {
    const url = new URL(options.canonicalOrigin);
    headers.host = url.host;
    headers['x-forwarded-host'] = url.host;
    headers['x-forwarded-proto'] = url.protocol.slice(0, -1);
    headers['x-forwarded-port'] = url.port || (url.protocol === 'https:' ? '443' : '80');
  } else {
    delete headers['x-forwarded-host'];
    delete headers['x-forwarded-proto'];
    delete headers['x-forwarded-port'];
  }
  return { clientIp, requestId };
}
