import { Button, Link, Text } from '@react-email/components';
import { EmailLayout } from './components/layout';

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
      <Text style={{ fontSize: 20, fontWeight: 600, color: '#111827', margin: '0 0 12px' }}>Sign in to Afterview</Text>
      <Text style={{ fontSize: 15, color: '#374151', lineHeight: '24px' }}>
        Use the button below to sign in. The link works once and expires in {expiresInMinutes} minutes.
      </Text>
      <Button
        href={url}
        style={{ backgroundColor: '#4338ca', color: '#ffffff', borderRadius: 6, padding: '12px 20px', fontSize: 15, fontWeight: 600 }}
      >
        Sign in
      </Button>
      <Text style={{ fontSize: 13, color: '#6b7280', lineHeight: '20px', marginTop: 24 }}>
        Or paste this address into your browser: <Link href={url}>{url}</Link>
      </Text>
    </EmailLayout>
  );
}

MagicLinkEmail.PreviewProps = {
  url: 'http://localhost:3000/api/auth/callback/email?token=preview&email=alex%40northwind.example',
  host: 'localhost:3000',
  expiresInMinutes: 30,
} satisfies MagicLinkEmailProps;
