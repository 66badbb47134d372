import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { GET, POST } from '@/app/api/trpc/[trpc]/route';
import { queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { auth } from '@/server/auth/config';
import { createTenant, type TenantFixture } from '../support/fixtures';

vi.mock('@/server/auth/config', () => ({ auth: vi.fn() }));

const APP = 'http://localhost:3999';
let fx: TenantFixture;

beforeAll(async () => {
  fx = await createTenant('Csrf');
  // Every request below carries the owner's session, as a browser with the cookie would.
  (auth as unknown as Mock).mockResolvedValue({ user: { id: fx.ownerId } });
});

const teamNames = async () =>
  (await withTenant(fx.orgId, (tx) => queryRows<{ name: string }>(tx, sql`select name from teams where org_id = ${fx.orgId}`))).map((r) => r.name);

function createTeam(name: string, headers: Record<string, string>): Promise<Response> {
  return POST(new Request(`${APP}/api/trpc/team.create`, { method: 'POST', headers, body: JSON.stringify({ json: { orgSlug: fx.slug, name } }) }));
}

describe('tRPC mutations refuse what a hostile page can send', () => {
  it('a cross-site text/plain fetch (no preflight) is refused and creates nothing', async () => {
    const name = `Text plain ${randomUUID().slice(0, 8)}`;
    const response = await createTeam(name, { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { message: 'Send requests to this API as application/json.' } });
    expect(await teamNames()).not.toContain(name);
  });

  it('a cross-site form post is refused and creates nothing', async () => {
    const name = `Form ${randomUUID().slice(0, 8)}`;
    const response = await POST(
      new Request(`${APP}/api/trpc/team.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        body: new URLSearchParams({ json: JSON.stringify({ orgSlug: fx.slug, name }) }).toString(),
      }),
    );
    expect(response.status).toBe(415);
    expect(await teamNames()).not.toContain(name);
  });

  it('JSON from another site is refused, by Fetch Metadata or, without it, by Origin', async () => {
    const name = `Cross json ${randomUUID().slice(0, 8)}`;
    const attempts: Record<string, string>[] = [
      { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'content-type': 'application/json', 'sec-fetch-site': 'same-site', origin: 'https://sub.localhost' },
      { 'content-type': 'application/json', origin: 'https://evil.example' },
    ];
    for (const headers of attempts) {
      const response = await createTeam(name, headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { message: 'This request came from another site and was refused.' } });
    }
    expect(await teamNames()).not.toContain(name);
  });

  it('the app’s own JSON request goes through', async () => {
    const name = `Same origin ${randomUUID().slice(0, 8)}`;
    const response = await createTeam(name, { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', origin: APP });
    expect(response.status).toBe(200);
    expect(await teamNames()).toContain(name);
  });

  it('a mutation cannot be called with GET', async () => {
    const name = `By get ${randomUUID().slice(0, 8)}`;
    const input = encodeURIComponent(JSON.stringify({ json: { orgSlug: fx.slug, name } }));
    const response = await GET(new Request(`${APP}/api/trpc/team.create?input=${input}`, { headers: { 'sec-fetch-site': 'cross-site' } }));
    expect(response.status).toBe(405);
    expect(await teamNames()).not.toContain(name);
  });
});
