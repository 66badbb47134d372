import type { ReactNode } from 'react';
import { QUESTION_MAX, THANKS_MAX, type PortalQuestion, type PortalThanks, type PortalView } from '@/server/services/portal/types';
import { PortalDocument, renderDocument } from './document';
import { formatCount, formatNames, portalDates, type PortalDates } from './format';

export interface PortalFormState {
  requestId: string;
  error: string | null;
  values: { body: string; to: string[] };
}

export interface PortalPageProps {
  view: PortalView;
  /** CSP nonce for the one <style> element. */
  nonce: string;
  /** Set after a successful submit (redirect-after-post). */
  notice: 'question' | 'thanks' | null;
  form: { question: PortalFormState; thanks: PortalFormState };
  /** URL of the shared stylesheet, e.g. /portal/styles.css?v=<hash>. */
  cssHref: string;
}

const KIND_LABEL: Record<NonNullable<PortalView['interview']>['kind'], string> = {
  phone: 'Phone',
  video: 'Video',
  onsite: 'On-site',
};

export function renderPortalPage(props: PortalPageProps): Promise<string> {
  return renderDocument(<PortalPage {...props} />);
}

export function PortalPage({ view, nonce, notice, form, cssHref }: PortalPageProps) {
  const dates = portalDates(view.agency.timeZone);
  const interviewers = view.interview?.interviewers ?? [];
  return (
    <PortalDocument
      title={`${view.role.title} · ${view.agency.name}`}
      nonce={nonce}
      cssHref={cssHref}
      branding={view.agency}
      footer={
        <p>
          This private link expires on <time dateTime={view.linkExpiresAt.toISOString()}>{dates.day(view.linkExpiresAt)}</time>. Don&apos;t share it: anyone
          with it can read and write on your behalf.
        </p>
      }
    >
      {notice ? (
        <div className="notice" role="status">
          <p>{notice === 'question' ? `Your question was sent. ${view.agency.name} usually replies ${view.replyTime.label}.` : 'Your thank-you note was sent.'}</p>
        </div>
      ) : null}
      <h1>{`Hi ${view.candidate.firstName}`}</h1>
      <p className="lead">
        This is your private page with {view.agency.name}. Ask a question you didn&apos;t get to ask in the interview, or send a thank-you note.
      </p>

      <InterviewCard view={view} dates={dates} />

      <section className="card" aria-labelledby="ask-heading">
        <h2 id="ask-heading">Ask a question</h2>
        <p>
          {view.agency.name} usually replies {view.replyTime.label}.
        </p>
        <MessageForm id="question" action="/portal/questions" label="Your question" max={QUESTION_MAX} state={form.question} submit="Send question" />
      </section>

      <section className="card" aria-labelledby="thanks-heading">
        <h2 id="thanks-heading">Say thank you</h2>
        <p>A short note after the interview shows you&apos;re interested.</p>
        <MessageForm id="thanks" action="/portal/thanks" label="Your thank-you note" max={THANKS_MAX} state={form.thanks} submit="Send thank-you note">
          {interviewers.length > 0 ? (
            <fieldset aria-describedby="thanks-to-hint">
              <legend>Address it to (optional)</legend>
              <p id="thanks-to-hint" className="hint">
                Leave every box unticked to thank the whole team.
              </p>
              {interviewers.map((name, i) => (
                <label key={`${i}-${name}`} className="check">
                  <input type="checkbox" id={`thanks-to-${i}`} name="to" value={name} defaultChecked={form.thanks.values.to.includes(name)} />
                  {name}
                </label>
              ))}
            </fieldset>
          ) : null}
        </MessageForm>
      </section>

      <section className="card" aria-labelledby="questions-heading">
        <h2 id="questions-heading">Your questions</h2>
        {view.questions.length === 0 ? (
          <p>You haven&apos;t asked anything yet. Questions you send will show up here, with the answers.</p>
        ) : (
          <ol className="items">
            {newestFirst(view.questions, (q) => q.askedAt).map((q) => (
              <QuestionItem key={q.id} question={q} replyLabel={view.replyTime.label} dates={dates} />
            ))}
          </ol>
        )}
      </section>

      {view.thanks.length > 0 ? (
        <section className="card" aria-labelledby="sent-thanks-heading">
          <h2 id="sent-thanks-heading">Thank-you notes you sent</h2>
          <ol className="items">
            {newestFirst(view.thanks, (t) => t.sentAt).map((t) => (
              <ThanksItem key={t.id} thanks={t} dates={dates} />
            ))}
          </ol>
        </section>
      ) : null}
    </PortalDocument>
  );
}

function newestFirst<T>(items: readonly T[], at: (item: T) => Date): T[] {
  return [...items].sort((a, b) => at(b).getTime() - at(a).getTime());
}

function When({ at, dates }: { at: Date; dates: PortalDates }) {
  return <time dateTime={at.toISOString()}>{dates.dateTime(at)}</time>;
}

function InterviewCard({ view, dates }: { view: PortalView; dates: PortalDates }) {
  const { interview, role } = view;
  return (
    <section className="card" aria-labelledby="interview-heading">
      <h2 id="interview-heading">{interview ? 'Your interview' : 'Your application'}</h2>
      <p>
        <strong>{role.title}</strong> at {role.clientCompany}
      </p>
      {interview ? (
        <dl className="facts">
          <div>
            <dt>Type</dt>
            <dd>{KIND_LABEL[interview.kind]}</dd>
          </div>
          <div>
            <dt>When</dt>
            <dd>
              <time dateTime={interview.startsAt.toISOString()}>{dates.range(interview.startsAt, interview.endsAt)}</time>
            </dd>
          </div>
          {interview.interviewers.length > 0 ? (
            <div>
              <dt>{interview.interviewers.length === 1 ? 'Interviewer' : 'Interviewers'}</dt>
              <dd>{formatNames(interview.interviewers)}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}

interface MessageFormProps {
  /** Prefix of every id in the form; also tells the two forms on the page apart. */
  id: string;
  action: string;
  label: string;
  max: number;
  state: PortalFormState;
  submit: string;
  children?: ReactNode;
}

/**
 * A plain POST form with server-side validation: on error the route handler renders the page again
 * with the message and what was typed, so nothing is lost and no script is needed.
 */
function MessageForm({ id, action, label, max, state, submit, children }: MessageFormProps) {
  const fieldId = `${id}-body`;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const { error } = state;
  return (
    <form method="post" action={action}>
      {error ? (
        <div className="error-summary" role="alert">
          <p className="error-title">There is a problem</p>
          <ul>
            <li>
              <a href={`#${fieldId}`}>{error}</a>
            </li>
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="requestId" value={state.requestId} />
      <div className={error ? 'field field-error' : 'field'}>
        <label htmlFor={fieldId}>{label}</label>
        <p id={hintId} className="hint">
          Up to {formatCount(max)} characters.
        </p>
        {error ? (
          <p id={errorId} className="error">
            <span className="vh">Error: </span>
            {error}
          </p>
        ) : null}
        <textarea
          id={fieldId}
          name="body"
          rows={6}
          maxLength={max}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          defaultValue={state.values.body}
        />
      </div>
      {children}
      <button type="submit">{submit}</button>
    </form>
  );
}

function QuestionItem({ question, replyLabel, dates }: { question: PortalQuestion; replyLabel: string; dates: PortalDates }) {
  const { answer } = question;
  return (
    <li>
      <p className="meta">
        {answer ? <span className="badge badge-answered">Answered</span> : <span className="badge badge-pending">Pending</span>}
        <span>
          Asked <When at={question.askedAt} dates={dates} />
        </span>
      </p>
      <p className="text">{question.body}</p>
      {answer ? (
        <div className="answer">
          <p className="meta">
            <span>
              {answer.by ? `Answer from ${answer.by}` : 'Answer'}, <When at={answer.answeredAt} dates={dates} />
            </span>
          </p>
          <p className="text">{answer.body}</p>
        </div>
      ) : (
        <p className="meta">Expect an answer {replyLabel}.</p>
      )}
    </li>
  );
}

function ThanksItem({ thanks, dates }: { thanks: PortalThanks; dates: PortalDates }) {
  return (
    <li>
      <p className="meta">
        <span>{thanks.to.length > 0 ? `To ${formatNames(thanks.to)}` : 'To the whole team'}</span>
        <span>
          Sent <When at={thanks.sentAt} dates={dates} />
        </span>
      </p>
      <p className="text">{thanks.body}</p>
    </li>
  );
}
