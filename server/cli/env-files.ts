import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type EnvFileMode = 'development' | 'production' | 'test';

const NEXT_ENTRY = fileURLToPath(new URL('./next.ts', import.meta.url));

/**
 * Which `.env.<mode>*` files a command reads, as Next.js chooses them: `npm start` the production
 * ones and `npm run dev` the development ones (that is what the Next.js server they run reads), and
 * under NODE_ENV=test the test ones. Every other command (worker, db:*, seed:scale, bench,
 * engagement:rebuild) has no dev/start of its own, so NODE_ENV=production picks the production files.
 */
export function envFileMode(argv: readonly string[], nodeEnv: string | undefined): EnvFileMode {
  if (nodeEnv === 'test') return 'test';
  const entry = argv[1] ? path.resolve(argv[1]) : '';
  if (entry === NEXT_ENTRY) return argv[2] === 'start' ? 'production' : 'development';
  return nodeEnv === 'production' ? 'production' : 'development';
}

/**
 * Loads `.env.<mode>.local`, `.env.local` (not under test), `.env.<mode>` and `.env` from `dir` into
 * process.env with Next.js's own loader, so every entry point sees the configuration the Next.js
 * server sees: the first file that sets a variable wins, and a variable already set in the real
 * environment wins over every file. Returns the files it read.
 */
export function loadEnvFiles(dir = process.cwd(), mode = envFileMode(process.argv, process.env.NODE_ENV)): string[] {
  // @next/env is a CommonJS bundle whose named exports Node's ESM loader cannot see.
  const { loadEnvConfig } = createRequire(import.meta.url)('@next/env') as typeof import('@next/env');
  // Next.js's loader picks the test files from NODE_ENV itself; `dev` picks between the other two.
  // forceReload: a parent process that loaded files marks the environment as done, but a child
  // started in another mode (bench starting `npm start`) still has files of its own to read; what
  // the parent passed down is real environment to it, and wins.
  const { loadedEnvFiles } = loadEnvConfig(dir, mode === 'development', { info: () => {}, error: console.error }, true);
  return loadedEnvFiles.map((f) => f.path);
}
