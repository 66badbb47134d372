import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/auth/[...nextauth]/route';
import { handlers } from '@/server/auth/config';
import { checkSignInLimit } from '@/server/services/rate-limits/check-sign-in-limit';

// Auth.js itself (which sends the link) stands behind the limit; here it only records that it was reached.
vi.mock('@/server/auth/config', () => ({ handlers: { GET: vi.fn(), POST: vi.fn(async () => new Response(null, { status: 302, headers: { location: '/signin/check-email' } })) } }));

const APP = 'http://localhost:3999';

/** Asks Auth.js for a magic link the way a form post to its endpoint would. */
function requestLink(email: string, ip: string): Promise<Response> {
  return POST(
    new Request(`${APP}/api/auth/signin/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-afterview-client-ip': ip },
      body: new URLSearchParams({ email, csrfToken: 'token', callbackUrl: '/' }).toString(),
    }),
  );
}

const reachedAuthJs = () => vi.mocked(handlers.POST).mock.calls.length;

describe('sign-in requests are rate limited in Postgres', () => {
  it('per address: the sixth link in 15 minutes is refused with 429 and Retry-After, and never reaches Auth.js (so no email goes out)', async () => {
    const email = `limited-${randomUUID().slice(0, 8)}@example.com`;
    const start = reachedAuthJs();
    for (let i = 0; i < 5; i += 1) expect((await requestLink(email.toUpperCase(), `198.51.100.${i + 1}`)).status).toBe(302);
    expect(reachedAuthJs() - start).toBe(5);
    const refused = await requestLink(email, '198.51.100.99');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/Too many sign-in links were requested for this address/) });
    expect(reachedAuthJs() - start).toBe(5);
  });

  it('per network: many addresses from one IP are refused after the limit, other networks are not', async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 20}`;
    const now = new Date();
    for (let i = 0; i < 30; i += 1) expect((await checkSignInLimit({ email: `n${i}-${randomUUID()}@example.com`, ip }, now)).allowed).toBe(true);
    const refused = await checkSignInLimit({ email: `${randomUUID()}@example.com`, ip }, now);
    expect(refused).toMatchObject({ allowed: false, message: expect.stringMatching(/from your network/) });
    expect((await checkSignInLimit({ email: `${randomUUID()}@example.com`, ip: '192.0.2.250' }, now)).allowed).toBe(true);
    // The next window starts afresh.
    const later = new Date(now.getTime() + 16 * 60_000);
    expect((await checkSignInLimit({ email: `${randomUUID()}@example.com`, ip }, later)).allowed).toBe(true);
  });
});
