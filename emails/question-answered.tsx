import { EmailLayout } from './components/layout';
import { oneLine } from './components/subject';
import { EmailButton, EmailTitle, Paragraph, PasteLink, Quote, UserText } from './components/ui';

export interface QuestionAnsweredEmailProps {
  candidateFirstName: string;
  agencyName: string;
  /** `#rrggbb` */
  brandColor: string;
  logoUrl: string | null;
  recruiterName: string;
  question: string;
  answer: string;
  /** Null when the candidate's portal link has expired or been revoked. */
  portalUrl: string | null;
}

export const questionAnsweredSubject = (agencyName: string) => oneLine(`${agencyName} answered your question`);

export default function QuestionAnsweredEmail({
  candidateFirstName,
  agencyName,
  brandColor,
  logoUrl,
  recruiterName,
  question,
  answer,
  portalUrl,
}: QuestionAnsweredEmailProps) {
  return (
    <EmailLayout
      preview={`${recruiterName} answered: ${oneLine(answer).slice(0, 100)}`}
      brand={{ name: agencyName, color: brandColor, logoUrl }}
      footer={`Sent by ${agencyName} with Afterview because you asked them a question.`}
    >
      <EmailTitle>Hi {candidateFirstName}, your question has an answer</EmailTitle>
      <Paragraph style={{ marginBottom: 8 }}>You asked:</Paragraph>
      <Quote>
        <UserText text={question} style={{ color: '#4b5563' }} />
      </Quote>
      <Paragraph style={{ marginBottom: 8 }}>
        {recruiterName} at {agencyName} answered:
      </Paragraph>
      <UserText text={answer} style={{ color: '#111827' }} />
      {portalUrl ? (
        <>
          <Paragraph style={{ marginTop: 24 }}>Anything else you would like to know? Ask it here, or simply reply to this email.</Paragraph>
          <EmailButton href={portalUrl} color={brandColor}>Ask another question</EmailButton>
          <PasteLink href={portalUrl} />
        </>
      ) : (
        <Paragraph style={{ marginTop: 24 }}>Anything else you would like to know? Simply reply to this email.</Paragraph>
      )}
    </EmailLayout>
  );
}

QuestionAnsweredEmail.PreviewProps = {
  candidateFirstName: 'Priya',
  agencyName: 'Northwind Talent',
  brandColor: '#0f766e',
  logoUrl: null,
  recruiterName: 'Alex Morgan',
  question: 'Is the role remote, and how does on-call work for the platform team?',
  answer: 'It is hybrid: two days a week in the Leeds office, the rest remote.\nOn-call is one week in six, and it is paid.\n\nHappy to go through the rota on a call if that helps.',
  portalUrl: 'http://localhost:3000/p/pv_7Hq2xKc9mR4tLw8nZ3bY5sQ1',
} satisfies QuestionAnsweredEmailProps;
