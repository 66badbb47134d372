import { EmailLayout } from './components/layout';
import { oneLine } from './components/subject';
import { Muted, Paragraph, Quote, UserText } from './components/ui';

export interface QuotedMessage {
  /** Who wrote the quoted message, e.g. "Priya Nair". */
  from: string;
  /** Already formatted, e.g. "Wed 4 Nov 2026 at 09:12". */
  sentAt: string;
  text: string;
}

export interface RecruiterReplyEmailProps {
  agencyName: string;
  /** `#rrggbb` */
  brandColor: string;
  logoUrl: string | null;
  recruiterName: string;
  recruiterTitle?: string | null;
  /** Plain text as the recruiter typed it; never interpreted as HTML. */
  body: string;
  quoted?: QuotedMessage | null;
}

const REPLY_PREFIX = /^re\s*:/i;

/** "Re: " once, however many times the thread has gone back and forth. */
export function recruiterReplySubject(subject: string): string {
  const trimmed = oneLine(subject);
  return REPLY_PREFIX.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

/** The subject of a conversation the agency starts about a role. */
export const conversationSubject = (jobTitle: string) => oneLine(`${jobTitle}: your follow-up`);

function previewOf(body: string): string {
  const flat = oneLine(body);
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

export default function RecruiterReplyEmail({ agencyName, brandColor, logoUrl, recruiterName, recruiterTitle, body, quoted }: RecruiterReplyEmailProps) {
  const title = recruiterTitle?.trim();
  return (
    <EmailLayout
      preview={previewOf(body)}
      brand={{ name: agencyName, color: brandColor, logoUrl }}
      footer={`Sent by ${recruiterName} at ${agencyName} with Afterview. Reply to this email to answer.`}
    >
      <UserText text={body} />
      <Paragraph style={{ marginTop: 24 }}>
        {recruiterName}
        {title ? (
          <>
            <br />
            {title}
          </>
        ) : null}
        <br />
        {agencyName}
      </Paragraph>
      {quoted ? (
        <>
          <Muted style={{ marginTop: 32, marginBottom: 8 }}>
            On {quoted.sentAt}, {quoted.from} wrote:
          </Muted>
          <Quote>
            <UserText text={quoted.text} style={{ fontSize: 14, lineHeight: '22px', color: '#6b7280', margin: '0 0 12px' }} />
          </Quote>
        </>
      ) : null}
    </EmailLayout>
  );
}

RecruiterReplyEmail.PreviewProps = {
  agencyName: 'Northwind Talent',
  brandColor: '#0f766e',
  logoUrl: null,
  recruiterName: 'Alex Morgan',
  recruiterTitle: 'Senior Technical Recruiter',
  body: 'Hi Priya,\n\nGood question. The role is hybrid: two days a week in the Leeds office, the rest remote.\nOn-call is one week in six, and it is paid.\n\nAcme Robotics will come back to us by Friday, and I will let you know straight away.\n\nBest,',
  quoted: {
    from: 'Priya Nair',
    sentAt: 'Wednesday 4 November 2026 at 09:12',
    text: 'Hi Alex,\n\nThanks again for yesterday. Is the role remote, and how does on-call work?\n\nPriya',
  },
} satisfies RecruiterReplyEmailProps;
