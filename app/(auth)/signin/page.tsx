import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/server/auth/config';
import { AuthShell } from '@/app/_components/ui';
import { SignInForm } from './signin-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const session = await auth();
  if (session?.user) redirect('/');
  const { callbackUrl } = await searchParams;
  return (
    <AuthShell title="Sign in to Afterview" subtitle="We will email you a link that signs you in. No password needed.">
      <SignInForm callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} />
    </AuthShell>
  );
}
