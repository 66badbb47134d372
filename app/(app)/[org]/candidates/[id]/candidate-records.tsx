'use client';

import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { Dialog, DialogActions } from '@/app/_components/dialog';
import { fieldErrorsOf, formErrorOf, FormError, InputField, SelectField, useFocusFirstError, withLabel } from '@/app/_components/form';
import { fromDatetimeLocal, toDatetimeLocal } from '@/app/_components/format';
import { formatInterviewers, INTERVIEW_KIND_OPTIONS, INTERVIEW_KIND_LABELS, interviewKindLabel, parseInterviewers, STAGE_LABELS, STAGE_OPTIONS, type InterviewKind } from '@/app/_components/records';
import { ArchivedPill, Pill } from '@/app/_components/status';
import { DateRange, useFormatDate, useNow } from '@/app/_components/time';
import { Button, Card } from '@/app/_components/ui';
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
  const stage = chosen ?? a.stage;
  return (
    <li className="py-3" data-testid="application">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/${orgSlug}/jobs/${a.jobId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {a.jobTitle}
        </Link>
        {a.archivedAt ? <ArchivedPill /> : null}
      </div>
      <p className="text-sm text-slate-600">{a.clientCompany}</p>
      {editable ? (
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

export function InterviewsCard({ org, orgSlug, data, onDone }: Props) {
  const archived = data.candidate.archivedAt !== null;
  const [adding, setAdding] = useState(false);
  const now = useNow();
  const formatDate = useFormatDate();
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
          {data.interviews.map((i) => {
            const job = jobOf(i.applicationId);
            const upcoming = now ? i.endsAt > now : false;
            return (
              <li key={i.id} className="py-3" data-testid="interview">
                <p className="font-medium text-slate-900">
                  {interviewKindLabel(i.kind)} interview{job ? <span className="font-normal text-slate-600"> · {job.jobTitle}</span> : null}
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
                  {i.archivedAt ? <ArchivedPill /> : null}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {canAdd ? (
        <Dialog open={adding} onClose={() => setAdding(false)} title="Add interview" description={`When is ${data.candidate.name} interviewing, and with whom?`} testId="add-interview-dialog" size="lg">
          <AddInterviewForm
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

function AddInterviewForm({ orgSlug, data, onCancel, onAdded }: { orgSlug: string; data: CandidateData; onCancel: () => void; onAdded: () => void }) {
  const utils = trpc.useUtils();
  const applications = data.applications.filter((a) => !a.archivedAt);
  const [applicationId, setApplicationId] = useState(applications.length === 1 ? applications[0]!.id : '');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [kind, setKind] = useState<InterviewKind>('video');
  const [interviewers, setInterviewers] = useState('');
  const [parseError, setParseError] = useState<string>();
  const create = trpc.interview.create.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.candidate.get.invalidate({ orgSlug, candidateId: data.candidate.id }), utils.job.list.invalidate(), utils.job.get.invalidate()]);
      onAdded();
    },
  });
  const errors = fieldErrorsOf(create.error);
  const formError = formErrorOf(create.error, ['applicationId', 'startsAt', 'endsAt', 'kind', 'interviewers']);
  const formRef = useFocusFirstError(create.error);

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
    setParseError(parsed.error);
    if (parsed.error) return;
    create.mutate({
      orgSlug,
      applicationId,
      startsAt: fromDatetimeLocal(start) ?? undefined,
      endsAt: fromDatetimeLocal(end) ?? undefined,
      kind,
      interviewers: parsed.interviewers,
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      <SelectField
        id="add-interview-application"
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
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField id="add-interview-start" label="Starts" type="datetime-local" required value={start} onChange={(e) => onStartChange(e.target.value)} error={withLabel('Start', errors.startsAt)} />
        <InputField id="add-interview-end" label="Ends" type="datetime-local" required value={end} min={start || undefined} onChange={(e) => setEnd(e.target.value)} error={withLabel('End', errors.endsAt)} />
      </div>
      <SelectField id="add-interview-kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value as InterviewKind)} error={withLabel('Kind', errors.kind)}>
        {INTERVIEW_KIND_OPTIONS.map((k) => (
          <option key={k} value={k}>
            {INTERVIEW_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <InputField
        id="add-interview-interviewers"
        label="Interviewers (optional)"
        autoComplete="off"
        placeholder="Dana Smith <dana@client.example>, Lee Wong"
        value={interviewers}
        onChange={(e) => setInterviewers(e.target.value)}
        hint="Name <email>, separated by commas. The email is optional."
        error={parseError ?? withLabel('Interviewers', errors.interviewers)}
      />
      <DialogActions onCancel={onCancel}>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add interview'}
        </Button>
      </DialogActions>
    </form>
  );
}
