import { createElement } from 'react';
import MagicLinkEmail, { magicLinkSubject } from '@/emails/magic-link';
import { renderEmail } from '@/emails/render';
import { getDb } from '@/db/client';
import { EmailSecrets } from '@/server/email/email-secrets';
import { enqueueSystemEmail } from '@/server/email/system-outbox';
import { env } from '@/server/env';
import { kickDelivery } from '@/server/jobs/worker';

export const MAGIC_LINK_MAX_AGE_SECONDS = 30 * 60;

/**
 * next-auth's sendVerificationRequest: the link goes through the outbox, never straight out. The
 * link carries the sign-in token, so the stored email holds a placeholder and the link is sealed
 * beside it until the send.
 */
export async function queueMagicLinkEmail({ identifier, url }: { identifier: string; url: string }): Promise<void> {
  // AUTH_URL (from APP_URL) already decides the link's origin; a link anywhere else is not mailed.
  const app = new URL(env().APP_URL);
  if (new URL(url).origin !== app.origin) throw new Error(`magic link for ${new URL(url).origin}, not APP_URL (${app.origin}); not sent`);
  const host = app.host;
  const secrets = new EmailSecrets();
  const { html, text } = await renderEmail(
    createElement(MagicLinkEmail, { url: secrets.link('signin', url), host, expiresInMinutes: MAGIC_LINK_MAX_AGE_SECONDS / 60 }),
  );
  await enqueueSystemEmail(getDb(), { kind: 'magic_link', to: identifier, subject: magicLinkSubject(host), html, text, secrets });
  kickDelivery();
}
