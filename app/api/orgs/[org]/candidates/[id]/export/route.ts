import { withTenant } from '@/db/tenant';
import { AppError } from '@/server/errors';
import { auth } from '@/server/auth/config';
import { can } from '@/server/auth/permissions';
import { unsafeFindMembershipBySlug } from '@/server/services/org/unsafe-find-membership-by-slug';
import { auditedDownloadGet, refuseCrossSiteDownload } from '@/server/security/audited-download';
import { exportCandidate, ZExportCandidateInput } from '@/server/services/privacy/export-candidate';

function problem(status: number, message: string) {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

const NOT_FOUND = 'This candidate does not exist.';

/** A link or a cross-site navigation must not write an audit entry: see POST. */
export function GET() {
  return auditedDownloadGet();
}

/**
 * Everything the agency holds about one candidate, as a JSON download (GDPR access and
 * portability). A POST from the candidate page's Export button, because the export is audited.
 */
export async function POST(request: Request, { params }: { params: Promise<{ org: string; id: string }> }) {
  const crossSite = refuseCrossSiteDownload(request);
  if (crossSite) return crossSite;
  const { org: slug, id } = await params;
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return problem(401, 'Please sign in.');
  const membership = await unsafeFindMembershipBySlug({ userId, slug });
  // Same answer for "no such agency" and "not yours", as everywhere else.
  if (!membership) return problem(404, 'This agency does not exist or you are not a member of it.');
  if (!can(membership.role, 'candidate.export')) return problem(403, `Your role (${membership.role}) does not allow candidate.export.`);

  const parsed = ZExportCandidateInput.safeParse({ candidateId: id.toLowerCase() });
  if (!parsed.success) return problem(404, NOT_FOUND);

  const actor = { userId, orgId: membership.orgId, role: membership.role };
  let document;
  try {
    document = await withTenant(actor.orgId, (tx) => exportCandidate({ tx, actor }, parsed.data));
  } catch (error) {
    // Another agency's id, or one that never existed: the same 404.
    if (error instanceof AppError && error.code === 'NOT_FOUND') return problem(404, NOT_FOUND);
    throw error;
  }
  return new Response(`${JSON.stringify(document, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="candidate-${parsed.data.candidateId}.json"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
