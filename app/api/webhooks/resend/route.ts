import { receiveResendWebhook } from '@/server/services/email/receive-resend-webhook';
import { kickDelivery } from '@/server/jobs/worker';

export const dynamic = 'force-dynamic';

/** Resend's webhooks: verified, stored by svix id, answered at once; processed by the queue. */
export async function POST(request: Request) {
  const result = await receiveResendWebhook(request);
  if (result.stored) kickDelivery();
  const headers = result.retryAfterSeconds ? { 'retry-after': String(result.retryAfterSeconds) } : undefined;
  return Response.json(result.body, { status: result.status, headers });
}
