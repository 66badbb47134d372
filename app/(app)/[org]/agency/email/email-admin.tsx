'use client';

import Link from 'next/link';
import { useId, useRef, useState } from 'react';
import { ConfirmDialog } from '@/app/_components/dialog';
import { LiveStatus } from '@/app/_components/form';
import { Pill, type PillTone } from '@/app/_components/status';
import { DateTime } from '@/app/_components/time';
import { Button, Card, cx } from '@/app/_components/ui';
import type { RouterOutputs } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { excerpt } from '@/server/services/dashboard/format';

type Unrouted = RouterOutputs['email']['unrouted'][number];
type Suppression = RouterOutputs['email']['suppressions'][number];

/** The server's default page of unrouted mail (server/services/email/list-unrouted-emails.ts). */
const UNROUTED_LIMIT = 50;
const PREVIEW_MAX = 280;

/** Reasons as the webhook processing stores them (server/services/email/process-webhook-event.ts). */
const REASONS: Record<string, { label: string; tone: PillTone }> = {
  bounced: { label: 'Bounced', tone: 'red' },
  complained: { label: 'Marked as spam', tone: 'red' },
  'suppressed by Resend': { label: 'Suppressed by Resend', tone: 'amber' },
};

function reasonOf(reason: string) {
  return REASONS[reason] ?? { label: reason.charAt(0).toUpperCase() + reason.slice(1), tone: 'slate' as const };
}

function Header({ orgSlug }: { orgSlug: string }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex flex-wrap items-center gap-1 text-slate-600">
          <li>
            <Link href={`/${orgSlug}/agency`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              Agency
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="text-slate-700">
            Email
          </li>
        </ol>
      </nav>
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Email</h1>
        <p className="mt-1 text-sm text-slate-600">Mail that reached your inbound domain without a conversation, and addresses Afterview no longer sends to.</p>
      </div>
    </>
  );
}

export function EmailAdminSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading email" className="animate-pulse space-y-6">
      <div className="h-5 w-40 rounded bg-slate-200" />
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="h-64 rounded-lg bg-slate-200" />
      <div className="h-48 rounded-lg bg-slate-200" />
    </div>
  );
}

export function EmailAdminForbidden({ orgSlug }: { orgSlug: string }) {
  return (
    <div className="space-y-6">
      <Header orgSlug={orgSlug} />
      <Card>
        <p className="text-sm text-slate-700" data-testid="email-admin-forbidden">
          Only owners and admins see unrouted email and suppressed addresses.
        </p>
      </Card>
    </div>
  );
}

export function EmailAdmin({ orgSlug }: { orgSlug: string }) {
  return (
    <div className="space-y-6">
      <Header orgSlug={orgSlug} />
      <UnroutedCard orgSlug={orgSlug} />
      <SuppressionsCard orgSlug={orgSlug} />
    </div>
  );
}

function UnroutedCard({ orgSlug }: { orgSlug: string }) {
  const [rows] = trpc.email.unrouted.useSuspenseQuery({ orgSlug });
  const headingId = useId();
  return (
    <Card padded={false} className="p-4 sm:p-5">
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        Unrouted email
      </h2>
      <p className="mt-1 text-sm text-slate-600">Forward anything that matters to the recruiter concerned: it is not on any timeline.</p>
      {rows.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600" data-testid="unrouted-empty">
          No unrouted email. Mail to your inbound domain that names no conversation appears here.
        </p>
      ) : (
        <>
          <ul className="mt-3 divide-y divide-slate-100" aria-labelledby={headingId} data-testid="unrouted">
            {rows.map((row) => (
              <UnroutedRow key={row.id} row={row} />
            ))}
          </ul>
          {rows.length >= UNROUTED_LIMIT ? <p className="mt-2 text-xs text-slate-600">Showing the latest {UNROUTED_LIMIT}.</p> : null}
        </>
      )}
    </Card>
  );
}

function UnroutedRow({ row }: { row: Unrouted }) {
  const preview = excerpt(row.text, PREVIEW_MAX);
  const longer = row.text.replace(/\s+/g, ' ').trim().length > PREVIEW_MAX;
  return (
    <li className="py-3" data-testid="unrouted-email">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 className="min-w-0 text-sm font-medium break-words text-slate-900">{row.subject.trim() || '(no subject)'}</h3>
        <DateTime value={row.receivedAt} className="shrink-0 text-xs text-slate-600" />
      </div>
      <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs text-slate-600">
        <dt>From</dt>
        <dd className="break-all text-slate-800">{row.from}</dd>
        <dt>To</dt>
        <dd className="break-all text-slate-800">{row.to.join(', ')}</dd>
      </dl>
      {preview ? (
        <p className={cx('mt-2 text-sm break-words text-slate-800', !longer && 'whitespace-pre-wrap')} data-testid="unrouted-preview">
          {longer ? preview : row.text.trim()}
        </p>
      ) : (
        <p className="mt-2 text-sm text-slate-600">No text.</p>
      )}
      {longer ? (
        <details className="mt-1 text-sm text-slate-800">
          <summary className="cursor-pointer font-medium text-brand-700 underline-offset-2 hover:underline">Show the whole message</summary>
          <p className="mt-2 rounded-md bg-slate-50 p-3 break-words whitespace-pre-wrap ring-1 ring-slate-200 ring-inset">{row.text}</p>
        </details>
      ) : null}
    </li>
  );
}

function SuppressionsCard({ orgSlug }: { orgSlug: string }) {
  const utils = trpc.useUtils();
  const [rows] = trpc.email.suppressions.useSuspenseQuery({ orgSlug });
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [target, setTarget] = useState<Suppression | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string>();
  // The removed address's row (and its Remove button) is gone when the dialog closes: focus then
  // goes to the section, not to the top of the page.
  const removed = useRef(false);
  const remove = trpc.email.removeSuppression.useMutation({
    onSuccess: async (result) => {
      await utils.email.suppressions.invalidate({ orgSlug });
      removed.current = true;
      setStatus(`${result.email} can receive email again.`);
      setConfirming(false);
    },
  });

  return (
    <Card padded={false} className="p-4 sm:p-5">
      <h2 ref={heading} id={headingId} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
        Suppressed addresses
      </h2>
      <p className="mt-1 text-sm text-slate-600">Afterview does not send to these addresses: they bounced, or their owner marked your email as spam. Remove one only once the address works again.</p>
      <LiveStatus testId="suppression-status" message={status} className={cx(status && 'mt-3 font-medium text-emerald-800')} />
      {rows.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600" data-testid="suppressions-empty">
          No suppressed addresses.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" aria-labelledby={headingId} data-testid="suppressions">
          {rows.map((row) => (
            <SuppressionRow
              key={row.email}
              row={row}
              onRemove={() => {
                remove.reset();
                setStatus(undefined);
                setTarget(row);
                setConfirming(true);
              }}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => {
          setConfirming(false);
          if (removed.current) {
            removed.current = false;
            heading.current?.focus();
          }
        }}
        title="Remove this address from the list?"
        confirmLabel="Remove"
        pendingLabel="Removing…"
        pending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => {
          if (target && !remove.isPending) remove.mutate({ orgSlug, email: target.email });
        }}
      >
        <p>
          Afterview will send to <span className="font-medium break-all text-slate-900">{target?.email}</span> again. If it bounces or is marked as spam again, it comes back on this
          list, and every bounce hurts how well your agency&apos;s email is delivered.
        </p>
      </ConfirmDialog>
    </Card>
  );
}

function SuppressionRow({ row, onRemove }: { row: Suppression; onRemove: () => void }) {
  const id = useId();
  const reason = reasonOf(row.reason);
  return (
    <li className="flex flex-wrap items-start justify-between gap-x-3 gap-y-2 py-3" data-testid="suppression">
      <div className="min-w-0 space-y-1">
        <p id={`${id}-email`} className="text-sm font-medium break-all text-slate-900">
          {row.email}
        </p>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
          <Pill tone={reason.tone} testId="suppression-reason">
            {reason.label}
          </Pill>
          <span>
            Since <DateTime value={row.createdAt} style="date" />
          </span>
        </p>
        {row.detail ? <p className="text-xs break-words text-slate-700">{row.detail}</p> : null}
      </div>
      <Button type="button" variant="secondary" className="min-h-9 px-3" aria-describedby={`${id}-email`} data-testid="suppression-remove" onClick={onRemove}>
        Remove
      </Button>
    </li>
  );
}
