import { createHash } from 'node:crypto';
import type { SignInEmail } from '@/server/auth/normalize-email';
import { env } from '@/server/env';
import { unsafeHitRateLimit } from './unsafe-hit-rate-limit';

const WINDOW_SECONDS = 15 * 60;

export type SignInLimit = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string };

function minutes(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return `${m} minute${m === 1 ? '' : 's'}`;
}

/**
 * Sign-in links one address (SIGN_IN_LIMIT_PER_EMAIL, 5) and one network (SIGN_IN_LIMIT_PER_IP, 30)
 * may ask for per 15 minutes: enough for typos, not for mail bombing. Counts one sign-in request against its address and its IP in Postgres, so the limit holds across
 * instances. The address is kept only as a hash: the counters are not a list of who signs in.
 * It takes the address as `checkSignInEmail` normalised it, the form Auth.js mails, so look-alike
 * spellings of one address share its counter.
 */
export async function checkSignInLimit({ email, ip }: { email: SignInEmail; ip: string }, now = new Date()): Promise<SignInLimit> {
  const emailKey = createHash('sha256').update(email).digest('base64url');
  const byIp = await unsafeHitRateLimit({ key: `sign-in:ip:${ip}`, limit: env().SIGN_IN_LIMIT_PER_IP, windowSeconds: WINDOW_SECONDS }, now);
  if (!byIp.allowed) {
    return { allowed: false, retryAfterSeconds: byIp.retryAfterSeconds, message: `Too many sign-in requests from your network. Please try again in ${minutes(byIp.retryAfterSeconds)}.` };
  }
  const byEmail = await unsafeHitRateLimit({ key: `sign-in:email:${emailKey}`, limit: env().SIGN_IN_LIMIT_PER_EMAIL, windowSeconds: WINDOW_SECONDS }, now);
  if (!byEmail.allowed) {
    return {
      allowed: false,
      retryAfterSeconds: byEmail.retryAfterSeconds,
      message: `Too many sign-in links were requested for this address. Check your inbox for the last one, or try again in ${minutes(byEmail.retryAfterSeconds)}.`,
    };
  }
  return { allowed: true };
}
