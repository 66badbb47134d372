import { Resend } from 'resend';
import { redactSecretLinksDeep } from '@/server/email/email-secrets';
import { env } from '@/server/env';
import { clientIpOf } from '@/server/security/client-ip';
import { unsafeHitRateLimit } from '@/server/services/rate-limits/unsafe-hit-rate-limit';
import { toStorableJson } from '@/server/services/records/storable-text';
import { unsafeStoreEmailEvent } from './unsafe-email-lookups';

/**
 * Webhook requests one network may send per minute. Resend delivers from a few addresses at a
 * steady pace and retries a 429 later, so nothing is lost; a flood stops here, before its signature
 * is checked or anything is stored.
 */
export const WEBHOOK_LIMIT = { limit: 1200, windowSeconds: 60 } as const;

/** Resend's events are small; anything this big is not one of them. */
const MAX_BODY_BYTES = 512 * 1024;

export interface WebhookReceipt {
  status: number;
  body: { ok: true; duplicate?: boolean } | { error: string };
  stored: boolean;
  retryAfterSeconds?: number;
}

/**
 * Checks the svix signature on the raw body (5 minutes of clock tolerance, as svix sets it),
 * then stores the event by its id. 4xx for what Resend should not send again (bad signature, stale,
 * malformed); 5xx when storing failed, so Resend retries and nothing is lost.
 */
export async function receiveResendWebhook(request: Request): Promise<WebhookReceipt> {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret) return { status: 503, body: { error: 'Webhooks are not configured: set RESEND_WEBHOOK_SECRET.' }, stored: false };
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return { status: 413, body: { error: 'Payload too large.' }, stored: false };
  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) return { status: 413, body: { error: 'Payload too large.' }, stored: false };

  const id = request.headers.get('svix-id');
  const timestamp = request.headers.get('svix-timestamp');
  const signature = request.headers.get('svix-signature');
  if (!id || !timestamp || !signature) return { status: 400, body: { error: 'Missing svix-id, svix-timestamp or svix-signature.' }, stored: false };

  const limit = await unsafeHitRateLimit({ key: `webhook:ip:${clientIpOf(request.headers)}`, ...WEBHOOK_LIMIT });
  if (!limit.allowed) {
    return { status: 429, body: { error: `Too many webhook requests; retry in ${limit.retryAfterSeconds} s.` }, stored: false, retryAfterSeconds: limit.retryAfterSeconds };
  }

  let event: { type?: unknown };
  try {
    // Verification is local (HMAC of the body): the API key is not used, so none is required here.
    const verifier = new Resend(env().RESEND_API_KEY ?? 're_verification_only');
    event = verifier.webhooks.verify({ payload: raw, headers: { id, timestamp, signature }, webhookSecret: secret }) as { type?: unknown };
  } catch {
    return { status: 400, body: { error: 'Invalid signature or timestamp.' }, stored: false };
  }
  if (typeof event.type !== 'string' || id.length > 200) return { status: 400, body: { error: 'Not a Resend event.' }, stored: false };
  // Genuine, but jsonb cannot hold a NUL or half an emoji (`\u0000`, `\ud800`) that an email's
  // subject or a header may carry: refusing would make Resend retry the same event until it gives
  // up, and it would be lost. The signature was checked on the raw body above; what is stored has
  // those characters replaced with U+FFFD.
  const payload = toStorableJson(event as Record<string, unknown>);

  try {
    // A tracked click names the link clicked, which may be a live portal link: kept as "[portal link]".
    const stored = redactSecretLinksDeep(payload);
    const inserted = await unsafeStoreEmailEvent({ svixId: id, type: payload.type as string, payload: stored });
    return { status: 200, body: inserted ? { ok: true } : { ok: true, duplicate: true }, stored: inserted };
  } catch (error) {
    console.error('[webhooks] could not store a Resend event; Resend will retry', error);
    return { status: 503, body: { error: 'Temporarily unavailable; retry later.' }, stored: false };
  }
}
