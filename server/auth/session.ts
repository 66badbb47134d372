import { cache } from 'react';
import { auth } from './config';

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

/** The signed-in user for this request, read once per render. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
});
