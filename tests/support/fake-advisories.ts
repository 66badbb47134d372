import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface FakeAdvisory {
  severity: 'low' | 'moderate' | 'high' | 'critical';
  vulnerable_versions: string;
  title?: string;
}

/**
 * The npm registry's bulk advisory endpoint (`POST /-/npm/v1/security/advisories/bulk`), as
 * `npm audit` asks it: the body is `{ name: [versions] }` (often gzipped), the answer
 * `{ name: [advisory] }` for the names it was asked about. `status` makes it answer like a
 * registry without the endpoint. Packuments are not served: npm audit reports without them.
 */
export async function startFakeAdvisories(options: { advisories?: Record<string, FakeAdvisory[]>; status?: number } = {}) {
  const asked: Record<string, string[]>[] = [];
  let nextId = 1000;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (request.method !== 'POST' || !request.url?.startsWith('/-/npm/v1/security/advisories/bulk')) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
        return;
      }
      if (options.status) {
        response.writeHead(options.status, { 'content-type': 'application/json' }).end('{"error":"Method Not Allowed"}');
        return;
      }
      const body = JSON.parse((request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')) as Record<string, string[]>;
      asked.push(body);
      const answer: Record<string, unknown[]> = {};
      for (const [name, list] of Object.entries(options.advisories ?? {})) {
        if (!(name in body)) continue;
        answer[name] = list.map((advisory) => {
          const id = nextId++;
          return { id, url: `https://advisories.example/${id}`, title: advisory.title ?? `Test advisory for ${name}`, cwe: [], cvss: { score: 0, vectorString: null }, ...advisory };
        });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    registry: `http://127.0.0.1:${port}/`,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
