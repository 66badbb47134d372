'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { trpc } from '@/app/_trpc/react';
import { NotificationRow, useMarkRead, type NotificationEntry } from './notifications/notification-item';

const POLL_MS = 60_000;
const LATEST = 8;

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className="size-5">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/**
 * The workspace header's bell: the unread count as a badge, and a panel with the latest reminders.
 * Reminders are written by a job, not by anything on this page, so the count is polled every
 * minute and whenever the window regains focus.
 */
export function NotificationBell({ orgSlug }: { orgSlug: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const unread = trpc.notification.unreadCount.useQuery({ orgSlug }, { refetchInterval: POLL_MS, refetchOnWindowFocus: 'always' });
  const list = trpc.notification.list.useQuery(
    { orgSlug, limit: LATEST },
    { enabled: open, refetchInterval: open ? POLL_MS : false, refetchOnWindowFocus: 'always' },
  );
  const { markRead, markAllRead } = useMarkRead(orgSlug);
  const count = unread.data?.count ?? 0;

  useEffect(() => {
    if (!open) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    function onPointerDown(event: PointerEvent) {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);

  function openItem(item: NotificationEntry) {
    if (item.readAt === null) markRead.mutate({ orgSlug, ids: [item.id] });
    setOpen(false);
  }

  const items = list.data?.items ?? [];
  const label = count > 0 ? `Notifications, ${count} unread` : 'Notifications';

  return (
    // Static below `sm`, so the panel spans the header's width on a phone; beside the bell from `sm` up.
    <div ref={rootRef} className="sm:relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className="relative inline-flex size-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 aria-expanded:bg-slate-100"
        data-testid="notification-bell"
      >
        <BellIcon />
        <span className="sr-only">{label}</span>
        {count > 0 ? (
          <span aria-hidden="true" className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-[11px] font-semibold leading-5 text-white" data-testid="notification-badge">
            {count > 9 ? '9+' : count}
          </span>
        ) : null}
      </button>

      <section
        id={panelId}
        hidden={!open}
        aria-labelledby={headingId}
        className="absolute inset-x-2 top-full z-30 mt-1 rounded-lg bg-white shadow-lg ring-1 ring-slate-200 sm:left-auto sm:right-0 sm:mt-2 sm:w-96"
        data-testid="notification-panel"
      >
        <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-3 py-2">
          <h2 id={headingId} className="text-sm font-semibold text-slate-900">
            Notifications
          </h2>
          <button
            type="button"
            onClick={() => markAllRead.mutate({ orgSlug })}
            disabled={count === 0 || markAllRead.isPending}
            className="min-h-9 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:text-slate-500 disabled:hover:bg-transparent"
          >
            {markAllRead.isPending ? 'Marking…' : 'Mark all read'}
          </button>
        </div>

        {open && list.isPending ? (
          <div aria-busy="true" aria-label="Loading notifications" className="animate-pulse space-y-3 p-3">
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-12 rounded bg-slate-200" />
            ))}
          </div>
        ) : list.isError ? (
          <div className="space-y-2 p-3 text-sm">
            <p role="alert" className="text-red-700">
              Notifications could not be loaded.
            </p>
            <button type="button" onClick={() => void list.refetch()} className="min-h-9 rounded-md px-2 py-1 font-medium text-brand-700 hover:bg-brand-50">
              Try again
            </button>
          </div>
        ) : items.length === 0 ? (
          <p className="p-4 text-sm text-slate-600" data-testid="notification-empty">
            No notifications. When a candidate’s question waits past your agency’s reply target, you are reminded here.
          </p>
        ) : (
          <ul className="max-h-[min(24rem,60dvh)] divide-y divide-slate-100 overflow-y-auto" aria-label="Latest notifications">
            {items.map((item) => (
              <li key={item.id}>
                <NotificationRow orgSlug={orgSlug} item={item} compact onOpen={openItem} />
              </li>
            ))}
          </ul>
        )}

        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-3 py-2 text-sm">
          <Link href={`/${orgSlug}/notifications`} onClick={() => setOpen(false)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            See all notifications
          </Link>
          <Link href={`/${orgSlug}/settings`} onClick={() => setOpen(false)} className="text-slate-700 underline-offset-2 hover:underline">
            Email settings
          </Link>
        </div>
      </section>
    </div>
  );
}
