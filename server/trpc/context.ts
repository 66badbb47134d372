export interface Context {
  userId: string | null;
  headers: Headers;
}

export function createContextForUser(userId: string | null, headers: Headers = new Headers()): Context {
  return { userId, headers };
}
