'use client';

import { ErrorNotice, homeLinkClass } from '@/app/_components/error-notice';
import './globals.css';

/**
 * When even the root layout failed: this replaces the whole document, so it brings its own
 * <html>, <body>, title and styles, and its home link reloads the page rather than trusting the
 * app's client-side navigation.
 */
export default function GlobalError({ error, retry, reset }: { error: unknown; retry?: () => void; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <title>Something went wrong · Afterview</title>
        <ErrorNotice
          title="Afterview could not load this page"
          error={error}
          onRetry={() => (retry ?? reset)()}
          home={
            // eslint-disable-next-line @next/next/no-html-link-for-pages -- a full reload, not client navigation
            <a href="/" className={homeLinkClass}>
              Go to your workspace
            </a>
          }
        />
      </body>
    </html>
  );
}
