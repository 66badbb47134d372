'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { trpc } from '@/app/_trpc/react';

/** Debounce: a burst of touches (an import, a busy morning) refetches once. */
const REFRESH_DELAY_MS = 250;
const TOAST_MS = 8000;

interface Toast {
  key: string;
  text: string;
  href: string;
}

const NEWS: Partial<Record<string, string>> = {
  question: 'asked a question',
  email_reply: 'replied by email',
  thank_you: 'sent a thank-you note',
  message: 'sent a message',
  call: 'called',
};

/**
 * Keeps the open page current: every touch the member may see (from any instance, through
 * Postgres LISTEN/NOTIFY) refreshes the dashboard, the replies-owed inbox and that candidate's
 * timeline, and a candidate's own words are announced. Shows whether updates are live.
 */
export function LiveUpdates({ orgSlug }: { orgSlug: string }) {
  const utils = trpc.useUtils();
  const pending = useRef<{ candidates: Set<string>; all: boolean; timer?: ReturnType<typeof setTimeout> }>({ candidates: new Set(), all: false });
  const [toast, setToast] = useState<Toast | null>(null);

  const refresh = () => {
    const p = pending.current;
    p.timer = undefined;
    const candidates = [...p.candidates];
    const all = p.all;
    p.candidates.clear();
    p.all = false;
    if (all) {
      void utils.invalidate();
      return;
    }
    void utils.dashboard.invalidate();
    void utils.candidate.list.invalidate();
    for (const candidateId of candidates) {
      void utils.touch.timeline.invalidate({ orgSlug, candidateId });
      void utils.candidate.get.invalidate({ orgSlug, candidateId });
    }
  };

  const subscription = trpc.live.touches.useSubscription(
    { orgSlug },
    {
      onData({ data: event }) {
        const p = pending.current;
        if (event.type === 'resync') p.all = true;
        else {
          p.candidates.add(event.candidateId);
          const news = event.direction === 'inbound' ? NEWS[event.kind] : undefined;
          if (news) setToast({ key: event.touchId, text: `${event.candidateName} ${news}`, href: `/${orgSlug}/candidates/${event.candidateId}` });
        }
        p.timer ??= setTimeout(refresh, REFRESH_DELAY_MS);
      },
    },
  );

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  useEffect(() => () => clearTimeout(pending.current.timer), []);

  const live = subscription.status === 'pending';
  return (
    <>
      <span
        className="inline-flex items-center gap-1.5 text-xs text-slate-500"
        data-testid="live-status"
        data-state={live ? 'live' : subscription.status}
        title={live ? 'New follow-ups appear without reloading' : 'Reconnecting to live updates…'}
      >
        <span aria-hidden="true" className={`h-2 w-2 rounded-full ${live ? 'bg-emerald-500' : 'bg-amber-400'}`} />
        <span className="hidden sm:inline">{live ? 'Live' : 'Connecting…'}</span>
        <span className="sr-only sm:hidden">{live ? 'Live updates on' : 'Connecting to live updates'}</span>
      </span>
      <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4 sm:justify-end sm:px-6">
        {toast ? (
          <div key={toast.key} className="pointer-events-auto flex items-center gap-3 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg" data-testid="live-toast">
            <span>{toast.text}</span>
            <Link href={toast.href} className="font-semibold text-brand-100 underline-offset-2 hover:underline" onClick={() => setToast(null)}>
              Open
            </Link>
            <button type="button" onClick={() => setToast(null)} className="rounded px-1 text-slate-300 hover:text-white" aria-label="Dismiss">
              ×
            </button>
          </div>
        ) : null}
      </div>
    </>
  );
}
