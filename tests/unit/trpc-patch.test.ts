import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const dist = path.resolve(import.meta.dirname, '../../node_modules/@trpc/server/dist');
const builds = readdirSync(dist).filter((f) => /^initTRPC-.*\.(mjs|cjs)$/.test(f));

/** The text of one top-level function of a build, up to the next top-level function. */
function functionText(source: string, name: string): string {
  const start = source.indexOf(name);
  expect(start, `${name} not found`).toBeGreaterThan(-1);
  const end = source.indexOf('\nfunction ', start + name.length);
  return source.slice(start, end === -1 ? undefined : end);
}

// patches/@trpc+server+11.19.0.patch: tRPC's build turns every object spread of its middleware
// chain into calls of a transpiler helper (`_objectSpread2`: Object.keys, then defineProperty per
// key), several per middleware level on every call. The patch writes them as native spreads, which
// V8 copies in one step. The bench measured what it saves; this proves both builds carry it, and
// that the chain still merges context and input as before.
describe('the patched tRPC middleware chain', () => {
  it('finds both builds of the procedure caller', () => {
    expect(builds.map((f) => path.extname(f)).sort()).toEqual(['.cjs', '.mjs']);
  });

  it.each(builds)('%s: the middleware chain and input merging use native spreads', (file) => {
    const source = readFileSync(path.join(dist, file), 'utf8');
    for (const fn of ['async function callRecursive', 'function createInputMiddleware', 'function createOutputMiddleware']) {
      const text = functionText(source, fn);
      expect(text).not.toMatch(/_objectSpread2/);
      expect(text).toMatch(/\.\.\.(opts|result)/);
    }
  });

  it('merges each level’s context and each input parser’s fields, and validates the output', async () => {
    const tag = Symbol('tag');
    const t = initTRPC.context<{ a: number; b: string }>().create();
    const procedure = t.procedure
      .use(({ next }) => next({ ctx: { b: 'replaced', c: true } }))
      .input(z.object({ first: z.string().trim() }))
      .use(({ ctx, next }) => next({ ctx: { ...ctx, [tag]: 'symbol', d: ctx.a + 1 } }))
      .input(z.object({ second: z.number().int() }))
      .output(z.object({ ctx: z.record(z.string(), z.unknown()), input: z.unknown(), tagged: z.string() }))
      .query(({ ctx, input }) => ({ ctx: Object.fromEntries(Object.entries(ctx)), input, tagged: (ctx as Record<symbol, string>)[tag] ?? 'missing' }));
    const router = t.router({ probe: procedure });
    const caller = t.createCallerFactory(router)({ a: 1, b: 'original' });

    await expect(caller.probe({ first: '  x  ', second: 2 })).resolves.toEqual({
      ctx: { a: 1, b: 'replaced', c: true, d: 2 },
      input: { first: 'x', second: 2 },
      tagged: 'symbol',
    });
    await expect(caller.probe({ first: 'x', second: 2.5 } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
