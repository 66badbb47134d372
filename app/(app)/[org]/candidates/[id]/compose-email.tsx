'use client';

import { useId, useState, type FormEvent } from 'react';
import { Dialog, DialogActions } from '@/app/_components/dialog';
import { fieldErrorsOf, formErrorOf, FormError, InputField, TextAreaField, useFocusFirstError, withLabel } from '@/app/_components/form';
import { newRequestId } from '@/app/_components/request-id';
import { refreshNow } from '@/app/_components/time';
import { Button, cx } from '@/app/_components/ui';
import type { RouterOutputs } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { excerpt } from '@/server/services/dashboard/format';
import type { CandidateData } from './candidate-view';
import { firstName } from '@/server/services/candidates/first-name';
import { timelineInput } from './timeline-input';

/** The server's limits (server/services/email/send-candidate-email.ts), which stay out of the client bundle. */
const MESSAGE_MAX = 5000;
const SUBJECT_MAX = 200;

const FIELDS = ['subject', 'body'] as const;

type TimelinePage = RouterOutputs['touch']['timeline'];

/** The candidate's email (or email received elsewhere) that a message answers. */
export interface ReplyTarget {
  touchId: string;
  body: string | null;
}

type Candidate = Pick<CandidateData['candidate'], 'id' | 'name' | 'email'>;

/**
 * Writing to the candidate by email, as a new message or as a reply to one of theirs. Closes on
 * success and hands the caller the status to show; the form starts empty at every opening.
 */
export function ComposeEmailDialog({
  open,
  onClose,
  orgSlug,
  candidate,
  replyTo,
  onSent,
}: {
  open: boolean;
  onClose: () => void;
  orgSlug: string;
  candidate: Candidate;
  replyTo?: ReplyTarget;
  onSent: (message: string) => void;
}) {
  const first = firstName(candidate.name);
  return (
    <Dialog open={open} onClose={onClose} title={replyTo ? `Reply to ${first}` : `Email ${first}`} description={`To ${candidate.email}`} testId="email-compose-dialog">
      <ComposeEmailForm orgSlug={orgSlug} candidate={candidate} replyTo={replyTo} onCancel={onClose} onSent={onSent} />
    </Dialog>
  );
}

/**
 * Whether the loaded timeline shows that the candidate already has an email conversation: every
 * email the agency sends to a candidate, and every reply routed back, belongs to one. Older pages
 * that are not loaded may hold one too, which is why the subject field says it is ignored then.
 */
function hasKnownThread(pages: readonly TimelinePage[] | undefined): boolean {
  return (pages ?? []).some((p) => p.items.some((i) => i.email !== null || (i.kind === 'email_reply' && i.channel === 'email')));
}

/** "Replying to …": the first line of what the candidate wrote. */
function firstLine(text: string | null): string | null {
  const line = text?.split('\n').find((l) => l.trim() !== '');
  return excerpt(line, 90);
}

function ComposeEmailForm({
  orgSlug,
  candidate,
  replyTo,
  onCancel,
  onSent,
}: {
  orgSlug: string;
  candidate: Candidate;
  replyTo?: ReplyTarget;
  onCancel: () => void;
  onSent: (message: string) => void;
}) {
  const id = useId();
  const utils = trpc.useUtils();
  const first = firstName(candidate.name);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  // One id per opening of the dialog: a double click or a retry after a network error sends the
  // same id, and the server sends one email.
  const [requestId] = useState(newRequestId);
  // Read once when the dialog opens: the field must not vanish while the recruiter types.
  const [threadKnown] = useState(() => hasKnownThread(utils.touch.timeline.getInfiniteData(timelineInput(orgSlug, candidate.id))?.pages));
  const quote = replyTo ? firstLine(replyTo.body) : null;

  const send = trpc.email.send.useMutation({
    onSuccess: async () => {
      refreshNow();
      await Promise.all([
        utils.touch.timeline.invalidate({ orgSlug, candidateId: candidate.id }),
        utils.candidate.get.invalidate({ orgSlug, candidateId: candidate.id }),
        utils.candidate.list.invalidate(),
        utils.dashboard.invalidate(),
      ]);
      onSent(`Email to ${candidate.email} queued.`);
    },
  });
  const errors = fieldErrorsOf(send.error);
  // A blocked address (field "to") is about the candidate, not about anything typed here.
  const formError = formErrorOf(send.error, FIELDS);
  const formRef = useFocusFirstError(send.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (send.isPending) return;
    send.mutate({
      orgSlug,
      candidateId: candidate.id,
      ...(!threadKnown && subject.trim() ? { subject } : {}),
      body,
      ...(replyTo ? { inReplyToTouchId: replyTo.touchId } : {}),
      clientRequestId: requestId,
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4" data-testid="email-compose-form">
      <FormError message={formError} />
      {replyTo ? (
        <p className="text-xs break-words text-slate-600" data-testid="email-reply-quote">
          Replying to{' '}
          {quote ? <q className="italic">{quote}</q> : `${first}'s email`}
        </p>
      ) : null}
      {threadKnown ? (
        <p className="text-sm text-slate-700">Sent in your email conversation with {first}, under its subject.</p>
      ) : (
        <InputField
          id={`${id}-subject`}
          label="Subject (new conversations only)"
          name="subject"
          value={subject}
          maxLength={SUBJECT_MAX}
          autoComplete="off"
          data-testid="email-subject"
          onChange={(e) => setSubject(e.target.value)}
          hint="Leave empty to use the role's name. Replies keep the thread's subject."
          error={withLabel('Subject', errors.subject)}
        />
      )}
      <TextAreaField
        id={`${id}-body`}
        label="Message"
        name="body"
        rows={8}
        maxLength={MESSAGE_MAX}
        value={body}
        data-testid="email-body"
        onChange={(e) => setBody(e.target.value)}
        hint={
          <span className={cx('tabular-nums', body.length > MESSAGE_MAX * 0.9 && 'font-medium text-amber-900')}>
            {body.length.toLocaleString('en-GB')} / {MESSAGE_MAX.toLocaleString('en-GB')} characters
          </span>
        }
        error={withLabel('Message', errors.body)}
        className="resize-y"
      />
      <DialogActions onCancel={onCancel}>
        <Button type="submit" disabled={send.isPending} data-testid="email-send">
          {send.isPending ? 'Sending…' : 'Send'}
        </Button>
      </DialogActions>
    </form>
  );
}
