'use client';

import Link from 'next/link';
import { RelativeTime } from '@/app/_components/time';
import { cx } from '@/app/_components/ui';
import type { RouterOutputs } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { Pill } from '../_dashboard/badges';

export type NotificationEntry = RouterOutputs['notification']['list']['items'][number];

/** "Waiting 3 days, past the reply target": what the reminder is about, in words that stand alone. */
export function notificationLine(n: NotificationEntry): string {
  if (!n.stillWaiting) return `Answered since · had waited ${n.waitedLabel}`;
  return n.level === 2 ? `Waiting ${n.waitedLabel}, over twice the reply target` : `Waiting ${n.waitedLabel}, past the reply target`;
}

/** Marks notifications read, then refreshes the badge and every list (the bell's and the page's). */
export function useMarkRead(orgSlug: string) {
  const utils = trpc.useUtils();
  const refresh = async () => {
    await Promise.all([utils.notification.unreadCount.invalidate({ orgSlug }), utils.notification.list.invalidate()]);
  };
  const markRead = trpc.notification.markRead.useMutation({ onSettled: refresh });
  const markAllRead = trpc.notification.markAllRead.useMutation({ onSettled: refresh });
  return { markRead, markAllRead };
}

/**
 * One notification: the candidate (a link that marks it read), what is overdue, whether it was
 * escalated, and when it came. Unread ones carry a dot and say so to screen readers.
 */
export function NotificationRow({
  orgSlug,
  item,
  compact = false,
  onOpen,
  onMarkRead,
}: {
  orgSlug: string;
  item: NotificationEntry;
  compact?: boolean;
  onOpen: (item: NotificationEntry) => void;
  onMarkRead?: (item: NotificationEntry) => void;
}) {
  const unread = item.readAt === null;
  const name = item.candidateName ?? 'A candidate';
  const href = item.candidateId ? `/${orgSlug}/candidates/${item.candidateId}` : `/${orgSlug}/inbox`;
  return (
    <div className={cx('flex items-start gap-3', compact ? 'px-3 py-2.5' : 'p-4 sm:px-5')} data-testid="notification" data-unread={unread ? 'true' : undefined}>
      <span aria-hidden="true" className={cx('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-brand-600' : 'bg-transparent')} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <Link
            href={href}
            onClick={() => onOpen(item)}
            data-notification-link={item.id}
            className={cx('break-words text-sm text-brand-700 underline-offset-2 hover:underline', unread ? 'font-semibold' : 'font-medium')}
          >
            {unread ? <span className="sr-only">Unread: </span> : null}
            {name}
          </Link>
          {item.level === 2 ? (
            <Pill tone="red">
              <span aria-hidden="true">!</span>
              Escalated
            </Pill>
          ) : null}
        </div>
        <p className="mt-0.5 text-sm text-slate-700">{notificationLine(item)}</p>
        <p className="mt-0.5 text-xs text-slate-600">
          {item.level === 2 ? 'To you as team lead · ' : ''}
          <RelativeTime value={item.createdAt} />
        </p>
      </div>
      {onMarkRead && unread ? (
        <button
          type="button"
          onClick={() => onMarkRead(item)}
          className="min-h-9 shrink-0 rounded-md px-2 py-1 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          Mark read<span className="sr-only"> ({name})</span>
        </button>
      ) : null}
    </div>
  );
}
