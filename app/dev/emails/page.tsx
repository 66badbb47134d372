import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/app/_components/ui';
import { EMAIL_TEMPLATE_IDS, EMAIL_TEMPLATES, templateSubject } from '@/emails';
import { devToolsEnabled } from '@/server/env';

export const metadata: Metadata = { title: 'Email templates', robots: { index: false } };
export const dynamic = 'force-dynamic';

export default function DevEmailsPage() {
  if (!devToolsEnabled()) notFound();
  return (
    <main className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-bold text-slate-900">Email templates</h1>
      <p className="mt-2 text-sm text-slate-600">
        Every email Afterview sends, rendered with its sample data: the HTML part and the plain-text part. Emails that were
        actually sent are in the <Link href="/dev/mailbox" className="font-medium text-brand-700 underline">dev mailbox</Link>.
      </p>
      <Card className="mt-6" padded={false}>
        <ul className="divide-y divide-slate-100">
          {EMAIL_TEMPLATE_IDS.map((id) => (
            <li key={id}>
              <Link href={`/dev/emails/${id}`} className="flex flex-col gap-1 px-6 py-4 hover:bg-slate-50 sm:flex-row sm:items-center sm:justify-between">
                <span>
                  <span className="block font-medium text-slate-900">{EMAIL_TEMPLATES[id].name}</span>
                  <span className="block text-sm text-slate-600">{templateSubject(id, EMAIL_TEMPLATES[id].previewProps)}</span>
                </span>
                <code className="text-sm text-slate-500">{id}</code>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </main>
  );
}
