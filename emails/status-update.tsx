import { EmailLayout } from './components/layout';
import { oneLine } from './components/subject';
import { EmailTitle, Paragraph } from './components/ui';

export interface StatusUpdateEmailProps {
  candidateFirstName: string;
  agencyName: string;
  /** `#rrggbb` */
  brandColor: string;
  logoUrl: string | null;
  jobTitle: string;
  clientCompany: string;
  /** Completes "since …", e.g. "your interview on Tuesday 3 November"; null when unknown. */
  interviewLabel: string | null;
  /** The candidate's recruiter, who reads the replies; null when nobody owns the candidate. */
  recruiterName: string | null;
  /** False when replies would reach nobody (no inbound domain, reply-to address or recruiter). */
  canReply: boolean;
  /** How often these updates come while nothing changes. */
  everyDays: number;
}

export const statusUpdateSubject = (jobTitle: string) => oneLine(`Your ${jobTitle} application: no decision yet`);

function days(n: number): string {
  return n === 1 ? 'day' : `${n} days`;
}

export default function StatusUpdateEmail({
  candidateFirstName,
  agencyName,
  brandColor,
  logoUrl,
  jobTitle,
  clientCompany,
  interviewLabel,
  recruiterName,
  canReply,
  everyDays,
}: StatusUpdateEmailProps) {
  const who = recruiterName ? `${recruiterName} at ${agencyName}` : agencyName;
  return (
    <EmailLayout
      preview={`We haven't forgotten you: still no decision on the ${jobTitle} role.`}
      brand={{ name: agencyName, color: brandColor, logoUrl }}
      footer={`Sent by ${agencyName} with Afterview while your application is open. While nothing changes, we write every ${days(everyDays)}; these updates stop once there is a decision or we are in touch again.`}
    >
      <EmailTitle>Hi {candidateFirstName}, no decision yet</EmailTitle>
      <Paragraph>
        {interviewLabel
          ? `We haven’t forgotten you. It has been a while since ${interviewLabel}, and there is no decision yet on your application for the ${jobTitle} role at ${clientCompany}.`
          : `We haven’t forgotten you. There is no decision yet on your application for the ${jobTitle} role at ${clientCompany}.`}
      </Paragraph>
      <Paragraph>{`We are still waiting to hear back from ${clientCompany}, and we will tell you as soon as we know more. There is nothing you need to do in the meantime.`}</Paragraph>
      {canReply ? (
        <Paragraph>Questions, or news on your side, such as another offer or a change in your availability? Just reply to this email: it reaches {who}.</Paragraph>
      ) : (
        <Paragraph>Questions, or news on your side, such as another offer or a change in your availability? Please contact {who} directly.</Paragraph>
      )}
      <Paragraph style={{ marginBottom: 0 }}>Thank you for your patience.</Paragraph>
    </EmailLayout>
  );
}

StatusUpdateEmail.PreviewProps = {
  candidateFirstName: 'Priya',
  agencyName: 'Northwind Talent',
  brandColor: '#0f766e',
  logoUrl: null,
  jobTitle: 'Senior Backend Engineer',
  clientCompany: 'Acme Robotics',
  interviewLabel: 'your video interview on Tuesday 3 November',
  recruiterName: 'Alex Morgan',
  canReply: true,
  everyDays: 7,
} satisfies StatusUpdateEmailProps;
