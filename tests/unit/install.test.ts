import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/*
 * What `npm install` on a fresh clone would complain about or rewrite, read from the committed
 * files: a lockfile that disagrees with package.json is rewritten (a diff nobody meant to make),
 * and a dependency whose `engines` excludes a supported Node prints EBADENGINE on every install.
 */
const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  os?: string[];
  cpu?: string[];
  hasInstallScript?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const project = lock.packages['']!;

/** The lowest release of each Node line package.json supports ("^20.19.0 || ^24.0.0" → 20.19.0, 24.0.0). */
const supported = pkg.engines.node.split('||').map((range) => semver.minVersion(range.trim())!.version);

describe('a fresh install', () => {
  it('supports Node 20 and 24, and nothing older than what the dependencies need', () => {
    expect(supported.map((v) => semver.major(v))).toEqual([20, 24]);
  });

  it('runs on a supported Node, and on the very release CI asked for', () => {
    expect(supported.map((v) => semver.major(v))).toContain(semver.major(process.version));
    // .ci/run sets it for its Node 24 pass, so a PATH that still led to Node 20 would fail here.
    if (process.env.AFTERVIEW_EXPECT_NODE) expect(process.versions.node).toBe(process.env.AFTERVIEW_EXPECT_NODE);
  });

  it('finds the lockfile as npm install would write it for this package.json', () => {
    // npm records that the project itself runs an install script (our postinstall: patch-package).
    const installScript = ['preinstall', 'install', 'postinstall'].some((s) => s in pkg.scripts);
    expect(project.hasInstallScript ?? false).toBe(installScript);
    expect(project.engines).toEqual(pkg.engines);
    expect(project.dependencies).toEqual(pkg.dependencies);
    expect(project.devDependencies).toEqual(pkg.devDependencies);
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
  });

  it('installs no dependency whose engines exclude a supported Node', () => {
    const refused: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      // npm skips packages built for another system before it looks at their engines.
      const elsewhere = (entry.os && !entry.os.includes('linux')) || (entry.cpu && !entry.cpu.includes('x64'));
      if (!where || !range || elsewhere) continue;
      for (const version of supported) if (!semver.satisfies(version, range)) refused.push(`${where.replace(/^.*node_modules\//, '')} wants Node ${range}, not ${version}`);
    }
    expect(refused).toEqual([]);
  });
});
