'use client';

import Link from 'next/link';
import { ErrorNotice, homeLinkClass } from '@/app/_components/error-notice';

/** Any page that failed to render, below the root layout (a record's own error page comes first). */
export default function AppError({ error, retry, reset }: { error: unknown; retry?: () => void; reset: () => void }) {
  return (
    <ErrorNotice
      title="This page could not be shown"
      error={error}
      // retry fetches the page from the server again; reset (older Next.js) only re-renders it.
      onRetry={() => (retry ?? reset)()}
      home={
        <Link href="/" className={homeLinkClass}>
          Go to your workspace
        </Link>
      }
    />
  );
}
