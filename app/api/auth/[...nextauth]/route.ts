import { handlers } from '@/server/auth/config';
import { checkSignInLimit } from '@/server/services/rate-limits/check-sign-in-limit';
import { clientIpOf } from '@/server/security/client-ip';

export const { GET } = handlers;

/**
 * Asking for a magic link by posting to Auth.js directly (not through the sign-in page's action)
 * meets the same per-address and per-network limits: 429 with Retry-After, before any email.
 */
export async function POST(request: Request) {
  if (new URL(request.url).pathname.endsWith('/signin/email')) {
    const form = await request.clone().formData().catch(() => null);
    const email = String(form?.get('email') ?? '').slice(0, 320);
    const limit = await checkSignInLimit({ email, ip: clientIpOf(request.headers) });
    if (!limit.allowed) {
      return Response.json({ error: limit.message }, { status: 429, headers: { 'retry-after': String(limit.retryAfterSeconds) } });
    }
  }
  return handlers.POST(request as never);
}
