'use client';

import { useState, type ReactNode } from 'react';
import { LiveStatus } from '@/app/_components/form';
import { RecordActions } from '@/app/_components/record-actions';
import { formatDuration } from '@/app/_components/format';
import { ArchivedPill, FollowUpStatus, Pill, StrengthPill } from '@/app/_components/status';
import { DateTime, RelativeTime, useNow } from '@/app/_components/time';
import { Breadcrumb, Button, Card, cx } from '@/app/_components/ui';
import { useOrg, type OrgView, type RouterOutputs } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { can } from '@/server/auth/permissions';
import { TOUCH_RULES } from '@/server/services/touches/touch-kinds';
import { CandidateForm, candidateInputOf } from '../candidate-form';
import { ApplicationsCard, InterviewsCard } from './candidate-records';
import { ComposeEmailDialog } from './compose-email';
import { firstName } from '@/server/services/candidates/first-name';
import { PortalLinksCard } from './portal-links';
import { PrivacyActionsCard } from './privacy-actions';
import { Timeline } from './timeline';

export type CandidateData = RouterOutputs['candidate']['get'];

export function CandidateView({ orgSlug, candidateId, viewerUserId }: { orgSlug: string; candidateId: string; viewerUserId: string }) {
  const org = useOrg(orgSlug, viewerUserId);
  const [data] = trpc.candidate.get.useSuspenseQuery({ orgSlug, candidateId });
  const [status, setStatus] = useState<string>();
  const { candidate } = data;
  const archived = candidate.archivedAt !== null;
  const canEmail = can(org.role, 'email.send') && !archived;

  return (
    <div className="space-y-6">
      <Breadcrumb parent={{ href: `/${orgSlug}/candidates`, label: 'Candidates' }} current={candidate.name} />

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <h1 className="text-2xl font-bold tracking-tight break-words text-slate-900" data-testid="candidate-name">
              {candidate.name}
            </h1>
            {archived ? <ArchivedPill /> : null}
            <FollowUpStatus
              followedUpAt={data.engagement?.followedUpAt ?? null}
              awaitingReplySince={data.engagement?.awaitingReplySince ?? null}
              maxStrength={data.engagement?.maxStrength ?? 0}
            />
          </div>
          <p className="mt-1 text-sm break-all text-slate-600">
            <a href={`mailto:${candidate.email}`} className="underline-offset-2 hover:underline">
              {candidate.email}
            </a>
            {candidate.phone ? (
              <>
                {' · '}
                <a href={`tel:${candidate.phone.replace(/[^\d+]/g, '')}`} className="underline-offset-2 hover:underline">
                  {candidate.phone}
                </a>
              </>
            ) : null}
          </p>
        </div>
        {canEmail || org.canWrite ? (
          <div className="flex flex-wrap gap-2">
            {canEmail ? <EmailCandidate orgSlug={orgSlug} data={data} onDone={setStatus} /> : null}
            {org.canWrite ? <CandidateActions org={org} orgSlug={orgSlug} data={data} onDone={setStatus} /> : null}
          </div>
        ) : null}
      </div>

      <LiveStatus testId="page-status" message={status} className={cx(status && 'rounded-md bg-emerald-50 px-3 py-2 text-emerald-900 ring-1 ring-inset ring-emerald-200')} />

      {archived ? (
        <p className="rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-800 ring-1 ring-inset ring-slate-200">
          {candidate.name} is archived: hidden from lists and the dashboard, and no touches can be logged. {org.canWrite ? 'Restore them to work with them again.' : ''}
        </p>
      ) : null}

      <EngagementCard data={data} />

      {/* One column on a phone: details, then the timeline (what the page is for), then the other
          cards. From lg the timeline takes the left column beside all of them; the second row
          takes the timeline's extra height, so the right column's cards stay together. */}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr]">
        <div className="lg:col-start-2 lg:row-start-1">
          <DetailsCard data={data} />
        </div>
        <div className="min-w-0 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <Timeline org={org} orgSlug={orgSlug} data={data} />
        </div>
        <div className="space-y-6 lg:col-start-2 lg:row-start-2">
          <ApplicationsCard org={org} orgSlug={orgSlug} data={data} onDone={setStatus} />
          <InterviewsCard org={org} orgSlug={orgSlug} data={data} onDone={setStatus} />
          <PortalLinksCard org={org} orgSlug={orgSlug} data={data} onDone={setStatus} />
          <PrivacyActionsCard org={org} orgSlug={orgSlug} data={data} onDone={setStatus} />
        </div>
      </div>
    </div>
  );
}

function EmailCandidate({ orgSlug, data, onDone }: { orgSlug: string; data: CandidateData; onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="button" data-testid="email-compose" onClick={() => setOpen(true)}>
        Email {firstName(data.candidate.name)}
      </Button>
      <ComposeEmailDialog
        open={open}
        onClose={() => setOpen(false)}
        orgSlug={orgSlug}
        candidate={data.candidate}
        onSent={(message) => {
          setOpen(false);
          onDone(message);
        }}
      />
    </>
  );
}

function CandidateActions({ org, orgSlug, data, onDone }: { org: OrgView; orgSlug: string; data: CandidateData; onDone: (message: string) => void }) {
  const { candidate } = data;
  const archived = candidate.archivedAt !== null;
  const utils = trpc.useUtils();
  const refresh = () => Promise.all([utils.candidate.get.invalidate({ orgSlug, candidateId: candidate.id }), utils.candidate.list.invalidate()]);
  const update = trpc.candidate.update.useMutation({
    onSuccess: async () => {
      await refresh();
      onDone('Details saved.');
    },
  });
  const archive = trpc.candidate.archive.useMutation({
    onSuccess: async (_row, input) => {
      await refresh();
      onDone(input.archived ? `${candidate.name} was archived.` : `${candidate.name} was restored.`);
    },
  });

  return (
    <RecordActions
      name={candidate.name}
      archived={archived}
      editLabel="Edit details"
      editTestId="edit-candidate-dialog"
      onOpen={() => {
        update.reset();
        archive.reset();
      }}
      editForm={(close) => (
        <CandidateForm
          idPrefix="edit-candidate"
          org={org}
          allowNoOwner
          extraTeam={candidate.teamId ? { id: candidate.teamId, name: candidate.teamName ?? 'Current team' } : null}
          initial={{
            name: candidate.name,
            email: candidate.email,
            phone: candidate.phone ?? '',
            teamId: candidate.teamId ?? '',
            ownerUserId: candidate.ownerUserId ?? '',
            tags: candidate.tags.join(', '),
            source: candidate.source ?? '',
          }}
          error={update.error}
          pending={update.isPending}
          submitLabel="Save details"
          pendingLabel="Saving…"
          onCancel={close}
          onSubmit={(values) => update.mutate({ orgSlug, candidateId: candidate.id, ...candidateInputOf(values) }, { onSuccess: close })}
        />
      )}
      archive={{
        pending: archive.isPending,
        error: archive.error?.message,
        run: (close) => archive.mutate({ orgSlug, candidateId: candidate.id, archived: !archived }, { onSuccess: close }),
      }}
      archiveNote={<p>Archived candidates are hidden from lists and the dashboard, and no touches can be logged for them. Nothing is deleted: you can restore them at any time.</p>}
      restoreNote={<p>They will show in candidate lists and on the dashboard again, and touches can be logged.</p>}
    />
  );
}

function DetailsCard({ data }: { data: CandidateData }) {
  const { candidate } = data;
  const rows: [string, ReactNode][] = [
    ['Email', <span key="e" className="break-all">{candidate.email}</span>],
    ['Phone', candidate.phone ?? <Muted>Not given</Muted>],
    ['Team', candidate.teamName ?? <Muted>No team</Muted>],
    ['Owner', candidate.ownerName ?? <Muted>No owner</Muted>],
    [
      'Tags',
      candidate.tags.length ? (
        <span className="flex flex-wrap gap-1">
          {candidate.tags.map((t) => (
            <Pill key={t}>{t}</Pill>
          ))}
        </span>
      ) : (
        <Muted>None</Muted>
      ),
    ],
    ['Source', candidate.source ?? <Muted>Not given</Muted>],
    ['Added', <DateTime key="a" value={candidate.createdAt} style="date" />],
  ];
  return (
    <Card padded={false} className="p-4 sm:p-5">
      <h2 className="text-base font-semibold text-slate-900">Details</h2>
      <dl className="mt-3 divide-y divide-slate-100 text-sm" data-testid="candidate-details">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-[6rem_minmax(0,1fr)] gap-3 py-2">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="text-slate-500">{children}</span>;
}

/** Which kinds of touch make a given inbound strength ("Question", "Email reply, Call or Message"). */
function kindsOfStrength(strength: number): string {
  const labels = Object.values(TOUCH_RULES)
    .filter((r) => r.strength === strength && r.directions.includes('inbound'))
    .map((r) => r.label);
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

/** The time from the end of the interview that was followed up first to its follow-up. */
function timeToFollowUp(data: CandidateData): number | null {
  const followed = data.interviews.filter((i) => i.followedUpAt).sort((a, b) => a.followedUpAt!.getTime() - b.followedUpAt!.getTime());
  const first = followed[0];
  if (first?.followedUpAt) return first.followedUpAt.getTime() - first.endsAt.getTime();
  const at = data.engagement?.followedUpAt;
  if (!at) return null;
  const before = data.interviews.filter((i) => i.endsAt <= at).sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime())[0];
  return before ? at.getTime() - before.endsAt.getTime() : null;
}

function EngagementCard({ data }: { data: CandidateData }) {
  const e = data.engagement;
  const now = useNow();
  const target = data.settings.replyTargetHours;
  const latency = timeToFollowUp(data);
  const waitingMs = e?.awaitingReplySince && now ? now.getTime() - e.awaitingReplySince.getTime() : null;
  const overdue = waitingMs !== null && waitingMs > target * 3_600_000;

  return (
    <Card padded={false} className="p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">Engagement</h2>
        <p className="text-xs text-slate-600">Reply target: {target} h</p>
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-4 min-[420px]:grid-cols-2 md:grid-cols-3" data-testid="engagement">
        <Stat label="Followed up">
          {e?.followedUpAt ? (
            <>
              <DateTime value={e.followedUpAt} />
              {latency !== null ? <span className="block text-sm font-normal text-slate-600">{formatDuration(latency)} after the interview</span> : null}
            </>
          ) : (
            <>
              Not yet
              <span className="block text-sm font-normal text-slate-600">No thank-you, reply or question after an interview</span>
            </>
          )}
        </Stat>
        <Stat label="Strongest signal">
          {e && e.maxStrength > 0 ? (
            <>
              <StrengthPill strength={e.maxStrength} />
              <span className="mt-1 block text-sm font-normal text-slate-600">{kindsOfStrength(e.maxStrength)}</span>
            </>
          ) : (
            <StrengthPill strength={0} />
          )}
        </Stat>
        <Stat label="Signals from the candidate">
          <span className="tabular-nums">
            {e?.strongCount ?? 0} strong · {e?.mediumCount ?? 0} medium · {e?.weakCount ?? 0} weak
          </span>
        </Stat>
        <Stat label="Awaiting our reply" highlight={overdue}>
          {e?.awaitingReplySince ? (
            <>
              <span className="flex flex-wrap items-center gap-2">
                <span>
                  Since <DateTime value={e.awaitingReplySince} style="short" />
                </span>
                {overdue ? (
                  <Pill tone="red" testId="overdue">
                    <span aria-hidden="true">!</span> Overdue
                  </Pill>
                ) : null}
              </span>
              <span className={cx('block text-sm font-normal text-slate-600', waitingMs === null && 'invisible')}>
                Waiting {waitingMs !== null ? formatDuration(waitingMs) : '0 min'} of {target} h target
              </span>
            </>
          ) : (
            <>
              Nothing waiting
              <span className="block text-sm font-normal text-slate-600">Every question has an answer</span>
            </>
          )}
        </Stat>
        <Stat label="Last from the candidate">{e?.lastInboundAt ? <LastTouch at={e.lastInboundAt} count={e.inboundCount} /> : 'Never'}</Stat>
        <Stat label="Last from the agency">{e?.lastOutboundAt ? <LastTouch at={e.lastOutboundAt} count={e.outboundCount} /> : 'Never'}</Stat>
      </dl>
    </Card>
  );
}

function LastTouch({ at, count }: { at: Date; count: number }) {
  return (
    <>
      <RelativeTime value={at} />
      <span className="block text-sm font-normal text-slate-600">
        <DateTime value={at} style="short" /> · {count} in all
      </span>
    </>
  );
}

function Stat({ label, children, highlight }: { label: string; children: ReactNode; highlight?: boolean }) {
  return (
    <div className={cx('rounded-md px-3 py-2.5 ring-1 ring-inset', highlight ? 'bg-red-50 ring-red-200' : 'bg-slate-50 ring-slate-200')}>
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-1 text-base font-semibold text-slate-900">{children}</dd>
    </div>
  );
}

export function CandidateSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading candidate" className="animate-pulse space-y-6">
      <div className="h-5 w-40 rounded bg-slate-200" />
      <div className="space-y-2">
        <div className="h-8 w-64 rounded bg-slate-200" />
        <div className="h-4 w-72 max-w-full rounded bg-slate-200" />
      </div>
      <div className="h-52 rounded-lg bg-slate-200" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="h-96 rounded-lg bg-slate-200 lg:col-start-2 lg:row-start-1" />
        <div className="h-[32rem] rounded-lg bg-slate-200 lg:col-start-1 lg:row-start-1" />
      </div>
    </div>
  );
}
