'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/** Next.js's error digest: the id its server log line carries for an error thrown while rendering. */
export function errorDigest(error: unknown): string | undefined {
  const digest = error && typeof error === 'object' ? (error as { digest?: unknown }).digest : undefined;
  return typeof digest === 'string' && digest !== '' ? digest : undefined;
}

/**
 * What a page that failed shows instead: what happened, in plain words, the reference support can
 * find the server's log line by, a way to try again and a way home. Used by app/error.tsx and by
 * app/global-error.tsx, which renders without the app's layout, so this leans on nothing else.
 */
export function ErrorNotice({ title, error, onRetry, home }: { title: string; error: unknown; onRetry: () => void; home: ReactNode }) {
  const digest = errorDigest(error);
  const heading = useRef<HTMLHeadingElement>(null);
  // The page changed under the reader: take keyboard and screen-reader focus to what it says now.
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-bold tracking-tight text-brand-700">Afterview</p>
        <section className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
            {title}
          </h1>
          <p className="mt-2 text-sm text-slate-700">
            Something went wrong on our side, not in anything you did. Please try again. If it keeps happening, contact support
            {digest ? ' and quote the reference below' : ''}.
          </p>
          {digest ? (
            <p className="mt-4 text-sm text-slate-700">
              Reference: <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900 select-all">{digest}</code>
            </p>
          ) : null}
          <div className="mt-6 flex flex-wrap gap-2">
            <button
              type="button"
              onClick={onRetry}
              className="inline-flex min-h-10 items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
            >
              Try again
            </button>
            {home}
          </div>
        </section>
      </div>
    </main>
  );
}

export const homeLinkClass =
  'inline-flex min-h-10 items-center justify-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50';
