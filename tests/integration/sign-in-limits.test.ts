import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { GET, POST } from '@/app/api/auth/[...nextauth]/route';
import { getDb, queryRows } from '@/db/client';
import { checkSignInEmail, SIGN_IN_EMAIL_MESSAGES, type SignInEmail } from '@/server/auth/normalize-email';
import { checkSignInLimit } from '@/server/services/rate-limits/check-sign-in-limit';

// The sign-in page's server action runs outside a Next request here: its request headers and
// cookies come from these stand-ins, and `redirect` throws as Next's does.
const request = vi.hoisted(() => ({ headers: new Headers(), cookies: new Map<string, string>() }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined),
    set: (name: string, value: string) => void request.cookies.set(name, value),
    delete: (name: string) => void request.cookies.delete(name),
  }),
}));
// Auth.js, the provider and the magic-link email run for real; the last step, the outbox insert,
// is recorded here instead: on a shared server database other files (mail.test.ts) deliver, count
// and delete every platform email, and would see these.
const enqueued = vi.hoisted(() => [] as { kind: string; to: string }[]);
vi.mock('@/server/email/system-outbox', () => ({
  enqueueSystemEmail: async (_exec: unknown, input: { kind: string; to: string }) => {
    enqueued.push({ kind: input.kind, to: input.to });
    return crypto.randomUUID();
  },
}));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { redirectedTo: url });
  },
}));

const { requestSignIn } = await import('@/app/(auth)/signin/actions');

const APP = 'http://localhost:3999';

/** Asks Auth.js itself for a magic link, as a form on another page (or a script) would: CSRF token first. */
async function requestLink(email: string): Promise<Response> {
  const csrf = await GET(new NextRequest(`${APP}/api/auth/csrf`) as never);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return POST(
    new NextRequest(`${APP}/api/auth/signin/email`, {
      method: 'POST',
      // A network of its own per request: these tests count per address (the per-network limit has its own test).
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-afterview-client-ip': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, cookie },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: '/' }).toString(),
    }),
  );
}

/** Submits the sign-in page's form through its server action. */
async function submitSignInForm(email: string): Promise<{ error?: string; redirectedTo?: string }> {
  const form = new FormData();
  form.set('email', email);
  form.set('callbackUrl', '/');
  try {
    return await requestSignIn({}, form);
  } catch (error) {
    const redirectedTo = (error as { redirectedTo?: string }).redirectedTo;
    if (redirectedTo) return { redirectedTo };
    throw error;
  }
}

/** What went out: the recipients of the sign-in emails written to the platform outbox, in order. */
async function signInEmails(): Promise<string[]> {
  return enqueued.filter((e) => e.kind === 'magic_link').map((e) => e.to);
}

async function rateLimitKeys(): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(getDb(), sql`select key from rate_limits where key like 'sign-in:email:%' order by key`);
  return rows.map((r) => r.key);
}

const emailKeyOf = (email: string) => `sign-in:email:${createHash('sha256').update(email).digest('base64url')}`;
const normalized = (email: string) => {
  const check = checkSignInEmail(email);
  if (!check.ok) throw new Error(check.message);
  return check.email;
};

/** Spellings of `local@example.com` that Auth.js's own normaliser would mail to that address. */
function lookAlikes(local: string): { email: string; message: string }[] {
  const fullWidth = [...local].map((c) => (/[a-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
  return [
    { email: `${local}@example.com,1`, message: SIGN_IN_EMAIL_MESSAGES.list },
    { email: `${local}@example.com,2`, message: SIGN_IN_EMAIL_MESSAGES.list },
    { email: `${local}@example.com,attacker@evil.example`, message: SIGN_IN_EMAIL_MESSAGES.list },
    { email: `${local}@example.com;x`, message: SIGN_IN_EMAIL_MESSAGES.list },
    { email: `${fullWidth}@example.com`, message: SIGN_IN_EMAIL_MESSAGES.lookAlike },
    { email: `${local}@ｅｘａｍｐｌｅ.com`, message: SIGN_IN_EMAIL_MESSAGES.lookAlike },
    { email: `${local}＠example.com`, message: SIGN_IN_EMAIL_MESSAGES.lookAlike },
    { email: `${local}@example.com，1`, message: SIGN_IN_EMAIL_MESSAGES.lookAlike },
    { email: `${local}@example.com\r\nBcc: attacker@evil.example`, message: SIGN_IN_EMAIL_MESSAGES.control },
    { email: `${local}@example.com\u0000`, message: SIGN_IN_EMAIL_MESSAGES.control },
  ];
}

beforeEach(() => {
  request.headers = new Headers({ 'x-afterview-client-ip': '198.51.100.77' });
  request.cookies.clear();
});

describe('sign-in requests are rate limited in Postgres', () => {
  it('per address: the sixth link in 15 minutes is refused with 429 and Retry-After, and no sixth email goes out', async () => {
    const email = `limited-${randomUUID().slice(0, 8)}@example.com`;
    for (let i = 0; i < 5; i += 1) expect((await requestLink(i % 2 ? email.toUpperCase() : ` ${email} `)).status).toBe(302);
    const refused = await requestLink(email);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/Too many sign-in links were requested for this address/) });
    expect((await signInEmails()).filter((to) => to === email)).toHaveLength(5);
  });

  it('per network: many addresses from one IP are refused after the limit, other networks are not', async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 20}`;
    const now = new Date();
    for (let i = 0; i < 30; i += 1) expect((await checkSignInLimit({ email: normalized(`n${i}-${randomUUID()}@example.com`), ip }, now)).allowed).toBe(true);
    const refused = await checkSignInLimit({ email: normalized(`${randomUUID()}@example.com`), ip }, now);
    expect(refused).toMatchObject({ allowed: false, message: expect.stringMatching(/from your network/) });
    expect((await checkSignInLimit({ email: normalized(`${randomUUID()}@example.com`), ip: '192.0.2.250' }, now)).allowed).toBe(true);
    // The next window starts afresh.
    const later = new Date(now.getTime() + 16 * 60_000);
    expect((await checkSignInLimit({ email: normalized(`${randomUUID()}@example.com`), ip }, later)).allowed).toBe(true);
  });
});

describe('look-alike addresses cannot get around the per-address limit', () => {
  it('Auth.js endpoint: lists, full-width letters and control characters are refused with 400 and a reason, send nothing and leave no counter', async () => {
    const local = `victim${randomUUID().slice(0, 6).replace(/\d/g, 'x')}`;
    const victim = `${local}@example.com`;
    const keysBefore = await rateLimitKeys();

    for (const { email, message } of lookAlikes(local)) {
      const response = await requestLink(email);
      expect(response.status, JSON.stringify(email)).toBe(400);
      expect(await response.json()).toEqual({ error: message });
    }
    expect((await signInEmails()).filter((to) => to.toLowerCase().includes(local))).toEqual([]);
    expect(await rateLimitKeys()).toEqual(keysBefore);

    // The address itself still gets exactly its five links, however the look-alikes are mixed in.
    for (let i = 0; i < 5; i += 1) {
      expect((await requestLink(i === 0 ? victim.toUpperCase() : victim)).status).toBe(302);
      expect((await requestLink(lookAlikes(local)[i]!.email)).status).toBe(400);
    }
    expect((await requestLink(victim)).status).toBe(429);
    for (const { email } of lookAlikes(local)) expect((await requestLink(email)).status).toBe(400);
    expect((await signInEmails()).filter((to) => to.toLowerCase().includes(local))).toEqual(Array(5).fill(victim));
    expect(await rateLimitKeys()).toEqual([...keysBefore, emailKeyOf(victim)].sort());
  });

  it('sign-in page: the form refuses look-alikes in words, and mails the very address the limit counts', async () => {
    const local = `page${randomUUID().slice(0, 6).replace(/\d/g, 'y')}`;
    const address = `${local}@example.com`;
    const keysBefore = await rateLimitKeys();

    // The form keeps what was typed, so it can be corrected.
    for (const { email, message } of lookAlikes(local)) expect(await submitSignInForm(email)).toEqual({ error: message, email });
    expect(await submitSignInForm('not-an-email')).toEqual({ error: SIGN_IN_EMAIL_MESSAGES.invalid, email: 'not-an-email' });
    expect(await submitSignInForm('')).toEqual({ error: SIGN_IN_EMAIL_MESSAGES.empty, email: '' });
    expect(await rateLimitKeys()).toEqual(keysBefore);
    expect((await signInEmails()).filter((to) => to.includes(local))).toEqual([]);

    // Spaces and capitals are the only changes allowed; the email and the token are for the normalised address.
    expect(await submitSignInForm(`  ${local.toUpperCase()}@Example.COM `)).toEqual({ redirectedTo: '/signin/check-email' });
    expect((await signInEmails()).filter((to) => to.includes(local))).toEqual([address]);
    const tokens = await queryRows<{ identifier: string }>(getDb(), sql`select identifier from verification_tokens where identifier like ${`%${local}%`}`);
    expect(tokens.map((t) => t.identifier)).toEqual([address]);

    // The page and the endpoint share one counter for the address: 1 + 3 + 1 = 5, then refused both ways.
    for (let i = 0; i < 3; i += 1) expect((await requestLink(address.toUpperCase())).status).toBe(302);
    expect(await submitSignInForm(address)).toEqual({ redirectedTo: '/signin/check-email' });
    expect(await submitSignInForm(address)).toEqual({ error: expect.stringMatching(/Too many sign-in links were requested for this address/), email: address });
    expect((await requestLink(address)).status).toBe(429);
    expect((await signInEmails()).filter((to) => to.includes(local))).toEqual(Array(5).fill(address));
  });

  it('Auth.js normalises with the same function: what reaches it is mailed to the address the limit counted', async () => {
    const { handlers } = await import('@/server/auth/config');
    const address = `direct-${randomUUID().slice(0, 8)}@example.com` as SignInEmail;
    // Past the route's own check (as a future caller might be), Auth.js still refuses to mail a list.
    const csrf = await GET(new NextRequest(`${APP}/api/auth/csrf`) as never);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const post = (email: string) =>
      handlers.POST(
        new NextRequest(`${APP}/api/auth/signin/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body: new URLSearchParams({ email, csrfToken, callbackUrl: '/' }).toString(),
        }) as never,
      );
    const authLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const listed = await post(`${address},2`);
    expect(authLog).toHaveBeenCalled();
    authLog.mockRestore();
    expect(listed.headers.get('location')).toMatch(/\/signin\/error\?error=/);
    expect((await signInEmails()).filter((to) => to.startsWith(address.split('@')[0]!))).toEqual([]);
    expect((await post(` ${address.toUpperCase()} `)).status).toBe(302);
    expect((await signInEmails()).filter((to) => to.startsWith(address.split('@')[0]!))).toEqual([address]);
  });
});
