import { EmailLayout } from './components/layout';
import { oneLine } from './components/subject';
import { BrandLink, EmailButton, EmailTitle, Muted, Paragraph, PasteLink } from './components/ui';

export interface ReplyReminderEmailProps {
  recipientFirstName: string;
  agencyName: string;
  /** 1: past the reply target (to the candidate's owner); 2: past twice the target (to the team lead). */
  level: 1 | 2;
  /** How long the candidate has waited, already formatted, e.g. "3 days". */
  waitingFor: string;
  targetHours: number;
  /** The candidate's team, named in an escalation to its lead. */
  teamName: string | null;
  candidateUrl: string;
  settingsUrl: string;
}

export const replyReminderSubject = (level: 1 | 2, waitingFor: string) =>
  oneLine(level === 2 ? `Escalated: a candidate has waited ${waitingFor} for a reply` : `A candidate has waited ${waitingFor} for your reply`);

function hoursLabel(hours: number): string {
  return `${hours}-hour`;
}

/**
 * Internal mail to a recruiter. It names no candidate on purpose: the outbox keeps this email after
 * the candidate is erased (it is not filed under them), so it must hold nothing personal about them.
 */
export default function ReplyReminderEmail({ recipientFirstName, agencyName, level, waitingFor, targetHours, teamName, candidateUrl, settingsUrl }: ReplyReminderEmailProps) {
  const escalated = level === 2;
  return (
    <EmailLayout
      preview={escalated ? `Over twice the ${hoursLabel(targetHours)} reply target: a candidate has waited ${waitingFor}.` : `Past the ${hoursLabel(targetHours)} reply target: a candidate has waited ${waitingFor}.`}
      footer={
        <>
          You receive reply reminders as a member of {agencyName} on Afterview.{' '}
          <BrandLink href={settingsUrl} style={{ color: '#4b5563' }}>
            Turn off reminder emails
          </BrandLink>{' '}
          (reminders still show in the app).
        </>
      }
    >
      <EmailTitle>
        {escalated ? `Hi ${recipientFirstName}, a candidate has waited ${waitingFor}` : `Hi ${recipientFirstName}, a candidate is waiting for your reply`}
      </EmailTitle>
      {escalated ? (
        <Paragraph>
          A candidate{teamName ? ` of your team, ${teamName},` : ''} has waited {waitingFor} for an answer: more than twice {agencyName}’s {hoursLabel(targetHours)} reply target. As the
          team’s lead, please make sure someone answers today.
        </Paragraph>
      ) : (
        <Paragraph>
          A candidate you own has waited {waitingFor} for an answer, past {agencyName}’s {hoursLabel(targetHours)} reply target. A quick reply keeps them engaged, even if it is only to say
          when they will hear more.
        </Paragraph>
      )}
      <EmailButton href={candidateUrl}>Open the candidate</EmailButton>
      <PasteLink href={candidateUrl} />
      <Muted>To protect the candidate’s privacy, their name and message are not in this email: sign in to read and answer them.</Muted>
    </EmailLayout>
  );
}

ReplyReminderEmail.PreviewProps = {
  recipientFirstName: 'Riley',
  agencyName: 'Northwind Talent',
  level: 1,
  waitingFor: '3 days',
  targetHours: 48,
  teamName: 'Engineering',
  candidateUrl: 'http://localhost:3000/northwind/candidates/cand_priya',
  settingsUrl: 'http://localhost:3000/northwind/settings',
} satisfies ReplyReminderEmailProps;
