import { z } from 'zod';

/**
 * The one normaliser for a sign-in address: the sign-in page, the per-address rate limit and
 * Auth.js (as the email provider's `normalizeIdentifier`) all use it, so the address that is
 * counted is the address that is mailed.
 *
 * Auth.js's own default (`defaultNormalizer` in @auth/core/lib/actions/signin/send-token.js)
 * applies NFKC, lower-cases, trims and drops whatever follows a comma in the domain. The rate
 * limit used to hash the raw form value instead, so `a@b.com,1`, `a@b.com,2`, or the same address
 * in full-width letters were each a fresh counter while every link went to a@b.com. Here an
 * address may change only by trimming and lower-casing: anything else that a normaliser would
 * rewrite (a list, look-alike characters, control characters) is refused with a message that
 * says why, before any counter or email exists.
 */

export const SIGN_IN_EMAIL_MAX = 254;

declare const normalized: unique symbol;
/** An address that came out of `checkSignInEmail`: trimmed, lower-case ASCII, one mailbox. */
export type SignInEmail = string & { readonly [normalized]: true };

export type SignInEmailCheck = { ok: true; email: SignInEmail } | { ok: false; message: string };

// C0 controls (NUL, CR, LF, TAB…), DEL, C1 controls, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// z.email()'s pattern is ASCII only; checking the text before lower-casing also keeps out the few
// non-ASCII letters that lower-case to ASCII (KELVIN SIGN → k).
const ZPlainEmail = z.email();

export const SIGN_IN_EMAIL_MESSAGES = {
  empty: 'Please enter your email address.',
  tooLong: 'That email address is too long.',
  control: 'An email address can’t contain line breaks or control characters.',
  list: 'Enter one email address, without commas, semicolons or spaces, like name@agency.com.',
  lookAlike: 'That address contains look-alike characters (such as full-width letters). Type it with ordinary letters, like name@agency.com.',
  invalid: 'Please enter a valid email address, like name@agency.com.',
} as const;

export function checkSignInEmail(raw: unknown): SignInEmailCheck {
  if (typeof raw !== 'string') return { ok: false, message: SIGN_IN_EMAIL_MESSAGES.empty };
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, message: SIGN_IN_EMAIL_MESSAGES.empty };
  if (trimmed.length > SIGN_IN_EMAIL_MAX) return { ok: false, message: SIGN_IN_EMAIL_MESSAGES.tooLong };
  if (CONTROL.test(trimmed)) return { ok: false, message: SIGN_IN_EMAIL_MESSAGES.control };
  if (trimmed.normalize('NFKC') !== trimmed) return { ok: false, message: SIGN_IN_EMAIL_MESSAGES.lookAlike };
  if (/[,;\s]/.test(trimmed)) return { ok: false, message: SIGN_IN_EMAIL_MESSAGES.list };
  if (!ZPlainEmail.safeParse(trimmed).success) return { ok: false, message: SIGN_IN_EMAIL_MESSAGES.invalid };
  return { ok: true, email: trimmed.toLowerCase() as SignInEmail };
}

/** Auth.js's `normalizeIdentifier`: the same rule; a refused address throws, so no token is made. */
export function normalizeSignInEmail(raw: string): SignInEmail {
  const check = checkSignInEmail(raw);
  if (!check.ok) throw new Error(check.message);
  return check.email;
}

/** The sign-in address as a form field: refused with the reason, or the normalised address. */
export const ZSignInEmail = z.unknown().transform((raw, ctx): SignInEmail => {
  const check = checkSignInEmail(raw);
  if (check.ok) return check.email;
  ctx.addIssue({ code: 'custom', message: check.message });
  return z.NEVER;
});
