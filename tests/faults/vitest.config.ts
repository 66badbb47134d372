import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '../..');

/** Run through tests/faults/run.sh: it starts the private Postgres server these tests restart. */
export default defineConfig({
  root,
  resolve: { alias: { '@': root } },
  test: {
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/support/integration-setup.ts'],
    globalSetup: ['tests/support/integration-global.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One file at a time: a restart or a terminated connection must not land in another file's test.
    fileParallelism: false,
  },
});
