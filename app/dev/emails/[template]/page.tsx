import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/app/_components/ui';
import { EMAIL_TEMPLATES, isEmailTemplateId, renderTemplate } from '@/emails';
import { devToolsEnabled } from '@/server/env';

export const metadata: Metadata = { title: 'Email template', robots: { index: false } };
export const dynamic = 'force-dynamic';

export default async function DevEmailTemplatePage({ params }: { params: Promise<{ template: string }> }) {
  if (!devToolsEnabled()) notFound();
  const { template: id } = await params;
  if (!isEmailTemplateId(id)) notFound();
  const template = EMAIL_TEMPLATES[id];
  const { subject, html, text } = await renderTemplate(id, template.previewProps);
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-4 py-10 sm:px-6">
      <Link href="/dev/emails" className="text-sm font-medium text-brand-700">
        ← All templates
      </Link>
      <Card>
        <h1 className="text-xl font-semibold text-slate-900">{template.name}</h1>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Subject</dt>
          <dd data-testid="email-subject">{subject}</dd>
          <dt className="text-slate-500">Template</dt>
          <dd>
            <code>emails/{id}.tsx</code>
          </dd>
        </dl>
        <p className="mt-4 text-sm text-slate-600">Rendered with the template’s sample data (its <code>PreviewProps</code>).</p>
      </Card>
      <Card padded={false}>
        <h2 className="sr-only">HTML part</h2>
        <iframe title={`${template.name} (HTML)`} srcDoc={html} sandbox="" className="h-[40rem] w-full rounded-lg" />
      </Card>
      <Card>
        <h2 className="text-sm font-semibold text-slate-900">Plain-text part</h2>
        <pre className="mt-3 whitespace-pre-wrap break-words text-sm text-slate-700">{text}</pre>
      </Card>
    </main>
  );
}
