import { PGlite } from '@electric-sql/pglite';

/**
 * After an e2e run: every secret the run handed out (portal, invitation, unsubscribe and sign-in
 * tokens from the mail as delivered, session tokens from the sessions table) must be absent from
 * what the servers printed. The delivered mail is the dev mailbox of the main instance.
 */
export async function secretsUsed(pgliteDir: string): Promise<string[]> {
  const db = await PGlite.create(pgliteDir);
  try {
    const mail = await db.query<{ body: string }>(`select html || ' ' || text as body from dev_mailbox`);
    const sessions = await db.query<{ token: string }>(`select session_token as token from sessions`);
    const found = new Set<string>();
    for (const { body } of mail.rows) {
      for (const m of body.matchAll(/\/(?:p|invite|unsubscribe)\/([A-Za-z0-9._~-]{16,})/g)) found.add(m[1]!);
      for (const m of body.matchAll(/[?&](?:amp;)?token=([A-Za-z0-9]{16,})/g)) found.add(m[1]!);
    }
    for (const { token } of sessions.rows) found.add(token);
    return [...found];
  } finally {
    await db.close();
  }
}

/** The secrets that appear in `log`, each shortened so the report itself leaks nothing usable. */
export function leakedSecrets(log: string, secrets: string[]): string[] {
  return secrets.filter((s) => log.includes(s)).map((s) => `${s.slice(0, 6)}…`);
}
