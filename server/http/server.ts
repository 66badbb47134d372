import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import next from 'next';
import { env, isLoopbackUrl } from '@/server/env';
import { log, withLogContext } from '@/server/log';
import { closePools, stopBackgroundWork } from './shutdown';
import { normalizeAddress, REQUEST_ID_HEADER, stampRequest } from './stamp-request';

export interface StartOptions {
  dev: boolean;
  port: number;
  /** Where to listen; a local production build listens on loopback only. */
  hostname?: string;
  dir?: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(reason: string): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

// Marks the process as served through this door; instrumentation refuses to run in production
// without it (a bare `next start` would skip the request stamping and trust forged headers).
const marker = globalThis as unknown as { __afterviewHttpServer?: boolean };

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' });
  res.end(JSON.stringify({ error: { message } }));
}

/**
 * Afterview's HTTP server: Next.js behind one door that stamps every request (client address,
 * request id, canonical host), keeps a local production build to loopback, and shuts down in
 * order on SIGTERM: stop accepting, finish what is in flight, stop the queue, close the pools.
 */
export async function startHttpServer(options: StartOptions): Promise<RunningServer> {
  const e = env();
  const production = !options.dev;
  const localOnly = production && e.LOCAL_PRODUCTION;
  const hostname = options.hostname ?? (localOnly ? '127.0.0.1' : undefined);
  marker.__afterviewHttpServer = true;

  const app = next({ dev: options.dev, dir: options.dir ?? process.cwd(), port: options.port, hostname: hostname ?? 'localhost' });
  await app.prepare();
  const handle = app.getRequestHandler();
  const stampOptions = { trustProxyHops: e.TRUST_PROXY_HOPS, canonicalOrigin: production ? new URL(e.APP_URL).origin : undefined };
  let draining = false;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const peer = req.socket.remoteAddress;
    if (localOnly && !LOOPBACK.has(normalizeAddress(peer) ?? '')) {
      refuse(res, 403, 'This is a local production build (LOCAL_PRODUCTION=true): it answers this machine only.');
      return;
    }
    const { requestId } = stampRequest(req.headers, peer, stampOptions);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (draining) res.setHeader('connection', 'close');
    withLogContext({ requestId }, () => {
      handle(req, res).catch((error: unknown) => {
        log.error('request failed outside Next.js', { err: error, path: req.url?.split('?')[0] });
        if (!res.headersSent) refuse(res, 500, 'Something went wrong on our side.');
        else res.end();
      });
    });
  });
  // Slow-loris and idle sockets must not hold an instance open forever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  const upgrade = app.getUpgradeHandler();
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (localOnly && !LOOPBACK.has(normalizeAddress(req.socket.remoteAddress) ?? '')) return socket.destroy();
    stampRequest(req.headers, req.socket.remoteAddress, stampOptions);
    void upgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, hostname, () => resolve());
  });
  if (localOnly) {
    log.warn('LOCAL_PRODUCTION=true: a production build for this machine only. It listens on 127.0.0.1 and refuses other peers; do not expose it.', {
      appUrl: e.APP_URL,
      devMailbox: e.mail.transport === 'dev',
    });
  }
  if (production && e.TRUST_PROXY_HOPS === 0 && !isLoopbackUrl(e.APP_URL)) {
    log.info('TRUST_PROXY_HOPS=0: client addresses come from the socket. Behind a load balancer or reverse proxy, set it to the number of proxies.');
  }

  let closing: Promise<void> | undefined;
  const close = (reason: string) => {
    closing ??= (async () => {
      draining = true;
      const deadline = e.SHUTDOWN_TIMEOUT_MS;
      log.info(`shutting down (${reason}): no new connections; finishing requests in flight`, { timeoutMs: deadline });
      const timer = setTimeout(() => {
        log.error(`shutdown took longer than ${deadline} ms; closing what is left`);
        server.closeAllConnections();
      }, deadline);
      timer.unref();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Live-update streams never end on their own, and queue jobs hold the database: both go
      // before the requests in flight are awaited and the pools closed.
      await stopBackgroundWork();
      await stopped;
      clearTimeout(timer);
      await app.close().catch(() => {});
      await closePools();
      log.info('shut down cleanly');
    })();
    return closing;
  };

  return { server, url: e.APP_URL, close };
}
