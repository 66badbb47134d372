import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import * as dashboardCsv from '@/app/api/orgs/[org]/dashboard.csv/route';
import * as candidateExport from '@/app/api/orgs/[org]/candidates/[id]/export/route';
import { GET as chartCsv } from '@/app/api/orgs/[org]/analytics/[chart]/route';
import { queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { auth } from '@/server/auth/config';
import { createTenant, type TenantFixture } from '../support/fixtures';

vi.mock('@/server/auth/config', () => ({ auth: vi.fn() }));
const signIn = (userId: string | null) => (auth as unknown as Mock).mockResolvedValue(userId ? { user: { id: userId } } : null);

const APP = 'http://localhost:3000';

let fx: TenantFixture;
beforeAll(async () => {
  fx = await createTenant('Audited');
});

async function auditRows(): Promise<{ action: string }[]> {
  return withTenant(fx.orgId, (tx) => queryRows<{ action: string }>(tx, sql`select action from audit_log where org_id = ${fx.orgId} order by created_at`));
}

/** The two audited downloads, called as the browser would: `headers` say where the request came from. */
const downloads = {
  'the dashboard CSV': {
    action: 'dashboard.export',
    get: () => dashboardCsv.GET(),
    post: (headers: Record<string, string>) =>
      dashboardCsv.POST(new Request(`${APP}/api/orgs/${fx.slug}/dashboard.csv?followedUp=all`, { method: 'POST', headers }), { params: Promise.resolve({ org: fx.slug }) }),
  },
  'the candidate export (GDPR)': {
    action: 'candidate.export',
    get: () => candidateExport.GET(),
    post: (headers: Record<string, string>) =>
      candidateExport.POST(new Request(`${APP}/api/orgs/${fx.slug}/candidates/${fx.candidateId}/export`, { method: 'POST', headers }), {
        params: Promise.resolve({ org: fx.slug, id: fx.candidateId }),
      }),
  },
};

describe.each(Object.entries(downloads))('%s', (_name, download) => {
  it('answers a GET (a link, a cross-site navigation) with 405 and Allow: POST, and writes no audit entry', async () => {
    signIn(fx.ownerId);
    const before = await auditRows();
    const response = await download.get();
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.text()).toMatch(/^This download is recorded in the audit log, so it starts from its button in Afterview/);
    expect(await auditRows()).toEqual(before);
  });

  it.each([
    ['Fetch Metadata says cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    ['Fetch Metadata says same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site', origin: 'https://other.localhost' }],
    ['an old browser sends only Origin', { origin: 'https://evil.example' }],
  ])('refuses a POST from another site (%s) with 403, before anything is read or written', async (_how, headers) => {
    signIn(fx.ownerId);
    const before = await auditRows();
    const response = await download.post(headers);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('This download was requested from another site and was refused. Start it from Afterview.\n');
    expect(await auditRows()).toEqual(before);
  });

  it('downloads an attachment on a POST from the app’s own page, with one audit entry', async () => {
    signIn(fx.ownerId);
    const before = await auditRows();
    const response = await download.post({ 'sec-fetch-site': 'same-origin', origin: APP });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    const after = await auditRows();
    expect(after.slice(before.length)).toEqual([{ action: download.action }]);
  });
});

describe('a chart CSV (counts only, not audited)', () => {
  it('stays a GET a link may open, and writes nothing to the audit log', async () => {
    signIn(fx.ownerId);
    const before = await auditRows();
    const response = await chartCsv(new Request(`${APP}/api/orgs/${fx.slug}/analytics/follow-up-rate`, { headers: { 'sec-fetch-site': 'cross-site' } }), {
      params: Promise.resolve({ org: fx.slug, chart: 'follow-up-rate' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await auditRows()).toEqual(before);
  });
});
