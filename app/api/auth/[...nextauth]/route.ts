import { handlers } from '@/server/auth/config';
import { checkSignInEmail } from '@/server/auth/normalize-email';
import { checkSignInLimit } from '@/server/services/rate-limits/check-sign-in-limit';
import { clientIpOf } from '@/server/security/client-ip';

export const { GET } = handlers;

/**
 * Asking for a magic link by posting to Auth.js directly (not through the sign-in page's action)
 * meets the same rules: an address that normalisation would rewrite is refused with 400, and the
 * per-address and per-network limits answer 429 with Retry-After, before any email. The limit
 * counts the address as Auth.js will mail it (the provider normalises with the same function).
 */
export async function POST(request: Request) {
  if (new URL(request.url).pathname.endsWith('/signin/email')) {
    const form = await request.clone().formData().catch(() => null);
    const email = checkSignInEmail(form?.get('email') ?? '');
    if (!email.ok) return Response.json({ error: email.message }, { status: 400 });
    const limit = await checkSignInLimit({ email: email.email, ip: clientIpOf(request.headers) });
    if (!limit.allowed) {
      return Response.json({ error: limit.message }, { status: 429, headers: { 'retry-after': String(limit.retryAfterSeconds) } });
    }
  }
  return handlers.POST(request as never);
}
