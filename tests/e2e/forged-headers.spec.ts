import { expect, test } from '@playwright/test';
import { DEMO, newestMailboxEntry, openNewestSignInEmail, RESEND_APP, requestSignInLink, signIn, uniqueEmail } from './support';

/**
 * An outsider's view of a production build: headers a client writes (Host, X-Forwarded-*,
 * Forwarded) decide nothing, and development pages are not there.
 */
const FORGED = {
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  forwarded: 'for=203.0.113.9;host=evil.example;proto=https',
};

test('a sign-in link asked for through the API with a forged Host points at APP_URL', async ({ page, baseURL }) => {
  const email = uniqueEmail('forged-host');
  const previous = await newestMailboxEntry(page, email);
  const csrf = await page.request.get('/api/auth/csrf', { headers: { host: 'evil.example', ...FORGED } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const asked = await page.request.post('/api/auth/signin/email', {
    headers: { host: 'evil.example', ...FORGED },
    form: { email, csrfToken, callbackUrl: 'https://evil.example/after' },
    maxRedirects: 0,
  });
  expect(asked.status()).toBe(302);
  expect(asked.headers().location, 'the redirect stays on APP_URL').toMatch(new RegExp(`^${baseURL}/`));
  const href = await openNewestSignInEmail(page, email, previous);
  expect(new URL(href).origin).toBe(baseURL);
  expect(href).not.toContain('evil.example');
});

test('a sign-in link asked for through the sign-in form with forged forwarding headers points at APP_URL', async ({ page, baseURL }) => {
  const email = uniqueEmail('forged-form');
  const previous = await newestMailboxEntry(page, email);
  await page.setExtraHTTPHeaders(FORGED);
  await requestSignInLink(page, email);
  const href = await openNewestSignInEmail(page, email, previous);
  expect(new URL(href).origin).toBe(baseURL);
  expect(href).not.toContain('evil.example');
});

test('an invitation mailed during a request with forged forwarding headers points at APP_URL', async ({ page, baseURL }) => {
  await signIn(page, DEMO.owner);
  await page.setExtraHTTPHeaders(FORGED);
  const invitee = uniqueEmail('forged-invite');
  await page.goto(`/${DEMO.slug}/agency/members`);
  const form = page.getByTestId('invite-form');
  await form.getByLabel('Email').fill(invitee);
  await form.getByLabel('Role').selectOption({ label: 'Viewer' });
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByTestId('invite-status')).toHaveText(`Invitation sent to ${invitee}.`);
  await expect(async () => {
    await page.goto('/dev/mailbox');
    await page.getByRole('link').filter({ hasText: `to ${invitee}` }).first().click({ timeout: 2_000 });
    const links = await page.getByTestId('mail-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.some((l) => l.includes('/invite/'))).toBe(true);
    for (const link of links) expect(new URL(link).origin, link).toBe(baseURL);
  }).toPass({ intervals: [250, 500, 1_000], timeout: 20_000 });
});

test('a production build that mails through Resend has no development pages', async ({ request }) => {
  for (const path of ['/dev/mailbox', '/dev/mailbox/00000000-0000-4000-8000-000000000000', '/dev/emails', '/dev/emails/magic-link']) {
    const response = await request.get(`${RESEND_APP}${path}`);
    expect(response.status(), path).toBe(404);
  }
});
