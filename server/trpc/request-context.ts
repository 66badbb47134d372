import { auth } from '@/server/auth/config';
import { createContextForUser, type Context } from './context';

export async function createRequestContext(opts: { headers: Headers }): Promise<Context> {
  const session = await auth();
  return createContextForUser(session?.user?.id ?? null, opts.headers);
}
