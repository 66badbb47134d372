import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import MagicLinkEmail from '@/emails/magic-link';
import { renderEmail } from '@/emails/render';
import { backoffMs } from '@/server/email/outbox';
import { extractLinks } from '@/server/services/mailbox/list-dev-mailbox';

describe('backoff', () => {
  it('grows exponentially with jitter inside [ceiling/2, ceiling]', () => {
    expect(backoffMs(1, undefined, () => 0)).toBe(500);
    expect(backoffMs(1, undefined, () => 1)).toBe(1000);
    expect(backoffMs(4, undefined, () => 1)).toBe(8000);
  });

  it('is capped at ten minutes and never shorter than retry-after', () => {
    expect(backoffMs(30, undefined, () => 1)).toBe(600_000);
    expect(backoffMs(1, 45_000, () => 1)).toBe(45_000);
  });
});

describe('the magic-link email', () => {
  it('has an HTML and a plain-text part, both with the link', async () => {
    const url = 'http://localhost:3000/api/auth/callback/email?token=t0k&email=a%40b.co';
    const { html, text } = await renderEmail(createElement(MagicLinkEmail, { url, host: 'localhost:3000', expiresInMinutes: 30 }));
    expect(html).toContain('Sign in to Afterview');
    expect(text).toContain(url);
    expect(text).toContain('expires in 30 minutes');
    // The button and the pasted address share one href: the mailbox lists it once, by the button's text.
    expect(extractLinks(html)).toEqual([{ href: url, text: 'Sign in' }]);
  });
});
