import { loadEnvFiles } from './env-files';

/*
 * Imported first by every command-line entry point (`import '@/server/cli/load-env'` before any
 * other import), so `.env*` files are in process.env before any module reads it: without this only
 * the Next.js server read them, and `npm start` with DATABASE_URL in .env.local migrated and seeded
 * the embedded database while the server talked to an unmigrated Postgres.
 */
const files = loadEnvFiles();
if (files.length > 0) console.log(`Environment files: ${files.join(', ')}`);
