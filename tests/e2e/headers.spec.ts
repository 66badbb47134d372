import { expect, test, type APIResponse } from '@playwright/test';
import { DEMO, signIn } from './support';

function expectSecurityHeaders(response: APIResponse, what: string) {
  const h = response.headers();
  const csp = h['content-security-policy'] ?? '';
  expect(csp, `${what}: CSP`).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp, `${what}: ${directive}`).toContain(directive);
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBeTruthy();
  expect(h['permissions-policy'], what).toContain('camera=()');
  expect(h['strict-transport-security'], `${what}: HSTS (production)`).toContain('max-age=');
  return csp;
}

const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';

test('every kind of page carries the security headers and a fresh nonce that its scripts use', async ({ page }) => {
  const signin = await page.request.get('/signin');
  const first = expectSecurityHeaders(signin, 'public page');
  const html = await signin.text();
  expect(html, 'the page’s scripts carry the nonce of its own response').toContain(`nonce="${nonceOf(first)}"`);
  const again = expectSecurityHeaders(await page.request.get('/signin'), 'public page again');
  expect(nonceOf(again)).not.toBe(nonceOf(first));

  const missing = await page.request.get('/no/such/page/here/at-all');
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing, 'error page');

  const portal = await page.request.get('/p/not-a-real-token-at-all-not-a-real-token-xx', { maxRedirects: 0 });
  expectSecurityHeaders(portal, 'portal page');
  expect(portal.headers()['referrer-policy']).toBe('no-referrer');

  await signIn(page, DEMO.owner);
  expectSecurityHeaders(await page.request.get(`/${DEMO.slug}`), 'workspace page');
});

test('the workspace runs under its policy without a single violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, DEMO.owner);
  for (const path of ['', '/inbox', '/candidates', '/analytics', '/agency']) {
    await page.goto(`/${DEMO.slug}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'live');
  expect(violations).toEqual([]);
});
