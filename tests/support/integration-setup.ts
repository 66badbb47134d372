import { afterAll, beforeAll, inject } from 'vitest';

const databaseUrl = inject('databaseUrl');
const databaseDirectUrl = inject('databaseDirectUrl');
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATABASE_POOL_SIZE = '4';
  if (databaseDirectUrl) process.env.DATABASE_DIRECT_URL = databaseDirectUrl;
  else delete process.env.DATABASE_DIRECT_URL;
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = 'memory://';
}
delete process.env.RESEND_API_KEY;
process.env.AUTH_SECRET ??= 'integration-tests-secret-integration-tests-secret';
process.env.APP_URL = 'http://localhost:3999';
// The fake Resend signs webhooks with this secret by default (tests/support/fake-resend.ts).
process.env.RESEND_WEBHOOK_SECRET = 'whsec_ZmFrZS1yZXNlbmQtd2ViaG9vay1zZWNyZXQtMDAw';

beforeAll(async () => {
  if (!databaseUrl) {
    const { runMigrations } = await import('@/db/migrate');
    await runMigrations();
  }
});

afterAll(async () => {
  const { closeDatabase } = await import('@/db/client');
  await closeDatabase();
});
