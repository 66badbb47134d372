'use client';

import { firstName } from '@/server/services/candidates/first-name';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ConfirmDialog, Dialog, DialogActions } from '@/app/_components/dialog';
import { fieldErrorsOf, formErrorOf, FormError, LiveStatus, SelectField, TextAreaField, useFocusFirstError, withLabel } from '@/app/_components/form';
import { interviewKindLabel } from '@/app/_components/records';
import { Pill, type PillTone } from '@/app/_components/status';
import { DateTime, RelativeTime, refreshNow, useFormatDate } from '@/app/_components/time';
import { Button, Card, cx } from '@/app/_components/ui';
import type { OrgView, RouterOutputs } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { can } from '@/server/auth/permissions';
import type { CandidateData } from './candidate-view';

type PortalLink = RouterOutputs['portal']['links'][number];
type CreatedLink = RouterOutputs['portal']['createLink'];
type Application = CandidateData['applications'][number];
type Interview = CandidateData['interviews'][number];

/** The server's limit (server/services/email/send-portal-invitation.ts), which stays out of the client bundle. */
const NOTE_MAX = 1000;

const STATUS: Record<PortalLink['status'], { label: string; tone: PillTone }> = {
  active: { label: 'Active', tone: 'green' },
  expired: { label: 'Expired', tone: 'slate' },
  revoked: { label: 'Revoked', tone: 'red' },
};

type Props = { org: OrgView; orgSlug: string; data: CandidateData; onDone: (message: string) => void };

/** Private portal links for the candidate: one live link per application, created and revoked here. */
export function PortalLinksCard({ org, orgSlug, data, onDone }: Props) {
  const { candidate } = data;
  const archived = candidate.archivedAt !== null;
  const canLink = can(org.role, 'portal.link');
  const canCreate = canLink && !archived;
  const first = firstName(candidate.name);
  const links = trpc.portal.links.useQuery({ orgSlug, candidateId: candidate.id });
  const openApplications = data.applications.filter((a) => !a.archivedAt);
  const headingId = useId();
  const [emailed, setEmailed] = useState<string>();

  return (
    <Card padded={false} className="p-4 sm:p-5">
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        Portal links
      </h2>
      <p className="mt-1 text-sm text-slate-600">A private page where {first} can ask questions and send a thank-you note, without an account.</p>

      {archived && canLink ? (
        <p className="mt-3 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800 ring-1 ring-inset ring-slate-200" data-testid="portal-links-archived">
          {candidate.name} is archived, so their portal links do not open. Restore them to create a new link.
        </p>
      ) : null}

      {canCreate ? (
        openApplications.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">Add an application first: a link is about one application.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-md bg-slate-50 px-3 ring-1 ring-inset ring-slate-200" aria-label="Create a link for an application" data-testid="portal-applications">
            {openApplications.map((a) => (
              <CreateLinkRow
                key={a.id}
                application={a}
                orgSlug={orgSlug}
                data={data}
                activeLink={links.data?.find((l) => l.applicationId === a.id && l.status === 'active')}
                onDone={onDone}
                onEmailed={setEmailed}
              />
            ))}
          </ul>
        )
      ) : null}
      {canCreate ? <LiveStatus testId="portal-email-status" message={emailed} className={cx(emailed && 'mt-3 font-medium text-emerald-800')} /> : null}

      <h3 className="mt-4 text-sm font-semibold text-slate-900">Links</h3>
      {links.isPending ? (
        <p className="mt-2 text-sm text-slate-600" role="status">
          Loading links…
        </p>
      ) : links.error ? (
        <p className="mt-2 text-sm text-red-700" role="alert">
          {links.error.message}
        </p>
      ) : links.data.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600" data-testid="portal-links-empty">
          No portal links yet.{canCreate ? ` Create one to let ${first} ask questions and send a thank-you note.` : ''}
        </p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100" aria-labelledby={headingId} data-testid="portal-links">
          {links.data.map((link) => (
            <LinkRow key={link.id} link={link} orgSlug={orgSlug} data={data} canRevoke={canLink} onDone={onDone} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function CreateLinkRow({
  application: a,
  orgSlug,
  data,
  activeLink,
  onDone,
  onEmailed,
}: {
  application: Application;
  orgSlug: string;
  data: CandidateData;
  activeLink: PortalLink | undefined;
  onDone: (message: string) => void;
  onEmailed: (message: string | undefined) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [emailing, setEmailing] = useState(false);
  const [created, setCreated] = useState<CreatedLink | null>(null);
  // Whether a link was live when the dialog opened: the list refetches after creating, and the
  // dialog keeps its wording while the new URL is shown.
  const [rotating, setRotating] = useState(false);
  const first = firstName(data.candidate.name);

  return (
    <li className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2.5" data-testid="portal-application">
      <div className="min-w-0">
        <p id={`${id}-title`} className="text-sm font-medium text-slate-900">
          {a.jobTitle} · <span className="font-normal text-slate-600">{a.clientCompany}</span>
        </p>
        <p className="text-xs text-slate-600">{activeLink ? 'Has an active link' : 'No active link'}</p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="secondary"
          className="min-h-9 px-3"
          aria-describedby={`${id}-title`}
          data-testid="portal-create"
          onClick={() => {
            setCreated(null);
            setRotating(activeLink !== undefined);
            setOpen(true);
          }}
        >
          {activeLink ? 'Send a new link' : 'Create portal link'}
        </Button>
        <Button
          type="button"
          variant="secondary"
          className="min-h-9 px-3"
          aria-describedby={`${id}-title`}
          data-testid="portal-email"
          onClick={() => {
            onEmailed(undefined);
            setRotating(activeLink !== undefined);
            setEmailing(true);
          }}
        >
          Email a portal link
        </Button>
      </div>
      <Dialog
        open={emailing}
        onClose={() => setEmailing(false)}
        title="Email a portal link"
        description={`${a.jobTitle} at ${a.clientCompany}, to ${data.candidate.name} <${data.candidate.email}>.`}
        testId="portal-email-dialog"
      >
        <EmailLinkForm
          orgSlug={orgSlug}
          data={data}
          application={a}
          rotating={rotating}
          onCancel={() => setEmailing(false)}
          onSent={(result) => {
            setEmailing(false);
            onEmailed(`Invitation emailed to ${result.to}.`);
          }}
        />
      </Dialog>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
          setCreated(null);
        }}
        title={created ? 'Portal link created' : rotating ? 'Send a new portal link' : 'Create a portal link'}
        description={`${a.jobTitle} at ${a.clientCompany}, for ${data.candidate.name}.`}
        testId="portal-link-dialog"
      >
        {created ? (
          <CreatedLinkView created={created} onClose={() => setOpen(false)} />
        ) : (
          <CreateLinkForm
            orgSlug={orgSlug}
            data={data}
            application={a}
            rotating={rotating}
            onCancel={() => setOpen(false)}
            onCreated={(result) => {
              setCreated(result);
              onDone(result.replacedLinkId ? `New portal link for ${a.jobTitle} created; ${first}'s previous link no longer works.` : `Portal link for ${a.jobTitle} created.`);
            }}
          />
        )}
      </Dialog>
    </li>
  );
}

function CreateLinkForm({
  orgSlug,
  data,
  application: a,
  rotating,
  onCancel,
  onCreated,
}: {
  orgSlug: string;
  data: CandidateData;
  application: Application;
  rotating: boolean;
  onCancel: () => void;
  onCreated: (created: CreatedLink) => void;
}) {
  const id = useId();
  const utils = trpc.useUtils();
  const interviews = interviewsOf(data, a);
  const [interviewId, setInterviewId] = useState(interviews[0]?.id ?? '');
  const first = firstName(data.candidate.name);
  const create = trpc.portal.createLink.useMutation({
    onSuccess: async (result) => {
      await utils.portal.links.invalidate({ orgSlug, candidateId: data.candidate.id });
      onCreated(result);
    },
  });
  const errors = fieldErrorsOf(create.error);
  const formError = formErrorOf(create.error, ['interviewId']);
  const formRef = useFocusFirstError(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate({ orgSlug, candidateId: data.candidate.id, applicationId: a.id, ...(interviewId ? { interviewId } : {}) });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      {rotating ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" data-testid="portal-rotate-warning">
          {first}&apos;s current link for this application will stop working as soon as you create the new one.
        </p>
      ) : null}
      <InterviewSelect id={`${id}-interview`} interviews={interviews} value={interviewId} onChange={setInterviewId} first={first} error={errors.interviewId} />
      <p className="text-sm text-slate-600">You will see the link once, to copy and send to {first} yourself.</p>
      <DialogActions onCancel={onCancel}>
        <Button type="submit" disabled={create.isPending} data-testid="portal-create-submit">
          {create.isPending ? 'Creating…' : rotating ? 'Create new link' : 'Create link'}
        </Button>
      </DialogActions>
    </form>
  );
}

/** The application's open interviews; the server lists them newest first, so the first is the latest. */
function interviewsOf(data: CandidateData, a: Application): Interview[] {
  return data.interviews.filter((i) => i.applicationId === a.id && !i.archivedAt);
}

function InterviewSelect({
  id,
  interviews,
  value,
  onChange,
  first,
  error,
}: {
  id: string;
  interviews: Interview[];
  value: string;
  onChange: (value: string) => void;
  first: string;
  error?: string;
}) {
  const formatDate = useFormatDate();
  if (interviews.length === 0) return <p className="text-sm text-slate-700">This application has no interviews yet: the portal shows the application only.</p>;
  return (
    <SelectField
      id={id}
      label="Interview (optional)"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      hint={`The portal shows this interview, and ${first} can thank its interviewers.`}
      error={withLabel('Interview', error)}
    >
      <option value="">No specific interview (the latest one at the time)</option>
      {interviews.map((i) => (
        <option key={i.id} value={i.id}>
          {interviewKindLabel(i.kind)} interview, {formatDate(i.startsAt, 'datetime')}
        </option>
      ))}
    </SelectField>
  );
}

type SentInvitation = RouterOutputs['portal']['sendInvitation'];

/** A new portal link, emailed straight to the candidate: the recruiter never sees or copies it. */
function EmailLinkForm({
  orgSlug,
  data,
  application: a,
  rotating,
  onCancel,
  onSent,
}: {
  orgSlug: string;
  data: CandidateData;
  application: Application;
  rotating: boolean;
  onCancel: () => void;
  onSent: (result: SentInvitation) => void;
}) {
  const id = useId();
  const utils = trpc.useUtils();
  const interviews = interviewsOf(data, a);
  const [interviewId, setInterviewId] = useState(interviews[0]?.id ?? '');
  const [note, setNote] = useState('');
  const first = firstName(data.candidate.name);
  const candidateId = data.candidate.id;
  const send = trpc.portal.sendInvitation.useMutation({
    onSuccess: async (result) => {
      refreshNow();
      await Promise.all([
        utils.portal.links.invalidate({ orgSlug, candidateId }),
        utils.touch.timeline.invalidate({ orgSlug, candidateId }),
        utils.candidate.get.invalidate({ orgSlug, candidateId }),
      ]);
      onSent(result);
    },
  });
  const errors = fieldErrorsOf(send.error);
  // A blocked address (field "to") is about the candidate, so it shows above the form.
  const formError = formErrorOf(send.error, ['interviewId', 'personalNote']);
  const formRef = useFocusFirstError(send.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (send.isPending) return;
    send.mutate({
      orgSlug,
      candidateId,
      applicationId: a.id,
      ...(interviewId ? { interviewId } : {}),
      ...(note.trim() ? { personalNote: note } : {}),
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4" data-testid="portal-email-form">
      <FormError message={formError} />
      {rotating ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200" data-testid="portal-email-rotate-warning">
          This replaces {first}&apos;s current link for this application: the old one stops working as soon as the invitation is sent.
        </p>
      ) : null}
      <InterviewSelect id={`${id}-interview`} interviews={interviews} value={interviewId} onChange={setInterviewId} first={first} error={errors.interviewId} />
      <TextAreaField
        id={`${id}-note`}
        label="Personal note (optional)"
        name="personalNote"
        rows={4}
        maxLength={NOTE_MAX}
        value={note}
        data-testid="portal-email-note"
        onChange={(e) => setNote(e.target.value)}
        hint={
          <>
            <span className="block">Shown above the link in the email.</span>
            <span className={cx('block tabular-nums', note.length > NOTE_MAX * 0.9 && 'font-medium text-amber-900')}>
              {note.length.toLocaleString('en-GB')} / {NOTE_MAX.toLocaleString('en-GB')} characters
            </span>
          </>
        }
        error={withLabel('Note', errors.personalNote)}
        className="resize-y"
      />
      <p className="text-sm text-slate-600">
        {first} gets an email with a new private link to the portal. You will not see the link yourself.
      </p>
      <DialogActions onCancel={onCancel}>
        <Button type="submit" disabled={send.isPending} data-testid="portal-email-submit">
          {send.isPending ? 'Sending…' : 'Send invitation'}
        </Button>
      </DialogActions>
    </form>
  );
}

function CreatedLinkView({ created, onClose }: { created: CreatedLink; onClose: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<string>();

  // The form that opened this view is gone, and focus with it: the link is what comes next.
  useEffect(() => {
    input.current?.focus();
  }, []);

  function selectLink() {
    input.current?.focus();
    input.current?.select();
  }

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(created.url);
      setStatus('Copied');
    } catch {
      // Clipboard access needs a secure context and permission; selecting lets the user copy by hand.
      selectLink();
      setStatus('Could not copy automatically. The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  }

  return (
    <div className="space-y-4" data-testid="portal-link-created">
      <div className="space-y-1.5">
        <label htmlFor={`${id}-url`} className="block text-sm font-medium text-slate-800">
          Portal link
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            ref={input}
            id={`${id}-url`}
            type="text"
            readOnly
            value={created.url}
            aria-describedby={`${id}-note ${id}-expires`}
            data-testid="portal-link-url"
            onFocus={(e) => e.currentTarget.select()}
            className="block h-10 w-full min-w-0 rounded-md border border-slate-500 bg-slate-50 px-3 py-2 font-mono text-base text-slate-900 shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none sm:text-sm"
          />
          <Button type="button" className="shrink-0" onClick={() => void copy()} data-testid="portal-link-copy">
            Copy link
          </Button>
        </div>
        <LiveStatus testId="portal-link-copy-status" message={status} className={cx(status === 'Copied' && 'font-medium text-emerald-800')} />
      </div>
      <p id={`${id}-expires`} className="text-sm text-slate-700">
        Expires <DateTime value={created.expiresAt} style="datetime" />.
      </p>
      <p id={`${id}-note`} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
        This link is shown once. Creating a new one replaces it.
      </p>
      {created.replacedLinkId ? <p className="text-sm text-slate-700">The previous link for this application no longer works.</p> : null}
      <div className="mt-6 flex justify-end">
        <Button type="button" variant="secondary" onClick={onClose}>
          Done
        </Button>
      </div>
    </div>
  );
}

function LinkRow({ link, orgSlug, data, canRevoke, onDone }: { link: PortalLink; orgSlug: string; data: CandidateData; canRevoke: boolean; onDone: (message: string) => void }) {
  const id = useId();
  const utils = trpc.useUtils();
  const formatDate = useFormatDate();
  const [confirming, setConfirming] = useState(false);
  const revokeButton = useRef<HTMLDivElement>(null);
  const title = useRef<HTMLParagraphElement>(null);
  const first = firstName(data.candidate.name);
  const revoke = trpc.portal.revokeLink.useMutation({
    onSuccess: async () => {
      await utils.portal.links.invalidate({ orgSlug, candidateId: data.candidate.id });
      setConfirming(false);
      onDone(`Portal link for ${link.jobTitle} revoked.`);
    },
  });
  const status = STATUS[link.status];
  const interview = link.interviewId ? data.interviews.find((i) => i.id === link.interviewId) : undefined;

  return (
    <li className="py-3" data-testid="portal-link" data-status={link.status}>
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <p ref={title} id={`${id}-title`} tabIndex={-1} className="min-w-0 text-sm font-medium text-slate-900 focus:outline-none">
          {link.jobTitle} · <span className="font-normal text-slate-600">{link.clientCompany}</span>
        </p>
        <Pill tone={status.tone} testId="portal-link-status">
          {status.label}
        </Pill>
      </div>
      <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
        {interview ? (
          <li>
            About the {interviewKindLabel(interview.kind)} interview of {formatDate(interview.startsAt, 'date')}
          </li>
        ) : null}
        <li>
          Created <DateTime value={link.createdAt} style="date" />
          {link.createdByName ? ` by ${link.createdByName}` : ''}
        </li>
        <li>
          {link.status === 'revoked' && link.revokedAt ? (
            <>
              Revoked <DateTime value={link.revokedAt} style="date" />
            </>
          ) : (
            <>
              {link.status === 'expired' ? 'Expired' : 'Expires'} <DateTime value={link.expiresAt} style="date" />
            </>
          )}
        </li>
        <li>
          {link.lastUsedAt ? (
            <>
              Last opened <RelativeTime value={link.lastUsedAt} />
            </>
          ) : (
            'Never opened'
          )}
        </li>
      </ul>
      {canRevoke && link.status === 'active' ? (
        <div ref={revokeButton} className="mt-1 -ml-2">
          <Button
            type="button"
            variant="ghost"
            className="min-h-9 px-2"
            aria-describedby={`${id}-title`}
            data-testid="portal-link-revoke"
            onClick={() => {
              revoke.reset();
              setConfirming(true);
            }}
          >
            Revoke
          </Button>
        </div>
      ) : null}
      {canRevoke ? (
        <ConfirmDialog
          open={confirming}
          onClose={() => {
            setConfirming(false);
            // The Revoke button is gone once the link is revoked; focus stays on this link.
            if (!revokeButton.current?.isConnected) title.current?.focus();
          }}
          title="Revoke this portal link?"
          confirmLabel="Revoke link"
          pendingLabel="Revoking…"
          tone="danger"
          pending={revoke.isPending}
          error={revoke.error?.message}
          onConfirm={() => revoke.mutate({ orgSlug, linkId: link.id })}
        >
          <p>
            The link for {link.jobTitle} at {link.clientCompany} stops working at once: {first} will see that it no longer works. What they already sent stays in the timeline, and you can
            create a new link at any time.
          </p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
