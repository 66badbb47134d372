import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.data/**', 'node_modules/**', 'next-env.d.ts', 'db/migrations/**', 'test-results/**', 'playwright-report/**']),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/**', 'db/**', 'emails/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/app/*', '**/app/*'], message: 'server/, db/ and emails/ never import from app/.' },
            { group: ['@trpc/*'], message: 'Services stay free of tRPC; only server/trpc and server/routers use it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/trpc/**', 'server/routers/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*'], message: 'server/ never imports from app/.' }] }] },
  },
  {
    files: ['tests/**', 'scripts/**', 'db/**'],
    rules: { 'no-console': 'off' },
  },
]);
