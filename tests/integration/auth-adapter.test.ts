import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';

const adapter = () => DrizzleAdapter(getDb(), { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens });

describe('next-auth on the Afterview schema', () => {
  it('uses a magic-link token once: a reused link finds nothing', async () => {
    const a = adapter();
    const expires = new Date(Date.now() + 60_000);
    await a.createVerificationToken!({ identifier: 'once@example.com', token: 'hashed-token', expires });
    expect(await a.useVerificationToken!({ identifier: 'once@example.com', token: 'hashed-token' })).toMatchObject({ identifier: 'once@example.com' });
    expect(await a.useVerificationToken!({ identifier: 'once@example.com', token: 'hashed-token' })).toBeNull();
  });

  it('creates users and database sessions that resolve to them', async () => {
    const a = adapter();
    const user = await a.createUser!({ id: crypto.randomUUID(), email: 'new@example.com', emailVerified: new Date(), name: null });
    const session = await a.createSession!({ sessionToken: 'tok-1', userId: user.id, expires: new Date(Date.now() + 60_000) });
    expect(session.userId).toBe(user.id);
    const found = await a.getSessionAndUser!('tok-1');
    expect(found?.user.email).toBe('new@example.com');
    await a.deleteSession!('tok-1');
    expect(await a.getSessionAndUser!('tok-1')).toBeNull();
  });
});
