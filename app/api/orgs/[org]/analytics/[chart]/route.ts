import { withTenant } from '@/db/tenant';
import { auth } from '@/server/auth/config';
import { can } from '@/server/auth/permissions';
import { ANALYTICS_CHARTS, type AnalyticsChart } from '@/server/services/analytics/analytics-view';
import { exportAnalyticsCsv, ZExportAnalyticsCsvInput } from '@/server/services/analytics/export-analytics-csv';
import { unsafeFindMembershipBySlug } from '@/server/services/org/unsafe-find-membership-by-slug';

function problem(status: number, message: string) {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * One chart of the analytics page as a CSV download (`/api/orgs/<agency>/analytics/<chart>`, a
 * `.csv` ending is allowed); the query string carries the page's own filters (teamId, jobId,
 * ownerId, from, to). Counts only, not audited: a plain GET that writes nothing, so a link may
 * open it (the audited exports are POSTs).
 */
export async function GET(request: Request, { params }: { params: Promise<{ org: string; chart: string }> }) {
  const { org: slug, chart: rawChart } = await params;
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return problem(401, 'Please sign in.');
  const membership = await unsafeFindMembershipBySlug({ userId, slug });
  // Same answer for "no such agency" and "not yours", as everywhere else.
  if (!membership) return problem(404, 'This agency does not exist or you are not a member of it.');
  if (!can(membership.role, 'analytics.read')) return problem(403, `Your role (${membership.role}) does not allow analytics.read.`);

  const chart = rawChart.replace(/\.csv$/, '');
  if (!(ANALYTICS_CHARTS as readonly string[]).includes(chart)) {
    return problem(404, `There is no such chart. Choose one of: ${ANALYTICS_CHARTS.join(', ')}.`);
  }
  const parsed = ZExportAnalyticsCsvInput.safeParse({ ...Object.fromEntries(new URL(request.url).searchParams), chart: chart as AnalyticsChart });
  if (!parsed.success) {
    return problem(400, parsed.error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`).join('; '));
  }

  const actor = { userId, orgId: membership.orgId, role: membership.role };
  const result = await withTenant(actor.orgId, (tx) => exportAnalyticsCsv({ tx, actor }, parsed.data));
  return new Response(result.csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="afterview-${membership.slug}-${result.chart}-${result.from}-to-${result.to}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
