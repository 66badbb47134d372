'use client';

import { useId, useRef, useState } from 'react';
import { ConfirmDialog } from '@/app/_components/dialog';
import { Pill, type PillTone } from '@/app/_components/status';
import { DateTime } from '@/app/_components/time';
import { Button, Card, cx } from '@/app/_components/ui';
import type { RouterOutputs } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { excerpt } from '@/server/services/dashboard/format';
import { AdminOnly } from '../_shared/admin-only';
import { AgencyPage, type AgencyPageHeading } from '../_shared/agency-page-header';
import { CardList } from '../_shared/card-list';
import { useConfirmRow } from '../_shared/dialog-focus';
import { HeaderSkeleton, PageSkeleton } from '../_shared/page-skeleton';
import { SuccessStatus } from '../_shared/status-lines';

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

const HEADING: AgencyPageHeading = {
  crumb: 'Email',
  title: 'Email',
  intro: 'Mail that reached your inbound domain without a conversation, and addresses Afterview no longer sends to.',
};

export function EmailAdminSkeleton() {
  return (
    <PageSkeleton label="Loading email">
      <HeaderSkeleton />
      <div className="h-64 rounded-lg bg-slate-200" />
      <div className="h-48 rounded-lg bg-slate-200" />
    </PageSkeleton>
  );
}

export function EmailAdminForbidden({ orgSlug }: { orgSlug: string }) {
  return (
    <AdminOnly orgSlug={orgSlug} heading={HEADING} testId="email-admin-forbidden">
      Only owners and admins see unrouted email and suppressed addresses.
    </AdminOnly>
  );
}

export function EmailAdmin({ orgSlug }: { orgSlug: string }) {
  return (
    <AgencyPage orgSlug={orgSlug} heading={HEADING}>
      <UnroutedCard orgSlug={orgSlug} />
      <SuppressionsCard orgSlug={orgSlug} />
    </AgencyPage>
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
      <CardList items={rows} labelledBy={headingId} testId="unrouted" empty="No unrouted email. Mail to your inbound domain that names no conversation appears here." emptyTestId="unrouted-empty">
        {(row) => <UnroutedRow key={row.id} row={row} />}
      </CardList>
      {rows.length >= UNROUTED_LIMIT ? <p className="mt-2 text-xs text-slate-600">Showing the latest {UNROUTED_LIMIT}.</p> : null}
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
  const [status, setStatus] = useState<string>();
  const confirm = useConfirmRow<Suppression>(() => heading.current?.focus());
  const remove = trpc.email.removeSuppression.useMutation({
    onSuccess: async (result) => {
      await utils.email.suppressions.invalidate({ orgSlug });
      setStatus(`${result.email} can receive email again.`);
      confirm.done();
    },
  });

  return (
    <Card padded={false} className="p-4 sm:p-5">
      <h2 ref={heading} id={headingId} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
        Suppressed addresses
      </h2>
      <p className="mt-1 text-sm text-slate-600">Afterview does not send to these addresses: they bounced, or their owner marked your email as spam. Remove one only once the address works again.</p>
      <SuccessStatus testId="suppression-status" message={status} className="mt-3" />
      <CardList items={rows} labelledBy={headingId} testId="suppressions" empty="No suppressed addresses." emptyTestId="suppressions-empty">
        {(row) => (
          <SuppressionRow
            key={row.email}
            row={row}
            onRemove={() => {
              remove.reset();
              setStatus(undefined);
              confirm.ask(row);
            }}
          />
        )}
      </CardList>
      <ConfirmDialog
        open={confirm.open}
        onClose={confirm.close}
        title="Remove this address from the list?"
        confirmLabel="Remove"
        pendingLabel="Removing…"
        pending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => {
          if (confirm.target && !remove.isPending) remove.mutate({ orgSlug, email: confirm.target.email });
        }}
      >
        <p>
          Afterview will send to <span className="font-medium break-all text-slate-900">{confirm.target?.email}</span> again. If it bounces or is marked as spam again, it comes back on this
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
