'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { Button } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import { AlertLine, SuccessStatus } from '../agency/_shared/status-lines';
import { EmptyStateCard } from '../agency/_shared/empty-state';
import { NotificationRow, useMarkRead, type NotificationEntry } from './notification-item';

const POLL_MS = 60_000;

/** Every notification of the signed-in member, newest first, a page at a time. */
export function NotificationsList({ orgSlug }: { orgSlug: string }) {
  const [data, query] = trpc.notification.list.useSuspenseInfiniteQuery(
    { orgSlug },
    { getNextPageParam: (page) => page.nextCursor, refetchInterval: POLL_MS, refetchOnWindowFocus: 'always' },
  );
  const unread = trpc.notification.unreadCount.useQuery({ orgSlug }, { refetchInterval: POLL_MS });
  const { markRead, markAllRead } = useMarkRead(orgSlug);
  const [status, setStatus] = useState<string>();
  const listRef = useRef<HTMLUListElement>(null);
  const items = data.pages.flatMap((page) => page.items);
  const unreadCount = unread.data?.count ?? items.filter((i) => i.readAt === null).length;
  const error = markRead.error ?? markAllRead.error;

  function open(item: NotificationEntry) {
    if (item.readAt === null) markRead.mutate({ orgSlug, ids: [item.id] });
  }

  function markOne(item: NotificationEntry) {
    setStatus(undefined);
    markRead.mutate(
      { orgSlug, ids: [item.id] },
      {
        onSuccess: () => {
          setStatus(`Marked ${item.candidateName ?? 'the notification'} as read.`);
          // The button is gone once the row is read; focus stays on the row, at its link.
          listRef.current?.querySelector<HTMLElement>(`[data-notification-link="${item.id}"]`)?.focus();
        },
      },
    );
  }

  function markAll() {
    setStatus(undefined);
    markAllRead.mutate(
      { orgSlug },
      { onSuccess: ({ updated }) => setStatus(updated === 0 ? 'Everything was already read.' : `Marked ${updated} ${updated === 1 ? 'notification' : 'notifications'} as read.`) },
    );
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">Notifications</h1>
          <p className="mt-1 text-sm text-slate-600">
            Reminders about candidates waiting for a reply, newest first.{' '}
            <Link href={`/${orgSlug}/settings`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
              Choose which emails you get
            </Link>
            .
          </p>
        </div>
        {items.length > 0 ? (
          <Button type="button" variant="secondary" onClick={markAll} disabled={markAllRead.isPending || unreadCount === 0}>
            {markAllRead.isPending ? 'Marking…' : 'Mark all read'}
          </Button>
        ) : null}
      </div>
      <SuccessStatus message={status} testId="notifications-status" />
      <AlertLine message={error?.message} />

      {items.length === 0 ? (
        <EmptyStateCard title="No notifications yet" testId="notifications-empty">
          When a candidate’s question waits past your agency’s reply target, you are reminded here, and by email unless you turned reminder emails off. Past twice the target,
          the lead of the candidate’s team is reminded too.
        </EmptyStateCard>
      ) : (
        <>
          <ul ref={listRef} className="divide-y divide-slate-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-label="Notifications">
            {items.map((item) => (
              <li key={item.id}>
                <NotificationRow orgSlug={orgSlug} item={item} onOpen={open} onMarkRead={markOne} />
              </li>
            ))}
          </ul>
          {query.hasNextPage ? (
            <div className="flex justify-center">
              <Button type="button" variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </Button>
            </div>
          ) : items.length > 10 ? (
            <p className="text-center text-sm text-slate-600">That is every notification.</p>
          ) : null}
          {query.isFetchNextPageError ? <AlertLine message="More notifications could not be loaded. Try again." className="text-center" /> : null}
        </>
      )}
    </div>
  );
}
