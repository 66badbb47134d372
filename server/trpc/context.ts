import { auth } from '@/server/auth/config';

export interface Context {
  userId: string | null;
  headers: Headers;
}

export function createContextForUser(userId: string | null, headers: Headers = new Headers()): Context {
  return { userId, headers };
}

export async function createRequestContext(opts: { headers: Headers }): Promise<Context> {
  const session = await auth();
  return createContextForUser(session?.user?.id ?? null, opts.headers);
}
