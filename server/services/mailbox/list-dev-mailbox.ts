import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { devMailbox } from '@/db/schema';

// The dev mailbox is a global, development-only table: it belongs to no tenant.
export async function listDevMailbox({ limit = 100 }: { limit?: number } = {}) {
  return getDb()
    .select({ id: devMailbox.id, to: devMailbox.to, subject: devMailbox.subject, createdAt: devMailbox.createdAt })
    .from(devMailbox)
    .orderBy(desc(devMailbox.createdAt))
    .limit(Math.min(Math.max(limit, 1), 500));
}

export async function getDevMailboxMessage({ id }: { id: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await getDb().select().from(devMailbox).where(eq(devMailbox.id, id));
  return row ?? null;
}

/** The links of an email, so they can be followed from the mailbox page without opening its HTML. */
export function extractLinks(html: string): { href: string; text: string }[] {
  const links: { href: string; text: string }[] = [];
  const seen = new Set<string>();
  for (const match of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    const href = (match[1] ?? '').replaceAll('&amp;', '&');
    if (!/^https?:\/\//.test(href) || seen.has(href)) continue;
    seen.add(href);
    const text = (match[2] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
      .replaceAll('&amp;', '&')
      // React Email pads buttons with hair and zero-width spaces.
      .replace(/[\u200a\u200b\s]+/g, ' ')
      .trim();
    links.push({ href, text: text || href });
  }
  return links;
}
