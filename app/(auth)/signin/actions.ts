'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn } from '@/server/auth/config';
import { ZSignInEmail } from '@/server/auth/normalize-email';
import { clientIpOf } from '@/server/security/client-ip';
import { checkSignInLimit } from '@/server/services/rate-limits/check-sign-in-limit';

const ZSignInInput = z.object({
  // Normalised once, here: the limit counts, and Auth.js mails, this very address.
  email: ZSignInEmail,
  callbackUrl: z
    .string()
    .max(500)
    .optional()
    .transform((v) => (v && v.startsWith('/') && !v.startsWith('//') ? v : '/')),
});

export interface SignInState {
  error?: string;
  email?: string;
}

export async function requestSignIn(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = ZSignInInput.safeParse({ email: formData.get('email') ?? '', callbackUrl: formData.get('callbackUrl') ?? undefined });
  if (!parsed.success) {
    return { error: parsed.error.issues[0]?.message ?? 'Please enter a valid email address.', email: String(formData.get('email') ?? '') };
  }
  const limit = await checkSignInLimit({ email: parsed.data.email, ip: clientIpOf(await headers()) });
  if (!limit.allowed) return { error: limit.message, email: parsed.data.email };
  try {
    await signIn('email', { email: parsed.data.email, redirectTo: parsed.data.callbackUrl, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      return { error: 'We could not send a sign-in link just now. Please try again in a moment.', email: parsed.data.email };
    }
    throw error;
  }
  redirect('/signin/check-email');
}
