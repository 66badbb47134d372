import './load-env';
import { checkConnection, closeDatabase } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { unsafeListOrgIds } from '@/server/services/org/unsafe-list-org-ids';
import { rebuildEngagement } from '@/server/services/touches/rebuild-engagement';

/** `npm run engagement:rebuild`: recompute every agency's engagement from its touch ledger. */
async function main() {
  await checkConnection();
  const started = performance.now();
  const orgIds = await unsafeListOrgIds();
  for (const orgId of orgIds) await withTenant(orgId, (tx) => rebuildEngagement({ tx, orgId }));
  console.log(`Rebuilt engagement for ${orgIds.length} ${orgIds.length === 1 ? "agency" : "agencies"} in ${Math.round(performance.now() - started)} ms.`);
  await closeDatabase();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDatabase();
  process.exit(1);
});
