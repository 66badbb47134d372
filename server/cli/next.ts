import './load-env';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { env } from '@/server/env';
import { prepare, printWelcome } from './prepare';

/** `npm run dev` / `npm start`: prepare the database, then run Next.js on the configured port. */
async function main() {
  const mode = process.argv[2] === 'start' ? 'start' : 'dev';
  await prepare();
  const port = process.env.PORT ?? '3000';
  if (!process.env.APP_URL) process.env.APP_URL = `http://localhost:${port}`;
  const url = process.env.APP_URL;
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, mode, '--port', port], { stdio: ['inherit', 'pipe', 'inherit'], env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env } });
  let announced = false;
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready in|started server on|✓ Ready/i.test(chunk.toString())) {
      announced = true;
      printWelcome(url, env().mail.transport === 'dev');
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

void main();
