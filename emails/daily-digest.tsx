import { EmailLayout } from './components/layout';
import { oneLine } from './components/subject';
import { BrandLink, EmailButton, EmailTitle, Muted, Paragraph, SectionTitle } from './components/ui';

export interface DigestFollowUp {
  candidateName: string;
  jobTitle: string;
  /** What the candidate did, as a sentence, e.g. "Asked a question 2 hours after the interview". */
  signal: string;
  url: string;
}

export interface DigestReplyOwed {
  candidateName: string;
  /** How long they have waited, already formatted, e.g. "2 days". */
  waitingFor: string;
  /** Past the agency's reply target. */
  overdue: boolean;
  url: string;
}

export interface DailyDigestEmailProps {
  recipientFirstName: string;
  agencyName: string;
  /** Already formatted, e.g. "Wednesday 4 November". */
  dateLabel: string;
  followedUp: DigestFollowUp[];
  repliesOwed: DigestReplyOwed[];
  dashboardUrl: string;
  unsubscribeUrl: string;
}

export const dailyDigestSubject = (dateLabel: string) => oneLine(`Your Afterview digest for ${dateLabel}`);

const LIST_STYLE = { margin: '0 0 8px', padding: '0 0 0 20px', fontSize: 15, lineHeight: '22px', color: '#374151' } as const;
const ITEM_STYLE = { margin: '0 0 10px' } as const;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function previewOf(followed: number, owed: number, overdue: number): string {
  const parts = [`${plural(followed, 'candidate', 'candidates')} followed up`, `${plural(owed, 'reply', 'replies')} owed`];
  if (overdue > 0) parts.push(`${overdue} overdue`);
  return parts.join(', ');
}

export default function DailyDigestEmail({ recipientFirstName, agencyName, dateLabel, followedUp, repliesOwed, dashboardUrl, unsubscribeUrl }: DailyDigestEmailProps) {
  const overdue = repliesOwed.filter((r) => r.overdue).length;
  return (
    <EmailLayout
      preview={previewOf(followedUp.length, repliesOwed.length, overdue)}
      footer={
        <>
          You receive this digest as a member of {agencyName} on Afterview.{' '}
          <BrandLink href={unsubscribeUrl} style={{ color: '#4b5563' }}>
            Unsubscribe from the daily digest
          </BrandLink>
        </>
      }
    >
      <EmailTitle>Hi {recipientFirstName}, here is your digest</EmailTitle>
      <Paragraph>Here is where {agencyName} stands on {dateLabel}.</Paragraph>

      <SectionTitle>Who followed up ({followedUp.length})</SectionTitle>
      {followedUp.length === 0 ? (
        <Muted>No candidate followed up since the last digest.</Muted>
      ) : (
        <ul style={LIST_STYLE}>
          {followedUp.map((f, i) => (
            <li key={i} style={ITEM_STYLE}>
              <strong>{f.candidateName}</strong>, {f.jobTitle}
              <br />
              {f.signal} · <BrandLink href={f.url}>Open</BrandLink>
            </li>
          ))}
        </ul>
      )}

      <SectionTitle>Replies you owe ({repliesOwed.length})</SectionTitle>
      {repliesOwed.length === 0 ? (
        <Muted>You are all caught up: nobody is waiting on a reply.</Muted>
      ) : (
        <>
          {overdue > 0 ? <Paragraph style={{ marginBottom: 8 }}>{plural(overdue, 'reply is', 'replies are')} past your agency’s reply target.</Paragraph> : null}
          <ul style={LIST_STYLE}>
            {repliesOwed.map((r, i) => (
              <li key={i} style={ITEM_STYLE}>
                <strong>{r.candidateName}</strong>, waiting {r.waitingFor}
                {r.overdue ? <strong style={{ color: '#b91c1c' }}> (overdue)</strong> : null}
                <br />
                <BrandLink href={r.url}>Reply</BrandLink>
              </li>
            ))}
          </ul>
        </>
      )}

      <div style={{ marginTop: 24 }}>
        <EmailButton href={dashboardUrl}>Open the dashboard</EmailButton>
      </div>
    </EmailLayout>
  );
}

DailyDigestEmail.PreviewProps = {
  recipientFirstName: 'Alex',
  agencyName: 'Northwind Talent',
  dateLabel: 'Wednesday 4 November',
  followedUp: [
    {
      candidateName: 'Priya Nair',
      jobTitle: 'Senior Backend Engineer at Acme Robotics',
      signal: 'Asked a question 2 hours after the interview',
      url: 'http://localhost:3000/northwind/candidates/cand_priya',
    },
    {
      candidateName: 'Tomás Reyes',
      jobTitle: 'Data Engineer at Acme Robotics',
      signal: 'Sent a thank-you note the next morning',
      url: 'http://localhost:3000/northwind/candidates/cand_tomas',
    },
  ],
  repliesOwed: [
    { candidateName: 'Priya Nair', waitingFor: '3 hours', overdue: false, url: 'http://localhost:3000/northwind/inbox?candidate=cand_priya' },
    { candidateName: 'Jordan Lee', waitingFor: '3 days', overdue: true, url: 'http://localhost:3000/northwind/inbox?candidate=cand_jordan' },
  ],
  dashboardUrl: 'http://localhost:3000/northwind',
  unsubscribeUrl: 'http://localhost:3000/unsubscribe/preview-token',
} satisfies DailyDigestEmailProps;
