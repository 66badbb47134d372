import { withTenant } from '@/db/tenant';
import { auth } from '@/server/auth/config';
import { can } from '@/server/auth/permissions';
import { exportDashboardCsv, EXPORT_ROW_LIMIT, ZExportDashboardCsvInput } from '@/server/services/dashboard/export-dashboard-csv';
import { unsafeFindMembershipBySlug } from '@/server/services/org/unsafe-find-membership-by-slug';
import { auditedDownloadGet, refuseCrossSiteDownload } from '@/server/security/audited-download';

function problem(status: number, message: string) {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** A link or a cross-site navigation must not write an audit entry: see POST. */
export function GET() {
  return auditedDownloadGet();
}

/**
 * The dashboard's current view as a CSV download; the query string carries the dashboard's own
 * filters. A POST from the dashboard's Export button, because the export is audited.
 */
export async function POST(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const crossSite = refuseCrossSiteDownload(request);
  if (crossSite) return crossSite;
  const { org: slug } = await params;
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return problem(401, 'Please sign in.');
  const membership = await unsafeFindMembershipBySlug({ userId, slug });
  // Same answer for "no such agency" and "not yours", as everywhere else.
  if (!membership) return problem(404, 'This agency does not exist or you are not a member of it.');
  if (!can(membership.role, 'dashboard.export')) return problem(403, `Your role (${membership.role}) does not allow dashboard.export.`);

  const parsed = ZExportDashboardCsvInput.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return problem(400, parsed.error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`).join('; '));
  }

  const actor = { userId, orgId: membership.orgId, role: membership.role };
  const result = await withTenant(actor.orgId, (tx) => exportDashboardCsv({ tx, actor }, parsed.data));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(result.csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="afterview-${membership.slug}-follow-ups-${day}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Export-Rows': String(result.rowCount),
      'X-Export-Row-Limit': String(EXPORT_ROW_LIMIT),
      'X-Export-Truncated': String(result.truncated),
    },
  });
}
