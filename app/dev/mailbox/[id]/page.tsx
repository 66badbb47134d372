import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/app/_components/ui';
import { devToolsEnabled } from '@/server/env';
import { extractLinks, getDevMailboxMessage } from '@/server/services/mailbox/list-dev-mailbox';

export const metadata: Metadata = { title: 'Dev mailbox', robots: { index: false } };
export const dynamic = 'force-dynamic';

export default async function DevMailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!devToolsEnabled()) notFound();
  const { id } = await params;
  const message = await getDevMailboxMessage({ id });
  if (!message) notFound();
  const links = extractLinks(message.html);
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-4 py-10 sm:px-6">
      <Link href="/dev/mailbox" className="text-sm font-medium text-brand-700">
        ← All emails
      </Link>
      <Card>
        <h1 className="text-xl font-semibold text-slate-900">{message.subject}</h1>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">From</dt>
          <dd>{message.from}</dd>
          <dt className="text-slate-500">To</dt>
          <dd data-testid="mail-to">{message.to.join(', ')}</dd>
          {message.replyTo ? (
            <>
              <dt className="text-slate-500">Reply-To</dt>
              <dd>{message.replyTo}</dd>
            </>
          ) : null}
        </dl>
        {links.length > 0 ? (
          <div className="mt-6">
            <h2 className="text-sm font-semibold text-slate-900">Links in this email</h2>
            <ul className="mt-2 space-y-1">
              {links.map((l) => (
                <li key={l.href}>
                  <a href={l.href} className="break-all text-sm text-brand-700 underline" data-testid="mail-link">
                    {l.text}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Card>
      <Card padded={false}>
        <h2 className="sr-only">HTML part</h2>
        <iframe title="Email HTML" srcDoc={message.html} sandbox="" className="h-[32rem] w-full rounded-lg" />
      </Card>
      <Card>
        <h2 className="text-sm font-semibold text-slate-900">Plain-text part</h2>
        <pre className="mt-3 whitespace-pre-wrap break-words text-sm text-slate-700">{message.text}</pre>
      </Card>
    </main>
  );
}
