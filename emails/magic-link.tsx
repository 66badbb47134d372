import { EmailLayout } from './components/layout';
import { EmailButton, EmailTitle, Paragraph, PasteLink } from './components/ui';

export interface MagicLinkEmailProps {
  url: string;
  host: string;
  expiresInMinutes: number;
}

export const magicLinkSubject = (host: string) => `Sign in to Afterview (${host})`;

export default function MagicLinkEmail({ url, host, expiresInMinutes }: MagicLinkEmailProps) {
  return (
    <EmailLayout
      preview={`Your sign-in link for ${host}`}
      footer="If you did not ask to sign in, you can ignore this email: nobody can sign in without the link."
    >
      <EmailTitle>Sign in to Afterview</EmailTitle>
      <Paragraph>Use the button below to sign in. The link works once and expires in {expiresInMinutes} minutes.</Paragraph>
      <EmailButton href={url}>Sign in</EmailButton>
      <PasteLink href={url} />
    </EmailLayout>
  );
}

MagicLinkEmail.PreviewProps = {
  url: 'http://localhost:3000/api/auth/callback/email?token=preview&email=alex%40northwind.example',
  host: 'localhost:3000',
  expiresInMinutes: 30,
} satisfies MagicLinkEmailProps;
