import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Auth.js's own default normaliser (not exported by the package): what it would mail a link to.
import { defaultNormalizer } from '../../node_modules/@auth/core/lib/actions/signin/send-token.js';
import { checkSignInEmail, normalizeSignInEmail, SIGN_IN_EMAIL_MESSAGES } from '@/server/auth/normalize-email';
import { ZInvitationEmail } from '@/server/services/members/invitation-rules';

const authJsAddress = (raw: string): string | null => {
  try {
    return (defaultNormalizer as (email: string) => string)(raw);
  } catch {
    return null;
  }
};

// Addresses with the characters that trip normalisers up: commas, look-alikes, controls, spaces.
const tricky = fc.string({
  unit: fc.constantFrom(...'aZ9.+_-@,; "\r\n\t\u0000\u2028ａＺ＠，．\u00a0\u3000Kİé'.split('')),
  maxLength: 24,
});
const plainish = fc
  .tuple(fc.stringMatching(/^[a-zA-Z0-9._+-]{1,12}$/), fc.stringMatching(/^[a-zA-Z0-9-]{1,10}\.[a-zA-Z]{2,4}$/), tricky, tricky)
  .map(([local, domain, before, after]) => `${before.slice(0, 2)}${local}@${domain}${after.slice(0, 3)}`);

describe('the sign-in address normaliser', () => {
  it.each([
    ['a@b.com', 'a@b.com'],
    ['  Mixed.Case+tag@Example.COM\t', 'mixed.case+tag@example.com'],
    ['\u3000a@b.com\u00a0', 'a@b.com'],
  ])('accepts %j as %j (only trimming and lower-casing)', (raw, email) => {
    expect(checkSignInEmail(raw)).toEqual({ ok: true, email });
  });

  it.each([
    ['a@b.com,1', SIGN_IN_EMAIL_MESSAGES.list],
    ['a@b.com, c@d.com', SIGN_IN_EMAIL_MESSAGES.list],
    ['a@b.com;c@d.com', SIGN_IN_EMAIL_MESSAGES.list],
    ['a b@c.com', SIGN_IN_EMAIL_MESSAGES.list],
    ['ａ@b.com', SIGN_IN_EMAIL_MESSAGES.lookAlike],
    ['a＠b.com', SIGN_IN_EMAIL_MESSAGES.lookAlike],
    ['a@b．com', SIGN_IN_EMAIL_MESSAGES.lookAlike],
    ['a\u00a0b@c.com', SIGN_IN_EMAIL_MESSAGES.lookAlike],
    ['\u212Aate@b.com', SIGN_IN_EMAIL_MESSAGES.lookAlike],
    ['a@b.com\r\nBcc: x@evil.example', SIGN_IN_EMAIL_MESSAGES.control],
    ['a@b.com\u0000', SIGN_IN_EMAIL_MESSAGES.control],
    ['a\u2028@b.com', SIGN_IN_EMAIL_MESSAGES.control],
    ['a\u0085@b.com', SIGN_IN_EMAIL_MESSAGES.control],
    ['"a@b.com"@c.com', SIGN_IN_EMAIL_MESSAGES.invalid],
    ['josé@b.com', SIGN_IN_EMAIL_MESSAGES.invalid],
    ['', SIGN_IN_EMAIL_MESSAGES.empty],
    [`${'a'.repeat(250)}@b.com`, SIGN_IN_EMAIL_MESSAGES.tooLong],
  ])('refuses %j with a reason', (raw, message) => {
    expect(checkSignInEmail(raw)).toEqual({ ok: false, message });
    expect(() => normalizeSignInEmail(raw)).toThrow(message);
  });

  it('accepts an address only when Auth.js would mail that same address, and only trimming and case differ', () => {
    fc.assert(
      fc.property(fc.oneof(plainish, tricky), (raw) => {
        const check = checkSignInEmail(raw);
        if (check.ok) {
          expect(check.email).toBe(raw.trim().toLowerCase());
          expect(authJsAddress(raw)).toBe(check.email);
          expect(normalizeSignInEmail(check.email)).toBe(check.email);
        } else {
          // Whatever Auth.js's default would have made of it, no link is asked for.
          expect(() => normalizeSignInEmail(raw)).toThrow(check.message);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is what an invitation address becomes, so an invited person can sign in as the invited address', () => {
    fc.assert(
      fc.property(fc.oneof(plainish, tricky), (raw) => {
        const invited = ZInvitationEmail.safeParse(raw);
        if (!invited.success) return;
        // invite-member.ts stores input.email.toLowerCase().
        expect(checkSignInEmail(raw)).toEqual({ ok: true, email: invited.data.toLowerCase() });
      }),
      { numRuns: 2000 },
    );
  });
});
