'use client';

import Link from 'next/link';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ConfirmDialog, Dialog, DialogActions } from '@/app/_components/dialog';
import { fieldErrorsOf, formErrorOf, FormError, InputField, SelectField, useFocusFirstError, withLabel, type MutationErrorLike } from '@/app/_components/form';
import { fromDatetimeLocal, toDatetimeLocal } from '@/app/_components/format';
import { formatInterviewers, INTERVIEW_KIND_OPTIONS, INTERVIEW_KIND_LABELS, interviewKindLabel, parseInterviewers, STAGE_LABELS, STAGE_OPTIONS, type InterviewKind } from '@/app/_components/records';
import { ArchivedPill, Pill } from '@/app/_components/status';
import { DateRange, useFormatDate, useNow } from '@/app/_components/time';
import { Button, Card, cx } from '@/app/_components/ui';
import type { OrgView } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import type { Stage } from '@/db/schema';
import type { CandidateData } from './candidate-view';

type Props = { org: OrgView; orgSlug: string; data: CandidateData; onDone: (message: string) => void };

export function ApplicationsCard({ org, orgSlug, data, onDone }: Props) {
  const archived = data.candidate.archivedAt !== null;
  const [adding, setAdding] = useState(false);
  const canAdd = org.canWrite && !archived;
  return (
    <Card padded={false} className="p-4 sm:p-5">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">Applications</h2>
        {canAdd ? (
          <Button type="button" variant="ghost" className="-mr-2 min-h-9 px-2 text-brand-700" onClick={() => setAdding(true)}>
            + Add application
          </Button>
        ) : null}
      </div>
      {data.applications.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No applications yet.{canAdd ? ' Add one to schedule interviews.' : ''}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" data-testid="applications">
          {data.applications.map((a) => (
            <ApplicationRow key={a.id} application={a} org={org} orgSlug={orgSlug} candidateId={data.candidate.id} editable={org.canWrite && !archived} onDone={onDone} />
          ))}
        </ul>
      )}
      {canAdd ? (
        <Dialog open={adding} onClose={() => setAdding(false)} title="Add application" description={`Which job is ${data.candidate.name} applying for?`} testId="add-application-dialog">
          <AddApplicationForm
            orgSlug={orgSlug}
            data={data}
            onCancel={() => setAdding(false)}
            onAdded={(title) => {
              setAdding(false);
              onDone(`Application for ${title} added.`);
            }}
          />
        </Dialog>
      ) : null}
    </Card>
  );
}

function ApplicationRow({
  application: a,
  orgSlug,
  candidateId,
  editable,
  onDone,
}: {
  application: CandidateData['applications'][number];
  org: OrgView;
  orgSlug: string;
  candidateId: string;
  editable: boolean;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const utils = trpc.useUtils();
  const [chosen, setChosen] = useState<Stage | null>(null);
  const update = trpc.application.update.useMutation({
    // Arrow keys on a closed select change it step by step: the updates run one after another, so
    // the last choice is the one that stays.
    scope: { id: `application-stage-${a.id}` },
    onSuccess: async (_row, input) => {
      onDone(`Stage for ${a.jobTitle} set to ${STAGE_LABELS[input.stage as Stage]}.`);
      await Promise.all([utils.candidate.get.invalidate({ orgSlug, candidateId }), utils.job.get.invalidate()]);
      // The server now says what was chosen; a later choice still in flight keeps showing.
      setChosen((c) => (c === input.stage ? null : c));
    },
  });
  const refresh = useRefreshCandidate(orgSlug, candidateId);
  const [confirming, setConfirming] = useState(false);
  const archive = trpc.application.update.useMutation({
    onSuccess: async (_row, input) => {
      await refresh();
      setConfirming(false);
      onDone(input.archived ? `Application for ${a.jobTitle} archived.` : `Application for ${a.jobTitle} restored.`);
    },
  });
  const stage = chosen ?? a.stage;
  const isArchived = a.archivedAt !== null;
  return (
    <li className={cx(isArchived ? 'py-2.5' : 'py-3')} data-testid="application" data-archived={isArchived ? '' : undefined}>
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <Link id={`${id}-title`} href={`/${orgSlug}/jobs/${a.jobId}`} className={cx('font-medium underline-offset-2 hover:underline', isArchived ? 'text-slate-600' : 'text-brand-700')}>
              {a.jobTitle}
            </Link>
            {isArchived ? <ArchivedPill /> : null}
          </div>
          <p className="text-sm text-slate-600">{a.clientCompany}</p>
        </div>
        {editable ? (
          <Button
            type="button"
            variant="ghost"
            className={cx('-mr-2 min-h-9 px-2', isArchived && 'text-brand-700')}
            data-testid="application-archive"
            aria-describedby={`${id}-title`}
            disabled={isArchived && archive.isPending}
            onClick={() => {
              archive.reset();
              if (isArchived) archive.mutate({ orgSlug, applicationId: a.id, archived: false });
              else setConfirming(true);
            }}
          >
            {isArchived ? (archive.isPending ? 'Restoring…' : 'Restore') : 'Archive application'}
          </Button>
        ) : null}
      </div>
      {isArchived && archive.error ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {archive.error.message}
        </p>
      ) : null}
      {editable && !isArchived ? (
        <ConfirmDialog
          open={confirming}
          onClose={() => setConfirming(false)}
          title="Archive this application?"
          confirmLabel="Archive"
          pendingLabel="Archiving…"
          tone="danger"
          pending={archive.isPending}
          error={archive.error?.message}
          onConfirm={() => archive.mutate({ orgSlug, applicationId: a.id, archived: true })}
        >
          <p>
            The application for {a.jobTitle} at {a.clientCompany} will be collapsed on this page and no new interviews can be added to it. Nothing is deleted: you can restore it at any time.
          </p>
        </ConfirmDialog>
      ) : null}
      {isArchived ? null : editable ? (
        <div className="mt-2 flex items-center gap-2">
          <label htmlFor={`${id}-stage`} className="text-sm text-slate-700">
            Stage
          </label>
          <select
            id={`${id}-stage`}
            value={stage}
            aria-describedby={update.error ? `${id}-error` : undefined}
            onChange={(e) => {
              const next = e.target.value as Stage;
              setChosen(next);
              update.mutate({ orgSlug, applicationId: a.id, stage: next }, { onError: () => setChosen(null) });
            }}
            className="h-9 rounded-md border border-slate-500 bg-white px-2 text-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none"
          >
            {STAGE_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </select>
          {update.isPending ? <span className="text-xs text-slate-600">Saving…</span> : null}
        </div>
      ) : (
        <p className="mt-1">
          <Pill>{STAGE_LABELS[a.stage]}</Pill>
        </p>
      )}
      {update.error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {update.error.message}
        </p>
      ) : null}
    </li>
  );
}

function AddApplicationForm({ orgSlug, data, onCancel, onAdded }: { orgSlug: string; data: CandidateData; onCancel: () => void; onAdded: (title: string) => void }) {
  const utils = trpc.useUtils();
  const jobs = trpc.job.list.useQuery({ orgSlug, includeArchived: false });
  const taken = new Set(data.applications.map((a) => a.jobId));
  const options = (jobs.data ?? []).filter((j) => !taken.has(j.id));
  const [jobId, setJobId] = useState('');
  const [stage, setStage] = useState<Stage>('applied');
  const create = trpc.application.create.useMutation({
    onSuccess: async (_row, input) => {
      await Promise.all([utils.candidate.get.invalidate({ orgSlug, candidateId: data.candidate.id }), utils.job.list.invalidate(), utils.job.get.invalidate()]);
      onAdded(jobs.data?.find((j) => j.id === input.jobId)?.title ?? 'the job');
    },
  });
  const errors = fieldErrorsOf(create.error);
  const formError = formErrorOf(create.error, ['jobId', 'stage']);
  const formRef = useFocusFirstError(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ orgSlug, candidateId: data.candidate.id, jobId, stage });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      {jobs.isPending ? (
        <p className="text-sm text-slate-600" role="status">
          Loading jobs…
        </p>
      ) : jobs.error ? (
        <FormError message={jobs.error.message} />
      ) : options.length === 0 ? (
        <p className="text-sm text-slate-700">
          There is no open job to add.{' '}
          <Link href={`/${orgSlug}/jobs`} className="font-medium text-brand-700 underline">
            Create a job
          </Link>{' '}
          first.
        </p>
      ) : (
        <>
          <SelectField
            id="add-application-job"
            label="Job"
            value={jobId}
            onChange={(e) => setJobId(e.target.value)}
            error={errors.jobId ? (jobId ? withLabel('Job', errors.jobId) : 'Choose a job') : undefined}
            required
          >
            <option value="">Choose a job…</option>
            {options.map((j) => (
              <option key={j.id} value={j.id}>
                {j.title} — {j.clientCompany}
              </option>
            ))}
          </SelectField>
          <SelectField id="add-application-stage" label="Stage" value={stage} onChange={(e) => setStage(e.target.value as Stage)} error={withLabel('Stage', errors.stage)}>
            {STAGE_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </SelectField>
        </>
      )}
      <DialogActions onCancel={onCancel}>
        <Button type="submit" disabled={create.isPending || options.length === 0}>
          {create.isPending ? 'Adding…' : 'Add application'}
        </Button>
      </DialogActions>
    </form>
  );
}

type Interview = CandidateData['interviews'][number];

/** Refetches what an interview or application change can move: the candidate, its timeline (follow-ups are re-attributed) and job counts. */
function useRefreshCandidate(orgSlug: string, candidateId: string) {
  const utils = trpc.useUtils();
  return () =>
    Promise.all([
      utils.candidate.get.invalidate({ orgSlug, candidateId }),
      utils.touch.timeline.invalidate({ orgSlug, candidateId }),
      utils.job.list.invalidate(),
      utils.job.get.invalidate(),
    ]);
}

/** "Dana Smith <dana@client.example>, Lee Wong": what the interviewers field reads back. */
function interviewersText(interviewers: readonly { name: string; email?: string | null }[]): string {
  return interviewers.map((i) => (i.email ? `${i.name} <${i.email}>` : i.name)).join(', ');
}

export function InterviewsCard({ org, orgSlug, data, onDone }: Props) {
  const archived = data.candidate.archivedAt !== null;
  const [adding, setAdding] = useState(false);
  const now = useNow();
  const canAdd = org.canWrite && !archived;
  const jobOf = (applicationId: string) => data.applications.find((a) => a.id === applicationId);
  const openApplications = data.applications.filter((a) => !a.archivedAt);

  return (
    <Card padded={false} className="p-4 sm:p-5">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">Interviews</h2>
        {canAdd && openApplications.length > 0 ? (
          <Button type="button" variant="ghost" className="-mr-2 min-h-9 px-2 text-brand-700" onClick={() => setAdding(true)}>
            + Add interview
          </Button>
        ) : null}
      </div>
      {data.interviews.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          No interviews yet.{canAdd ? (openApplications.length > 0 ? ' Add one to start the follow-up clock.' : ' Add an application first.') : ''}
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" data-testid="interviews">
          {data.interviews.map((i) => (
            <InterviewItem
              key={i.id}
              interview={i}
              jobTitle={jobOf(i.applicationId)?.jobTitle}
              orgSlug={orgSlug}
              candidateId={data.candidate.id}
              candidateName={data.candidate.name}
              editable={canAdd}
              now={now}
              onDone={onDone}
            />
          ))}
        </ul>
      )}
      {canAdd ? (
        <Dialog open={adding} onClose={() => setAdding(false)} title="Add interview" description={`When is ${data.candidate.name} interviewing, and with whom?`} testId="add-interview-dialog" size="lg">
          <AddInterview
            orgSlug={orgSlug}
            data={data}
            onCancel={() => setAdding(false)}
            onAdded={() => {
              setAdding(false);
              onDone('Interview added.');
            }}
          />
        </Dialog>
      ) : null}
    </Card>
  );
}

function InterviewItem({
  interview: i,
  jobTitle,
  orgSlug,
  candidateId,
  candidateName,
  editable,
  now,
  onDone,
}: {
  interview: Interview;
  jobTitle: string | undefined;
  orgSlug: string;
  candidateId: string;
  candidateName: string;
  editable: boolean;
  now: Date | null;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const formatDate = useFormatDate();
  const refresh = useRefreshCandidate(orgSlug, candidateId);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const update = trpc.interview.update.useMutation({
    onSuccess: async () => {
      await refresh();
      setEditing(false);
      onDone('Interview saved.');
    },
  });
  const archive = trpc.interview.update.useMutation({
    onSuccess: async (_row, input) => {
      await refresh();
      setConfirming(false);
      onDone(input.archived ? 'Interview archived.' : 'Interview restored.');
    },
  });
  const upcoming = now ? i.endsAt > now : false;
  const kindLabel = interviewKindLabel(i.kind);

  if (i.archivedAt) {
    // Archived: one dimmed, collapsed entry saying what it was, and a way back.
    return (
      <li className="py-2.5" data-testid="interview" data-archived="">
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
          <div className="min-w-0 text-sm text-slate-600">
            <p id={`${id}-title`} className="font-medium">
              {kindLabel} interview{jobTitle ? <span className="font-normal"> · {jobTitle}</span> : null}
            </p>
            <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <DateRange start={i.startsAt} end={i.endsAt} />
              <ArchivedPill />
            </p>
          </div>
          {editable ? (
            <Button
              type="button"
              variant="ghost"
              className="-mr-2 min-h-9 px-2 text-brand-700"
              data-testid="interview-archive"
              aria-describedby={`${id}-title`}
              disabled={archive.isPending}
              onClick={() => archive.mutate({ orgSlug, interviewId: i.id, archived: false })}
            >
              {archive.isPending ? 'Restoring…' : 'Restore'}
            </Button>
          ) : null}
        </div>
        {archive.error ? (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {archive.error.message}
          </p>
        ) : null}
      </li>
    );
  }

  return (
    <li className="py-3" data-testid="interview">
      <p id={`${id}-title`} className="font-medium text-slate-900">
        {kindLabel} interview{jobTitle ? <span className="font-normal text-slate-600"> · {jobTitle}</span> : null}
      </p>
      <p className="text-sm text-slate-700">
        <DateRange start={i.startsAt} end={i.endsAt} />
      </p>
      {i.interviewers.length ? <p className="text-sm text-slate-600">With {formatInterviewers(i.interviewers)}</p> : null}
      <p className="mt-1.5 flex flex-wrap gap-1">
        {i.followedUpAt ? (
          <Pill tone="green" title={`Followed up ${formatDate(i.followedUpAt, 'full')}`}>
            <span aria-hidden="true">✓</span> Followed up
          </Pill>
        ) : upcoming ? (
          <Pill tone="brand">Upcoming</Pill>
        ) : (
          <Pill tone="slate" className={now ? undefined : 'invisible'}>
            No follow-up yet
          </Pill>
        )}
      </p>
      {editable ? (
        <>
          <div className="mt-1.5 -ml-2 flex flex-wrap gap-1">
            <Button
              type="button"
              variant="ghost"
              className="min-h-9 px-2 text-brand-700"
              data-testid="interview-edit"
              aria-describedby={`${id}-title`}
              onClick={() => {
                update.reset();
                setEditing(true);
              }}
            >
              Edit
            </Button>
            <Button
              type="button"
              variant="ghost"
              className="min-h-9 px-2"
              data-testid="interview-archive"
              aria-describedby={`${id}-title`}
              onClick={() => {
                archive.reset();
                setConfirming(true);
              }}
            >
              Archive
            </Button>
          </div>
          <Dialog
            open={editing}
            onClose={() => setEditing(false)}
            title="Edit interview"
            description={`${candidateName}’s ${kindLabel.toLowerCase()} interview${jobTitle ? ` for ${jobTitle}` : ''}.`}
            testId="edit-interview-dialog"
            size="lg"
          >
            <InterviewForm
              idPrefix="edit-interview"
              initial={{ start: toDatetimeLocal(i.startsAt), end: toDatetimeLocal(i.endsAt), kind: i.kind as InterviewKind, interviewers: interviewersText(i.interviewers) }}
              requireTimes
              error={update.error}
              pending={update.isPending}
              submitLabel="Save interview"
              pendingLabel="Saving…"
              onCancel={() => setEditing(false)}
              onSubmit={(v) => update.mutate({ orgSlug, interviewId: i.id, startsAt: v.startsAt, endsAt: v.endsAt, kind: v.kind, interviewers: v.interviewers })}
            />
          </Dialog>
          <ConfirmDialog
            open={confirming}
            onClose={() => setConfirming(false)}
            title="Archive this interview?"
            confirmLabel="Archive"
            pendingLabel="Archiving…"
            tone="danger"
            pending={archive.isPending}
            error={archive.error?.message}
            onConfirm={() => archive.mutate({ orgSlug, interviewId: i.id, archived: true })}
          >
            <p>
              The {kindLabel.toLowerCase()} interview on {formatDate(i.startsAt, 'full')} will be collapsed on this page. Nothing is deleted: you can restore it at any time.
            </p>
          </ConfirmDialog>
        </>
      ) : null}
    </li>
  );
}

function AddInterview({ orgSlug, data, onCancel, onAdded }: { orgSlug: string; data: CandidateData; onCancel: () => void; onAdded: () => void }) {
  const utils = trpc.useUtils();
  const applications = data.applications.filter((a) => !a.archivedAt);
  const create = trpc.interview.create.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.candidate.get.invalidate({ orgSlug, candidateId: data.candidate.id }), utils.job.list.invalidate(), utils.job.get.invalidate()]);
      onAdded();
    },
  });
  return (
    <InterviewForm
      idPrefix="add-interview"
      applications={applications}
      initial={{ applicationId: applications.length === 1 ? applications[0]!.id : '', start: '', end: '', kind: 'video', interviewers: '' }}
      error={create.error}
      pending={create.isPending}
      submitLabel="Add interview"
      pendingLabel="Adding…"
      onCancel={onCancel}
      onSubmit={(v) => create.mutate({ orgSlug, applicationId: v.applicationId, startsAt: v.startsAt, endsAt: v.endsAt, kind: v.kind, interviewers: v.interviewers })}
    />
  );
}

type InterviewFormValues = { applicationId?: string; start: string; end: string; kind: InterviewKind; interviewers: string };
type InterviewSubmitValues = { applicationId: string; startsAt?: Date; endsAt?: Date; kind: InterviewKind; interviewers: { name: string; email?: string }[] };
type LocalErrors = { startsAt?: string; endsAt?: string; interviewers?: string };

/**
 * An interview's fields, for adding one (with the application it is for) and for editing one (its
 * application stays). The caller runs the mutation and passes in its error and pending state.
 */
function InterviewForm({
  idPrefix,
  applications,
  initial,
  requireTimes = false,
  error,
  pending,
  submitLabel,
  pendingLabel,
  onCancel,
  onSubmit,
}: {
  idPrefix: string;
  /** The applications to choose from; without them there is no application field. */
  applications?: CandidateData['applications'];
  initial: InterviewFormValues;
  /** Refuse an empty start or end before submitting (an update keeps whatever is left out). */
  requireTimes?: boolean;
  error: MutationErrorLike | null;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  onCancel: () => void;
  onSubmit: (values: InterviewSubmitValues) => void;
}) {
  const [applicationId, setApplicationId] = useState(initial.applicationId ?? '');
  const [start, setStart] = useState(initial.start);
  const [end, setEnd] = useState(initial.end);
  const [kind, setKind] = useState<InterviewKind>(initial.kind);
  const [interviewers, setInterviewers] = useState(initial.interviewers);
  const [localErrors, setLocalErrors] = useState<LocalErrors>({});
  const serverErrors = fieldErrorsOf(error);
  const errors: Record<string, string | undefined> = { ...serverErrors, ...localErrors };
  const formError = formErrorOf(error, ['applicationId', 'startsAt', 'endsAt', 'kind', 'interviewers']);
  const formRef = useFocusFirstError(error);

  useEffect(() => {
    // Checks made here never reach the server, so they move focus to the field themselves.
    if (Object.keys(localErrors).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [localErrors, formRef]);

  function onStartChange(value: string) {
    setStart(value);
    // A new start with no (or an earlier) end gets a one-hour interview, which is what most are.
    const s = fromDatetimeLocal(value);
    const e = fromDatetimeLocal(end);
    if (s && (!e || e <= s)) setEnd(toDatetimeLocal(new Date(s.getTime() + 60 * 60_000)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseInterviewers(interviewers);
    const startsAt = fromDatetimeLocal(start) ?? undefined;
    const endsAt = fromDatetimeLocal(end) ?? undefined;
    const next: LocalErrors = {};
    if (requireTimes && !startsAt) next.startsAt = 'Enter a valid start time';
    if (requireTimes && !endsAt) next.endsAt = 'Enter a valid end time';
    if (parsed.error) next.interviewers = parsed.error;
    setLocalErrors(next);
    if (Object.keys(next).length) return;
    onSubmit({ applicationId, startsAt, endsAt, kind, interviewers: parsed.interviewers });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      {applications ? (
        <SelectField
          id={`${idPrefix}-application`}
          label="Application"
          value={applicationId}
          onChange={(e) => setApplicationId(e.target.value)}
          error={errors.applicationId ? (applicationId ? withLabel('Application', errors.applicationId) : 'Choose the application this interview is for') : undefined}
          required
        >
          <option value="">Choose an application…</option>
          {applications.map((a) => (
            <option key={a.id} value={a.id}>
              {a.jobTitle} — {a.clientCompany}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField id={`${idPrefix}-start`} label="Starts" type="datetime-local" required value={start} onChange={(e) => onStartChange(e.target.value)} error={withLabel('Start', errors.startsAt)} />
        <InputField id={`${idPrefix}-end`} label="Ends" type="datetime-local" required value={end} min={start || undefined} onChange={(e) => setEnd(e.target.value)} error={withLabel('End', errors.endsAt)} />
      </div>
      <SelectField id={`${idPrefix}-kind`} label="Kind" value={kind} onChange={(e) => setKind(e.target.value as InterviewKind)} error={withLabel('Kind', errors.kind)}>
        {INTERVIEW_KIND_OPTIONS.map((k) => (
          <option key={k} value={k}>
            {INTERVIEW_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <InputField
        id={`${idPrefix}-interviewers`}
        label="Interviewers (optional)"
        autoComplete="off"
        placeholder="Dana Smith <dana@client.example>, Lee Wong"
        value={interviewers}
        onChange={(e) => setInterviewers(e.target.value)}
        hint="Name <email>, separated by commas. The email is optional."
        error={localErrors.interviewers ?? withLabel('Interviewers', serverErrors.interviewers)}
      />
      <DialogActions onCancel={onCancel}>
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </DialogActions>
    </form>
  );
}
