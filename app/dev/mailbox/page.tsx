import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/app/_components/ui';
import { devToolsEnabled } from '@/server/env';
import { listDevMailbox } from '@/server/services/mailbox/list-dev-mailbox';

export const metadata: Metadata = { title: 'Dev mailbox', robots: { index: false } };
export const dynamic = 'force-dynamic';

export default async function DevMailboxPage() {
  if (!devToolsEnabled()) notFound();
  const messages = await listDevMailbox();
  return (
    <main className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-bold text-slate-900">Dev mailbox</h1>
      <p className="mt-2 text-sm text-slate-600">
        No <code>RESEND_API_KEY</code> is set, so every email Afterview sends lands here instead. Newest first.{' '}
        <Link href="/dev/emails" className="font-medium text-brand-700 underline">
          Preview every template
        </Link>
        .
      </p>
      <Card className="mt-6" padded={false}>
        {messages.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No emails yet. Ask for a sign-in link and it will appear here.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {messages.map((m) => (
              <li key={m.id}>
                <Link href={`/dev/mailbox/${m.id}`} className="flex flex-col gap-1 px-6 py-4 hover:bg-slate-50 sm:flex-row sm:items-center sm:justify-between">
                  <span>
                    <span className="block font-medium text-slate-900">{m.subject}</span>
                    <span className="block text-sm text-slate-600">to {m.to.join(', ')}</span>
                  </span>
                  <time dateTime={m.createdAt.toISOString()} className="text-sm text-slate-500">
                    {m.createdAt.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })} UTC
                  </time>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </main>
  );
}
