import { AuthShell, ButtonLink } from '@/app/_components/ui';

export default function NotFound() {
  return (
    <AuthShell title="Page not found">
      <p className="text-sm text-slate-700">This page does not exist, or you do not have access to it.</p>
      <ButtonLink href="/" className="mt-6 w-full">
        Go to your workspace
      </ButtonLink>
    </AuthShell>
  );
}
