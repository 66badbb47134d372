import { EmailLayout } from './components/layout';
import { oneLine } from './components/subject';
import { EmailButton, EmailTitle, Paragraph, PasteLink, Quote, UserText } from './components/ui';

export interface PortalInvitationEmailProps {
  candidateFirstName: string;
  agencyName: string;
  /** `#rrggbb` */
  brandColor: string;
  logoUrl: string | null;
  recruiterName: string;
  jobTitle: string;
  clientCompany: string;
  /** Completes "Thank you for …", e.g. "your video interview on Tuesday 3 November". */
  interviewLabel: string | null;
  portalUrl: string;
  /** Already formatted for the candidate, e.g. "Thursday 3 December 2026". */
  expiresOn: string;
  personalNote: string | null;
}

export const portalInvitationSubject = (jobTitle: string) => oneLine(`Your ${jobTitle} interview: questions welcome`);

export default function PortalInvitationEmail({
  candidateFirstName,
  agencyName,
  brandColor,
  logoUrl,
  recruiterName,
  jobTitle,
  clientCompany,
  interviewLabel,
  portalUrl,
  expiresOn,
  personalNote,
}: PortalInvitationEmailProps) {
  const note = personalNote?.trim() ? personalNote : null;
  return (
    <EmailLayout
      preview={`Questions after your ${jobTitle} interview? Ask ${recruiterName} here.`}
      brand={{ name: agencyName, color: brandColor, logoUrl }}
      footer={`Sent by ${agencyName} with Afterview because you interviewed for the ${jobTitle} role at ${clientCompany}.`}
    >
      <EmailTitle>Thanks for interviewing, {candidateFirstName}</EmailTitle>
      <Paragraph>
        Thank you for {interviewLabel?.trim() ? interviewLabel.trim() : 'interviewing'} for the {jobTitle} role at {clientCompany}.
      </Paragraph>
      {note ? (
        <>
          <Paragraph style={{ marginBottom: 8 }}>A note from {recruiterName}:</Paragraph>
          <Quote>
            <UserText text={note} />
          </Quote>
        </>
      ) : null}
      <Paragraph>
        If a question came to mind afterwards, or you would like to thank the people you met, you can send it to {recruiterName} at{' '}
        {agencyName} here:
      </Paragraph>
      <EmailButton href={portalUrl} color={brandColor}>Ask a question or send a thank-you note</EmailButton>
      <PasteLink href={portalUrl} />
      <Paragraph>
        This link is private to you: please do not share it. It expires on {expiresOn}. You can also just reply to this email.
      </Paragraph>
      <Paragraph>
        {recruiterName}
        <br />
        {agencyName}
      </Paragraph>
    </EmailLayout>
  );
}

PortalInvitationEmail.PreviewProps = {
  candidateFirstName: 'Priya',
  agencyName: 'Northwind Talent',
  brandColor: '#0f766e',
  logoUrl: null,
  recruiterName: 'Alex Morgan',
  jobTitle: 'Senior Backend Engineer',
  clientCompany: 'Acme Robotics',
  interviewLabel: 'your video interview on Tuesday 3 November',
  portalUrl: 'http://localhost:3000/p/pv_7Hq2xKc9mR4tLw8nZ3bY5sQ1',
  expiresOn: 'Thursday 3 December 2026',
  personalNote: 'It was great to meet you today.\nThe team enjoyed the system design discussion.\n\nIf anything about the on-call rota is unclear, ask away.',
} satisfies PortalInvitationEmailProps;
