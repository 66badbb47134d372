import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth from 'next-auth';
import Resend from 'next-auth/providers/resend';
import { getDb } from '@/db/client';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { platformFrom } from '@/server/email/from-address';
import { env } from '@/server/env';
import { MAGIC_LINK_MAX_AGE_SECONDS, queueMagicLinkEmail } from './magic-link';
import { normalizeSignInEmail } from './normalize-email';

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const e = env();
  // next-auth builds magic links from AUTH_URL when it is set, and from the request's Host and
  // X-Forwarded-* headers otherwise: APP_URL is the one source, whatever a client sends.
  process.env.AUTH_URL = new URL('/api/auth', e.APP_URL).toString();
  return {
    adapter: DrizzleAdapter(getDb(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    secret: e.authSecret,
    trustHost: true, // AUTH_URL above fixes the origin; the request's host is not consulted
    pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin/error', newUser: '/' },
    providers: [
      Resend({
        id: 'email',
        name: 'Email',
        from: platformFrom(),
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        sendVerificationRequest: queueMagicLinkEmail,
        // The rate limit and the sign-in page normalise with this same function (not Auth.js's
        // default), so the address that is counted is the address that is mailed.
        normalizeIdentifier: normalizeSignInEmail,
      }),
    ],
    callbacks: {
      session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
    },
  };
});
