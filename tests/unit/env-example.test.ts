import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envFileMode } from '@/server/cli/env-files';
import { ZEnvInput } from '@/server/env';

const root = path.resolve(import.meta.dirname, '../..');
const lines = readFileSync(path.join(root, '.env.example'), 'utf8').split('\n');
/** `# NAME=value` lines: each setting, commented out so a copy of the file changes no default. */
const settings = lines.flatMap((line, i) => {
  const m = /^# ([A-Z][A-Z0-9_]*)=/.exec(line);
  return m ? [{ name: m[1]!, comment: lines[i - 1] ?? '' }] : [];
});

describe('.env.example', () => {
  it('lists every variable the configuration reads', () => {
    const listed = new Set(settings.map((s) => s.name));
    expect(Object.keys(ZEnvInput.shape).filter((name) => !listed.has(name))).toEqual([]);
    expect(listed.has('PORT')).toBe(true);
  });

  it('explains each one on the line above it, with its default, and sets none', () => {
    for (const { name, comment } of settings) expect(comment, name).toMatch(/^# .{20,}\[[^\]]+\]$/);
    expect(new Set(settings.map((s) => s.name)).size).toBe(settings.length);
    expect(lines.filter((line) => line.trim() !== '' && !line.startsWith('#'))).toEqual([]);
  });
});

describe('which .env files a command reads', () => {
  const next = path.join(root, 'server/cli/next.ts');
  it('follows the Next.js server for `npm start` and `npm run dev`, whatever NODE_ENV says', () => {
    expect(envFileMode(['node', next, 'start'], undefined)).toBe('production');
    expect(envFileMode(['node', next, 'start'], 'development')).toBe('production');
    expect(envFileMode(['node', next, 'dev'], 'production')).toBe('development');
  });

  it('follows NODE_ENV for every other command, and the test files under NODE_ENV=test', () => {
    const migrate = path.join(root, 'db/migrate.ts');
    expect(envFileMode(['node', migrate], undefined)).toBe('development');
    expect(envFileMode(['node', migrate], 'production')).toBe('production');
    expect(envFileMode(['node', path.join(root, 'server/cli/worker.ts')], 'production')).toBe('production');
    expect(envFileMode(['node', next, 'start'], 'test')).toBe('test');
  });
});
