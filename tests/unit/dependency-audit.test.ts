import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAdvisories, type FakeAdvisory } from '../support/fake-advisories';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../../.ci/audit-dependencies');
let stop: (() => Promise<void>) | null = null;

afterEach(async () => {
  await stop?.();
  stop = null;
});

/** Runs the CI gate against a fake advisory endpoint; the exit code and what it printed. */
async function audit(options: { advisories?: Record<string, FakeAdvisory[]>; status?: number }) {
  const fake = await startFakeAdvisories(options);
  stop = fake.close;
  // A cache of its own: npm caches advisory answers, and one test's answer must not be another's.
  const cache = mkdtempSync(path.join(tmpdir(), 'afterview-audit-'));
  const env = { ...process.env, npm_config_registry: fake.registry, npm_config_cache: cache, npm_config_audit_level: undefined };
  try {
    const { stdout } = await run('bash', [script], { env, timeout: 60_000 });
    return { code: 0, output: stdout, asked: fake.asked };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout, asked: fake.asked };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

describe('the CI dependency gate (.ci/audit-dependencies)', { timeout: 90_000 }, () => {
  it('fails on a high-severity advisory in a production dependency, naming it', async () => {
    const result = await audit({ advisories: { next: [{ severity: 'high', vulnerable_versions: '<999.0.0', title: 'Request smuggling in next' }] } });
    expect(result.code).toBe(1);
    expect(result.output).toContain('Request smuggling in next');
    expect(result.output).toMatch(/FAILED: production dependencies have known vulnerabilities/);
    // It asked about the locked production versions.
    expect(result.asked[0]?.next).toEqual(['16.4.6']);
  });

  it('fails on a critical one in a transitive production dependency', async () => {
    const result = await audit({ advisories: { '@auth/core': [{ severity: 'critical', vulnerable_versions: '*' }] } });
    expect(result.code).toBe(1);
    expect(result.output).toContain('@auth/core');
  });

  it('passes when the advisory is moderate, does not cover the locked version, or is in a development tool only', async () => {
    const result = await audit({
      advisories: {
        next: [
          { severity: 'moderate', vulnerable_versions: '<999.0.0' },
          { severity: 'critical', vulnerable_versions: '<16.0.0' },
        ],
        vitest: [{ severity: 'critical', vulnerable_versions: '*' }],
      },
    });
    expect(result.code).toBe(0);
    expect(result.output).toContain('No known high-severity vulnerability in production dependencies.');
    expect(result.asked[0]).not.toHaveProperty('vitest');
  });

  it('says "not checked" — never "passed" — when the registry has no advisory endpoint', async () => {
    const result = await audit({ status: 405 });
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/^NOT CHECKED: /m);
    expect(result.output).not.toContain('No known high-severity vulnerability');
  });
});
