import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

// patches/postgres+3.4.9.patch turns Query's `Symbol.species` getter into a data property (same
// value): with the getter, the bench saw each query's rows promoted to V8's old generation
// (27 KB per timeline call, against 3 KB with the patch) and scavenges three times as long. The
// effect is measured by the bench, not here; this proves every build of the driver has the patch.
describe('the patched postgres.js driver', () => {
  it.each(['src', 'cjs/src', 'cf/src'])('%s: Query derives plain Promises through a species data property', async (dir) => {
    const { Query } = (await import(pathToFileURL(path.join(root, 'node_modules/postgres', dir, 'query.js')).href)) as { Query: PromiseConstructor };
    expect(Object.getOwnPropertyDescriptor(Query, Symbol.species)).toMatchObject({ value: Promise, writable: false });
  });
});
