import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = { '@': path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // next-auth imports `next/server` without the extension Node's ESM loader needs; run
          // through Vite, it resolves as in the app (tests that sign in through Auth.js itself).
          server: { deps: { inline: ['next-auth'] } },
          setupFiles: ['tests/support/integration-setup.ts'],
          globalSetup: ['tests/support/integration-global.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file gets its own PGlite (or shares one server database); two workers fit 2 cores.
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'instances',
          include: ['tests/instances/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/integration-setup.ts'],
          globalSetup: ['tests/support/integration-global.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'pooler',
          include: ['tests/pooler/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/integration-setup.ts'],
          globalSetup: ['tests/support/integration-global.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
