import { expect, test } from '@playwright/test';
import { RESEND_APP } from './support';

// server/services/portal/exchange-portal-token.ts: failed token attempts per network per window.
const TOKEN_FAILURES_PER_WINDOW = 10;

/**
 * Straight to the app (TRUST_PROXY_HOPS=0), X-Forwarded-For is the client's own claim. This spends
 * the loopback network's failure budget on the Resend instance, so playwright.config.ts runs it
 * in a project of its own, after every other spec.
 */
test('a client cannot escape the portal-token limit by writing a new X-Forwarded-For each time', async ({ request }) => {
  const statuses: number[] = [];
  for (let i = 0; i < TOKEN_FAILURES_PER_WINDOW + 2; i += 1) {
    const response = await request.get(`${RESEND_APP}/p/${'x'.repeat(40)}${i.toString().padStart(3, '0')}`, {
      headers: { 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-real-ip': `198.51.100.${i + 1}` },
      maxRedirects: 0,
    });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, TOKEN_FAILURES_PER_WINDOW).every((s) => s === 404), statuses.join(',')).toBe(true);
  expect(statuses.at(-1)).toBe(429);
});
