'use client';

import Link from 'next/link';
import { Button, Card, cx } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import type { Channel } from '@/db/schema';
import { formatDuration } from '@/server/services/dashboard/format';
import type { ReplyOwed } from '@/server/services/dashboard/list-replies-owed';
import { Pill } from '../_dashboard/badges';
import { formatDateTime } from '../_dashboard/dates';

const CHANNEL_LABELS: Record<Channel, string> = {
  portal: 'in the portal',
  email: 'by email',
  phone: 'by phone',
  manual: 'logged by hand',
  system: '',
};

function AgeBadge({ item }: { item: ReplyOwed }) {
  if (item.overdue) {
    return (
      <Pill tone="red">
        <span aria-hidden="true">!</span>
        Overdue by {item.overdueLabel}
      </Pill>
    );
  }
  const left = formatDuration(item.targetHours * 3600 - item.ageSeconds);
  return <Pill tone={item.progress >= 0.75 ? 'amber' : 'slate'}>Due in {left}</Pill>;
}

function WaitBar({ item }: { item: ReplyOwed }) {
  const percent = Math.min(100, Math.round(item.progress * 100));
  const ageHours = item.ageSeconds / 3600;
  return (
    <div className="mt-4">
      <div
        role="progressbar"
        aria-label={`Time ${item.candidateName} has waited`}
        aria-valuemin={0}
        aria-valuemax={item.targetHours}
        aria-valuenow={Math.min(item.targetHours, Math.round(ageHours * 10) / 10)}
        aria-valuetext={`${item.ageLabel} of the ${item.targetHours} h reply target${item.overdue ? ', overdue' : ''}`}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={cx('h-full rounded-full', item.overdue ? 'bg-red-600' : item.progress >= 0.75 ? 'bg-amber-500' : 'bg-brand-600')}
          style={{ width: `${Math.max(percent, 2)}%` }}
        />
      </div>
    </div>
  );
}

/** "Question · Portal · about …": a portal touch names its channel the way the candidate page does. */
function touchLabel(touch: NonNullable<ReplyOwed['touch']>): string {
  const about = touch.jobTitle ? `about ${touch.jobTitle}${touch.clientCompany ? ` at ${touch.clientCompany}` : ''}` : '';
  if (touch.channel === 'portal') return [touch.kindLabel, 'Portal', about].filter(Boolean).join(' · ');
  return [touch.kindLabel, CHANNEL_LABELS[touch.channel], about].filter(Boolean).join(' ');
}

function Item({ item, orgSlug, timeZone }: { item: ReplyOwed; orgSlug: string; timeZone: string }) {
  const touch = item.touch;
  const candidateHref = `/${orgSlug}/candidates/${item.candidateId}`;
  return (
    <li className={cx('rounded-lg bg-white p-4 shadow-sm ring-1 sm:p-5', item.overdue ? 'ring-red-200' : 'ring-slate-200')}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-slate-900">
            <Link href={candidateHref} className="text-brand-700 hover:underline">
              {item.candidateName}
            </Link>
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">
            {touch ? touchLabel(touch) : 'Waiting for an answer'}
            {item.ownerName ? ` · owner ${item.ownerName}` : ' · no owner'}
          </p>
        </div>
        <AgeBadge item={item} />
      </div>
      {touch?.excerpt ? (
        <blockquote className="mt-3 border-l-2 border-slate-200 pl-3 text-sm text-slate-800">
          <p className="break-words">{touch.excerpt}</p>
        </blockquote>
      ) : null}
      <WaitBar item={item} />
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <p>
          Waiting {item.ageLabel} of the {item.targetHours} h target · since{' '}
          <time dateTime={item.awaitingSince.toISOString()}>{formatDateTime(item.awaitingSince, timeZone)}</time>
          {item.pendingCount > 1 ? ` · ${item.pendingCount} messages waiting` : ''}
        </p>
        {touch?.kind === 'question' ? (
          <Link
            href={`${candidateHref}#timeline`}
            className="inline-flex min-h-9 items-center rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800"
            data-testid="inbox-answer"
          >
            Answer<span className="sr-only"> {item.candidateName}&apos;s question</span>
            <span aria-hidden="true">&nbsp;→</span>
          </Link>
        ) : (
          <Link href={candidateHref} className="font-semibold text-brand-700 hover:underline">
            Reply<span className="sr-only"> to {item.candidateName}</span>
            <span aria-hidden="true"> →</span>
          </Link>
        )}
      </div>
    </li>
  );
}

export function RepliesOwed({ orgSlug }: { orgSlug: string }) {
  const [data, query] = trpc.dashboard.inbox.useSuspenseInfiniteQuery({ orgSlug }, { getNextPageParam: (page) => page.nextCursor });
  const first = data.pages[0];
  const items = data.pages.flatMap((page) => page.items);
  const targetHours = first?.replyTargetHours ?? 48;
  const timeZone = first?.timeZone ?? 'UTC';
  const totals = first?.totals;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Replies owed</h1>
        <p className="mt-1 text-sm text-slate-600">
          Candidates waiting for an answer, longest wait first. Your agency aims to reply within {targetHours} hours.
        </p>
        {totals && totals.waiting > 0 ? (
          <p className="mt-2 text-sm font-medium text-slate-800" data-testid="inbox-totals">
            {totals.waiting} waiting · {totals.overdue} overdue
          </p>
        ) : null}
      </div>

      {items.length === 0 ? (
        <Card className="text-center">
          <h2 className="text-base font-semibold text-slate-900">Nobody is waiting on you</h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
            When a candidate asks a question or replies by email, they appear here until someone answers.
          </p>
        </Card>
      ) : (
        <>
          <ol className="space-y-3" aria-label="Candidates waiting for a reply">
            {items.map((item) => (
              <Item key={item.candidateId} item={item} orgSlug={orgSlug} timeZone={timeZone} />
            ))}
          </ol>
          {query.hasNextPage ? (
            <div className="flex justify-center">
              <Button type="button" variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? 'Loading…' : 'Show more'}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
