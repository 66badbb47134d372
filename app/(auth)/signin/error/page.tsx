import type { Metadata } from 'next';
import { AuthShell, ButtonLink } from '@/app/_components/ui';

export const metadata: Metadata = { title: 'Sign-in problem' };

const MESSAGES: Record<string, { title: string; body: string }> = {
  Verification: {
    title: 'This sign-in link no longer works',
    body: 'Sign-in links work once and expire after 30 minutes. This one was already used or has expired. Ask for a new one below.',
  },
  AccessDenied: { title: 'Access denied', body: 'This account may not sign in.' },
  Configuration: { title: 'Sign-in is not available', body: 'The server is not set up for sign-in right now. Please try again later.' },
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = (error && MESSAGES[error]) || { title: 'Something went wrong', body: 'We could not sign you in. Please ask for a new link.' };
  return (
    <AuthShell title={message.title}>
      <p className="text-sm text-slate-700">{message.body}</p>
      <ButtonLink href="/signin" className="mt-6 w-full">
        Get a new sign-in link
      </ButtonLink>
    </AuthShell>
  );
}
