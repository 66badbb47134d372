import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { AuthShell } from '@/app/_components/ui';
import { devToolsEnabled } from '@/server/env';

export const metadata: Metadata = { title: 'Check your email' };

export default async function CheckEmailPage() {
  // Read at request time: the mail transport is a run-time setting, not a build-time one.
  await connection();
  const devMailbox = devToolsEnabled();
  return (
    <AuthShell title="Check your email" subtitle="We sent you a sign-in link. It works once and expires in 30 minutes.">
      <div className="space-y-4 text-sm text-slate-700">
        <p>Open the email on this device and select “Sign in”. You can close this tab.</p>
        {devMailbox ? (
          <p className="rounded-md bg-amber-50 p-3 text-amber-900">
            Development mode: mail is not sent. Read it in the{' '}
            <Link href="/dev/mailbox" className="font-semibold underline">
              dev mailbox
            </Link>
            .
          </p>
        ) : null}
        <p>
          Wrong address or no email?{' '}
          <Link href="/signin" className="font-semibold text-brand-700 underline">
            Try again
          </Link>
          .
        </p>
      </div>
    </AuthShell>
  );
}
