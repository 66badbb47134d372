'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { CheckboxField } from '@/app/_components/checkbox';
import { fieldErrorsOf, formErrorOf, FormError, LiveStatus, SelectField, TextAreaField, useFocusFirstError, withLabel } from '@/app/_components/form';
import { fromDatetimeLocal, toDatetimeLocal } from '@/app/_components/format';
import { CHANNEL_LABELS, interviewKindLabel } from '@/app/_components/records';
import { newRequestId } from '@/app/_components/request-id';
import { Pill, StrengthPill, type PillTone } from '@/app/_components/status';
import { RelativeTime, refreshNow, useFormatDate, useNow } from '@/app/_components/time';
import { Button, Card, cx } from '@/app/_components/ui';
import type { OrgView, RouterOutputs } from '@/app/_components/use-org';
import { trpc } from '@/app/_trpc/react';
import { can } from '@/server/auth/permissions';
import { excerpt } from '@/server/services/dashboard/format';
import { TOUCH_RULES } from '@/server/services/touches/touch-kinds';
import type { CandidateData } from './candidate-view';
import { ComposeEmailDialog } from './compose-email';
import { firstName } from '@/server/services/candidates/first-name';
import { timelineInput } from './timeline-input';

type TimelineItemData = RouterOutputs['touch']['timeline']['items'][number];
type EmailStatus = NonNullable<TimelineItemData['email']>['status'];

const EMAIL_STATUS: Record<EmailStatus, { label: string; tone: PillTone }> = {
  queued: { label: 'Queued', tone: 'slate' },
  sending: { label: 'Sending', tone: 'slate' },
  sent: { label: 'Sent', tone: 'slate' },
  delayed: { label: 'Delayed', tone: 'slate' },
  delivered: { label: 'Delivered', tone: 'green' },
  bounced: { label: 'Bounced', tone: 'red' },
  complained: { label: 'Marked as spam', tone: 'red' },
  failed: { label: 'Failed', tone: 'red' },
};

const BODY_MAX = 5000;

/** How long after sending a "Sent" email may still turn into "Delivered" or "Bounced". */
const SENT_SETTLES_MS = 10 * 60_000;

/**
 * While an email on the timeline is still on its way, the timeline refetches so its status moves
 * on (sent, delivered, bounced) without a reload; a delayed one is retried over minutes, not seconds.
 */
function emailPollInterval(pages: readonly { items: readonly TimelineItemData[] }[] | undefined): number | false {
  const items = (pages ?? []).flatMap((p) => p.items);
  const status = (s: EmailStatus) => items.some((i) => i.email?.status === s);
  if (status('queued') || status('sending')) return 4_000;
  const settling = items.some((i) => i.email?.status === 'sent' && Date.now() - i.occurredAt.getTime() < SENT_SETTLES_MS);
  if (settling) return 10_000;
  if (status('delayed')) return 60_000;
  return false;
}

export function Timeline({ org, orgSlug, data }: { org: OrgView; orgSlug: string; data: CandidateData }) {
  const candidateId = data.candidate.id;
  const [timeline, query] = trpc.touch.timeline.useSuspenseInfiniteQuery(timelineInput(orgSlug, candidateId), {
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (q) => emailPollInterval(q.state.data?.pages),
  });
  const items = timeline.pages.flatMap((p) => p.items);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const headingId = useId();
  const archived = data.candidate.archivedAt !== null;
  const formatDate = useFormatDate();
  const heading = useRef<HTMLHeadingElement>(null);
  const canAnswer = can(org.role, 'question.answer') && !archived;
  const canEmail = can(org.role, 'email.send') && !archived;

  // Links that land on the timeline (the inbox's "Answer") put keyboard focus here, not at the top.
  useEffect(() => {
    if (window.location.hash === '#timeline') heading.current?.focus();
  }, []);

  // Scrolling near the end loads the next page; the button below does the same for keyboards.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, items.length]);

  const interviewLabel = (id: string | null) => {
    const i = id ? data.interviews.find((x) => x.id === id) : undefined;
    if (!i) return null;
    const job = data.applications.find((a) => a.id === i.applicationId);
    return `${interviewKindLabel(i.kind)} interview ${formatDate(i.startsAt, 'date')}${job ? ` (${job.jobTitle})` : ''}`;
  };

  return (
    <div id="timeline" className="scroll-mt-4">
      <Card padded={false}>
        <div className="border-b border-slate-200 p-4 sm:p-5">
          <h2 ref={heading} id={headingId} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
            Timeline
          </h2>
          <p className="mt-1 text-sm text-slate-600">Every touch with {data.candidate.name}, both directions and all channels, newest first.</p>
        </div>
        {org.canLogTouches && !archived ? <LogTouchForm orgSlug={orgSlug} data={data} /> : null}
        {items.length === 0 ? (
          <div className="px-5 py-10 text-center" data-testid="timeline-empty">
            <p className="font-medium text-slate-900">No touches yet</p>
            <p className="mt-1 text-sm text-slate-600">Questions, replies, portal visits, calls and notes appear here as they happen.</p>
          </div>
        ) : (
          <ol aria-labelledby={headingId} className="divide-y divide-slate-100" data-testid="timeline">
            {items.map((item) => (
              <TimelineItem
                key={item.id}
                item={item}
                interview={interviewLabel(item.interviewId)}
                question={item.inReplyTo ? (items.find((q) => q.id === item.inReplyTo) ?? null) : null}
                answer={item.kind === 'question' && canAnswer ? { orgSlug, candidateId, candidateName: data.candidate.name, candidateEmail: data.candidate.email, canEmail } : null}
                reply={item.kind === 'email_reply' && item.direction === 'inbound' && canEmail ? { orgSlug, candidate: data.candidate } : null}
              />
            ))}
          </ol>
        )}
        <div ref={sentinel} aria-hidden="true" />
        {hasNextPage ? (
          <div className="flex justify-center border-t border-slate-200 p-4">
            <Button type="button" variant="secondary" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage} data-testid="timeline-load-more">
              {isFetchingNextPage ? 'Loading older touches…' : 'Load older touches'}
            </Button>
          </div>
        ) : items.length > 0 ? (
          <p className="border-t border-slate-100 px-5 py-3 text-center text-xs text-slate-600">Beginning of the timeline</p>
        ) : null}
        <LiveStatus className="sr-only" message={isFetchingNextPage ? 'Loading older touches…' : undefined} />
      </Card>
    </div>
  );
}

function InboundIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4">
      <path d="M15.28 4.72a.75.75 0 0 1 0 1.06L7.56 13.5h4.69a.75.75 0 0 1 0 1.5h-6.5a.75.75 0 0 1-.75-.75v-6.5a.75.75 0 0 1 1.5 0v4.69l7.72-7.72a.75.75 0 0 1 1.06 0Z" />
    </svg>
  );
}

function OutboundIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4">
      <path d="M4.72 15.28a.75.75 0 0 1 0-1.06l7.72-7.72H7.75a.75.75 0 0 1 0-1.5h6.5a.75.75 0 0 1 .75.75v6.5a.75.75 0 0 1-1.5 0V7.56l-7.72 7.72a.75.75 0 0 1-1.06 0Z" />
    </svg>
  );
}

type AnswerContext = { orgSlug: string; candidateId: string; candidateName: string; candidateEmail: string; canEmail: boolean };
type ReplyContext = { orgSlug: string; candidate: CandidateData['candidate'] };

function TimelineItem({
  item,
  interview,
  question,
  answer,
  reply,
}: {
  item: TimelineItemData;
  interview: string | null;
  /** For an answer: the question it answers, when that is among the loaded touches. */
  question: TimelineItemData | null;
  /** Set when the viewer may answer this item (a question of a candidate who is not archived). */
  answer: AnswerContext | null;
  /** Set when the viewer may answer this item by email (an email from a candidate who is not archived). */
  reply: ReplyContext | null;
}) {
  const inbound = item.direction === 'inbound';
  const rule = TOUCH_RULES[item.kind];
  const quoted = question ? excerpt(question.body, 90) : null;
  const isQuestion = item.kind === 'question' && item.answered !== null;
  return (
    <li data-testid="timeline-item" data-direction={item.direction} data-kind={item.kind} className={cx('flex gap-3 px-4 py-4 sm:px-5', inbound ? 'bg-white' : 'bg-slate-50/70')}>
      <span
        className={cx(
          'mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full ring-1 ring-inset',
          inbound ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-brand-50 text-brand-800 ring-brand-100',
        )}
      >
        {inbound ? <InboundIcon /> : <OutboundIcon />}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
          <p className="text-sm text-slate-900">
            <span className="font-semibold" data-testid="timeline-item-kind">
              {rule.label}
            </span>
            <span className="text-slate-600"> · </span>
            <span className={cx('font-medium', inbound ? 'text-emerald-800' : 'text-brand-800')} data-testid="timeline-item-direction">
              {inbound ? 'Inbound, from the candidate' : 'Outbound, from the agency'}
            </span>
          </p>
          <RelativeTime value={item.occurredAt} className="shrink-0 text-xs text-slate-600" />
        </div>
        <p className="mt-0.5 text-xs text-slate-600">
          {CHANNEL_LABELS[item.channel]}
          {item.actorName ? (inbound ? ` · logged by ${item.actorName}` : ` · by ${item.actorName}`) : ''}
          {interview ? ` · about the ${interview}` : ''}
        </p>
        {item.kind === 'answer' && item.inReplyTo ? (
          <p className="mt-2 text-sm text-slate-700" data-testid="timeline-item-in-reply-to">
            Answer to a question
            {quoted ? (
              <>
                : <q className="text-slate-600 italic">{quoted}</q>
              </>
            ) : null}
          </p>
        ) : null}
        {item.kind === 'email_sent' && item.inReplyTo ? (
          <p className="mt-2 text-sm text-slate-700" data-testid="timeline-item-in-reply-to">
            {quoted ? (
              <>
                In reply to: <q className="text-slate-600 italic">{quoted}</q>
              </>
            ) : (
              'In reply to an earlier message'
            )}
          </p>
        ) : null}
        {item.email ? <EmailDetails email={item.email} /> : null}
        {item.body ? <p className="mt-2 text-sm break-words whitespace-pre-wrap text-slate-800">{item.body}</p> : null}
        {(inbound && item.strength > 0) || isQuestion ? (
          <p className="mt-2 flex flex-wrap gap-1">
            {inbound && item.strength > 0 ? <StrengthPill strength={item.strength} /> : null}
            {isQuestion ? (
              item.answered ? (
                <Pill tone="green" testId="question-status">
                  <span aria-hidden="true">✓</span> Answered
                </Pill>
              ) : (
                <Pill tone="amber" testId="question-status">
                  <span aria-hidden="true">●</span> Unanswered
                </Pill>
              )
            ) : null}
          </p>
        ) : null}
        {isQuestion && answer ? <AnswerQuestion item={item} context={answer} /> : null}
        {reply ? <ReplyByEmail item={item} context={reply} /> : null}
      </div>
    </li>
  );
}

/** Where an email the agency sent stands: to whom, its subject, and what the provider last said. */
function EmailDetails({ email }: { email: NonNullable<TimelineItemData['email']> }) {
  const status = EMAIL_STATUS[email.status];
  const showError = email.error && (email.status === 'failed' || email.status === 'bounced');
  return (
    <div className="mt-2 space-y-1 text-xs text-slate-600" data-testid="timeline-item-email">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="min-w-0 break-all">To {email.to}</span>
        <Pill tone={status.tone} testId="email-status">
          {status.label}
        </Pill>
      </p>
      <p className="break-words">
        Subject: <span className="text-slate-800">{email.subject}</span>
      </p>
      {showError ? (
        <p className="break-words text-red-800" data-testid="email-error">
          {email.error}
        </p>
      ) : null}
    </div>
  );
}

/** "Reply" under an email from the candidate: the compose dialog, then word that the reply is queued. */
function ReplyByEmail({ item, context }: { item: TimelineItemData; context: ReplyContext }) {
  const formatDate = useFormatDate();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string>();
  return (
    <>
      <div className="mt-2">
        <Button
          type="button"
          variant="secondary"
          className="min-h-9 px-3"
          aria-label={`Reply to the email of ${formatDate(item.occurredAt, 'datetime')}`}
          data-testid="email-reply"
          onClick={() => {
            setSent(undefined);
            setOpen(true);
          }}
        >
          Reply
        </Button>
      </div>
      <ComposeEmailDialog
        open={open}
        onClose={() => setOpen(false)}
        orgSlug={context.orgSlug}
        candidate={context.candidate}
        replyTo={{ touchId: item.id, body: item.body }}
        onSent={(message) => {
          setOpen(false);
          setSent(message);
        }}
      />
      <LiveStatus testId="reply-status" message={sent} className={cx(sent && 'mt-2 font-medium text-emerald-800')} />
    </>
  );
}

/** The server's limit (server/services/portal/answer-question.ts), which stays out of the client bundle. */
const ANSWER_MAX = 5000;

/** "Answer" under an unanswered question: an inline form, then word that the answer went out. */
function AnswerQuestion({ item, context }: { item: TimelineItemData; context: AnswerContext }) {
  const id = useId();
  const formatDate = useFormatDate();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string>();
  const status = useRef<HTMLParagraphElement>(null);
  const buttonId = `${id}-answer`;

  function close(focus: 'button' | 'status') {
    flushSync(() => setOpen(false));
    const button = focus === 'button' ? document.getElementById(buttonId) : null;
    // Someone else may have answered meanwhile, and then the button is gone: the status stays.
    (button ?? status.current)?.focus();
  }

  return (
    <>
      {item.answered === false && !open ? (
        <div className="mt-2">
          <Button
            type="button"
            variant="secondary"
            id={buttonId}
            className="min-h-9 px-3"
            aria-label={`Answer question from ${formatDate(item.occurredAt, 'datetime')}`}
            data-testid="question-answer"
            onClick={() => {
              setSent(undefined);
              setOpen(true);
            }}
          >
            Answer
          </Button>
        </div>
      ) : null}
      {open ? (
        <AnswerForm
          item={item}
          context={context}
          onCancel={() => {
            if (item.answered) setSent('This question has been answered.');
            close('button');
          }}
          onAnswered={(message) => {
            setSent(message);
            close('status');
          }}
        />
      ) : null}
      <p ref={status} tabIndex={-1} role="status" aria-live="polite" data-testid="answer-status" className={cx('text-sm focus:outline-none', sent ? 'mt-2 font-medium text-emerald-800' : 'sr-only')}>
        {sent ?? ''}
      </p>
    </>
  );
}

function AnswerForm({ item, context, onCancel, onAnswered }: { item: TimelineItemData; context: AnswerContext; onCancel: () => void; onAnswered: (message: string) => void }) {
  const id = useId();
  const utils = trpc.useUtils();
  const { orgSlug, candidateId } = context;
  const [body, setBody] = useState('');
  const [alsoEmail, setAlsoEmail] = useState(false);
  // One id per opening of the form: a double click or a retry sends the same id and the server
  // records one answer.
  const [requestId] = useState(newRequestId);
  const first = firstName(context.candidateName);

  const refresh = () =>
    Promise.all([
      utils.touch.timeline.invalidate({ orgSlug, candidateId }),
      utils.candidate.get.invalidate({ orgSlug, candidateId }),
      utils.candidate.list.invalidate(),
      utils.dashboard.invalidate(),
      utils.portal.links.invalidate({ orgSlug, candidateId }),
    ]);
  const answer = trpc.portal.answer.useMutation({
    onSuccess: async (result) => {
      refreshNow();
      await refresh();
      onAnswered(
        result.emailId ? `Answer sent. ${first} sees it on their portal page; an email to ${context.candidateEmail} is queued.` : `Answer sent. ${first} sees it on their portal page.`,
      );
    },
    onError: async (error) => {
      // Someone else answered first: show their answer and the badge while this form says so.
      if (error.data?.code === 'CONFLICT') await refresh();
    },
  });
  const errors = fieldErrorsOf(answer.error);
  // A blocked address (field "to") belongs by the checkbox: unticking it lets the answer go out.
  const emailError = alsoEmail ? errors.to : undefined;
  const error = errors.body ?? (answer.error && !emailError ? answer.error.message : undefined);
  const formRef = useFocusFirstError(answer.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (answer.isPending) return;
    answer.mutate({ orgSlug, candidateId, questionId: item.id, body, clientRequestId: requestId, ...(alsoEmail && context.canEmail ? { email: true } : {}) });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Answer the question" className="mt-3 space-y-3 rounded-md bg-white p-3 ring-1 ring-slate-200 ring-inset" data-testid="answer-form">
      <TextAreaField
        id={`${id}-body`}
        label="Your answer"
        name="body"
        rows={4}
        maxLength={ANSWER_MAX}
        value={body}
        autoFocus
        data-testid="answer-body"
        onChange={(e) => setBody(e.target.value)}
        hint={
          <>
            <span className="block">{first} sees it on their portal page.</span>
            <span className={cx('block tabular-nums', body.length > ANSWER_MAX * 0.9 && 'font-medium text-amber-900')}>
              {body.length.toLocaleString('en-GB')} / {ANSWER_MAX.toLocaleString('en-GB')} characters
            </span>
          </>
        }
        error={error}
        className="resize-y"
      />
      {context.canEmail ? (
        <CheckboxField
          id={`${id}-email`}
          label="Also email the answer"
          name="email"
          checked={alsoEmail}
          data-testid="answer-email"
          onChange={(e) => setAlsoEmail(e.target.checked)}
          hint={`To ${first} at ${context.candidateEmail}, in your email conversation with them.`}
          error={emailError}
        />
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={answer.isPending} data-testid="answer-submit">
          {answer.isPending ? 'Sending…' : 'Send'}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

type LogKind = 'call' | 'message' | 'email_reply' | 'note';
type Direction = 'inbound' | 'outbound';

/** What a recruiter may log by hand (server/services/touches/log-touch.ts) and which ways it can go. */
const LOG_KINDS: Record<LogKind, { label: string; directions: readonly Direction[]; lockedHint?: string }> = {
  call: { label: 'Call', directions: ['inbound', 'outbound'] },
  message: { label: 'Message (text, chat, LinkedIn)', directions: ['inbound', 'outbound'] },
  email_reply: { label: 'Email received elsewhere', directions: ['inbound'], lockedHint: 'An email received elsewhere is always from the candidate.' },
  note: { label: 'Note', directions: ['outbound'], lockedHint: 'A note is always written by the agency.' },
};

const LOG_FIELDS = ['kind', 'direction', 'occurredAt', 'interviewId', 'body'] as const;

function LogTouchForm({ orgSlug, data }: { orgSlug: string; data: CandidateData }) {
  const utils = trpc.useUtils();
  const id = useId();
  const now = useNow();
  const [kind, setKind] = useState<LogKind>('call');
  const [direction, setDirection] = useState<Direction>('outbound');
  // null: "now" (whatever now is when the form is sent); a string once the user picks a time.
  const [when, setWhen] = useState<string | null>(null);
  const [interviewId, setInterviewId] = useState('');
  const [body, setBody] = useState('');
  // One id per touch being logged: a double click or a retry after a network error sends the same
  // id, and the server records one touch. A new id only after a success.
  const [requestId, setRequestId] = useState(newRequestId);
  const [status, setStatus] = useState<string>();
  const formatDate = useFormatDate();

  const log = trpc.touch.log.useMutation({
    onSuccess: async (result, input) => {
      setRequestId(newRequestId());
      setBody('');
      setWhen(null);
      setInterviewId('');
      refreshNow();
      const label = LOG_KINDS[input.kind].label.replace(/ \(.*\)$/, '');
      setStatus(result.created ? `${label} logged.` : `${label} was already logged.`);
      await Promise.all([
        utils.touch.timeline.invalidate({ orgSlug, candidateId: data.candidate.id }),
        utils.candidate.get.invalidate({ orgSlug, candidateId: data.candidate.id }),
        utils.candidate.list.invalidate(),
      ]);
    },
    onError: () => setStatus(undefined),
  });
  const errors = fieldErrorsOf(log.error);
  const formError = formErrorOf(log.error, LOG_FIELDS);
  const formRef = useFocusFirstError(log.error);

  const allowed = LOG_KINDS[kind].directions;
  const locked = allowed.length === 1;
  const effectiveDirection: Direction = allowed.includes(direction) ? direction : allowed[0]!;
  const maxLocal = now ? toDatetimeLocal(now) : undefined;
  const whenValue = when ?? maxLocal ?? '';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (log.isPending) return;
    setStatus(undefined);
    const occurredAt = when === null ? new Date() : fromDatetimeLocal(when);
    log.mutate({
      orgSlug,
      candidateId: data.candidate.id,
      kind,
      direction: effectiveDirection,
      occurredAt: occurredAt ?? undefined,
      ...(interviewId ? { interviewId } : {}),
      ...(body.trim() ? { body } : {}),
      clientRequestId: requestId,
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="space-y-4 border-b border-slate-200 bg-slate-50 p-4 sm:p-5" data-testid="log-touch-form">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        Log a touch
      </h3>
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id={`${id}-kind`}
          label="What happened"
          name="kind"
          value={kind}
          data-testid="log-touch-kind"
          onChange={(e) => setKind(e.target.value as LogKind)}
          error={withLabel('Kind', errors.kind)}
        >
          {(Object.keys(LOG_KINDS) as LogKind[]).map((k) => (
            <option key={k} value={k}>
              {LOG_KINDS[k].label}
            </option>
          ))}
        </SelectField>
        <fieldset aria-describedby={locked ? `${id}-direction-hint` : errors.direction ? `${id}-direction-error` : undefined}>
          <legend className="block text-sm font-medium text-slate-800">Direction</legend>
          <div className="mt-1.5 flex min-h-10 flex-wrap items-center gap-x-4 gap-y-1" data-testid="log-touch-direction">
            {(['inbound', 'outbound'] as const).map((d) => {
              const disabled = !allowed.includes(d);
              return (
                <label key={d} className={cx('flex items-center gap-2 text-sm', disabled ? 'text-slate-500' : 'text-slate-800')}>
                  <input
                    type="radio"
                    name={`${id}-direction`}
                    value={d}
                    checked={effectiveDirection === d}
                    disabled={disabled}
                    onChange={() => setDirection(d)}
                    className="size-4 border-slate-500 text-brand-700 focus:ring-brand-600"
                  />
                  {d === 'inbound' ? 'From the candidate' : 'From the agency'}
                </label>
              );
            })}
          </div>
          {locked ? (
            <p id={`${id}-direction-hint`} className="mt-1 text-sm text-slate-600">
              {LOG_KINDS[kind].lockedHint}
            </p>
          ) : null}
          {errors.direction ? (
            <p id={`${id}-direction-error`} role="alert" className="mt-1 text-sm text-red-700">
              {errors.direction}
            </p>
          ) : null}
        </fieldset>
        <div className="space-y-1.5">
          <label htmlFor={`${id}-when`} className="block text-sm font-medium text-slate-800">
            When
          </label>
          <input
            id={`${id}-when`}
            type="datetime-local"
            name="occurredAt"
            data-testid="log-touch-when"
            value={whenValue}
            max={maxLocal}
            required
            aria-invalid={errors.occurredAt ? true : undefined}
            aria-describedby={errors.occurredAt ? `${id}-when-error ${id}-when-hint` : `${id}-when-hint`}
            onChange={(e) => setWhen(e.target.value)}
            className={cx(
              'block h-10 w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:ring-2 focus:outline-none sm:text-sm',
              errors.occurredAt ? 'border-red-600 focus:ring-red-600' : 'border-slate-500 focus:border-brand-600 focus:ring-brand-600',
            )}
          />
          <p id={`${id}-when-hint`} className="text-sm text-slate-600">
            {when === null ? (
              'Now, unless you change it.'
            ) : (
              <button type="button" className="font-medium text-brand-700 underline underline-offset-2" onClick={() => setWhen(null)}>
                Reset to now
              </button>
            )}
          </p>
          {errors.occurredAt ? (
            <p id={`${id}-when-error`} role="alert" className="text-sm text-red-700">
              {errors.occurredAt}
            </p>
          ) : null}
        </div>
        <SelectField
          id={`${id}-interview`}
          label="Interview (optional)"
          name="interviewId"
          value={interviewId}
          data-testid="log-touch-interview"
          onChange={(e) => setInterviewId(e.target.value)}
          hint={data.interviews.length ? 'Left empty, it is linked to the latest interview it follows.' : undefined}
          error={withLabel('Interview', errors.interviewId)}
        >
          <option value="">{data.interviews.length ? 'Latest interview (automatic)' : 'No interviews yet'}</option>
          {data.interviews
            .filter((i) => !i.archivedAt)
            .map((i) => {
              const job = data.applications.find((a) => a.id === i.applicationId);
              return (
                <option key={i.id} value={i.id}>
                  {interviewKindLabel(i.kind)}, {formatDate(i.startsAt, 'date')}
                  {job ? ` — ${job.jobTitle}` : ''}
                </option>
              );
            })}
        </SelectField>
      </div>
      <TextAreaField
        id={`${id}-body`}
        label={kind === 'note' ? 'Note' : 'What was said (optional)'}
        name="body"
        rows={3}
        maxLength={BODY_MAX}
        value={body}
        data-testid="log-touch-body"
        onChange={(e) => setBody(e.target.value)}
        hint={
          <span className={cx('tabular-nums', body.length > BODY_MAX * 0.9 && 'font-medium text-amber-900')}>
            {body.length.toLocaleString('en-GB')} / {BODY_MAX.toLocaleString('en-GB')} characters
          </span>
        }
        error={withLabel('Text', errors.body)}
        className="resize-y"
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={log.isPending} data-testid="log-touch-submit">
          {log.isPending ? 'Logging…' : 'Log touch'}
        </Button>
        <LiveStatus testId="log-touch-status" message={status} className={cx(status && 'font-medium text-emerald-800')} />
      </div>
    </form>
  );
}
