import type { Metadata } from 'next';
import { ButtonLink, Card } from '@/app/_components/ui';
import { api, HydrateClient } from '@/app/_trpc/server';
import { can } from '@/server/auth/permissions';
import { requireWorkspace } from '../../workspace';
import { CandidateImport } from './candidate-import';

export const metadata: Metadata = { title: 'Import candidates' };

export default async function ImportCandidatesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user, membership } = await requireWorkspace(org);
  if (!can(membership.role, 'candidate.import')) {
    return (
      <Card className="max-w-xl">
        <h1 className="text-xl font-semibold text-slate-900">Import candidates</h1>
        <p className="mt-2 text-sm text-slate-700">Your role ({membership.role}) can see candidates but not import them. An owner or admin of the agency can change your role.</p>
        <ButtonLink href={`/${org}/candidates`} variant="secondary" className="mt-6">
          Back to candidates
        </ButtonLink>
      </Card>
    );
  }
  // The team names feed the help text and the template; the page works without them.
  void api.org.overview.prefetch({ orgSlug: org });
  return (
    <HydrateClient>
      <CandidateImport orgSlug={org} viewerUserId={user.id} />
    </HydrateClient>
  );
}
