/** Percentiles and timing loops: what every case is reduced to. */

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentile of ascending samples: a value that was actually measured, never interpolated. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface MeasureOptions {
  warmup: number;
  iterations: number;
  /** A slow case stops early rather than holding the run hostage; it keeps what it measured. */
  maxSeconds: number;
  /**
   * A fast case goes on past `iterations` until this much time has passed (within `maxSeconds`):
   * a p95 of 200 one-millisecond calls is the 10th-slowest call, and moved by half between runs.
   */
  minSeconds?: number;
  /**
   * Warm-up goes on past `warmup` rounds until this much time has passed (within a quarter of
   * `maxSeconds`). A millisecond read needs about 1,200 calls before V8 has optimised the tRPC,
   * zod and driver code it runs and the server's backends are warm: measured from round 21, the
   * candidate timeline's slow first seconds made up most of its p95 and it moved from run to run.
   */
  warmupSeconds?: number;
}

/**
 * Times each variant of a case, interleaved: one call of each per round, starting with a
 * different one each round, so drift (a checkpoint, another process) hits every variant alike.
 * Warm-up rounds come first and are not kept. Returns milliseconds per variant.
 */
export async function measure<K extends string>(label: string, variants: Record<K, (i: number) => Promise<unknown>>, opts: MeasureOptions): Promise<Record<K, number[]>> {
  const names = Object.keys(variants) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  const oneRound = async (i: number, keep: boolean) => {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length]!;
      const start = performance.now();
      await variants[name](i);
      if (keep) samples[name].push(performance.now() - start);
    }
  };
  // Warm-up gets a quarter of the time budget at most: enough to fill caches and plan, even for a slow case.
  const warmStart = performance.now();
  const warmCap = warmStart + opts.maxSeconds * 250;
  const warmEnough = warmStart + Math.min(opts.warmupSeconds ?? 0, opts.maxSeconds / 4) * 1000;
  let warmRounds = 0;
  while ((warmRounds < opts.warmup || performance.now() < warmEnough) && (warmRounds === 0 || performance.now() < warmCap)) {
    await oneRound(warmRounds, false);
    warmRounds++;
  }
  const start = performance.now();
  const deadline = start + opts.maxSeconds * 1000;
  const enough = start + Math.min(opts.minSeconds ?? 0, opts.maxSeconds) * 1000;
  let rounds = 0;
  while ((rounds < opts.iterations || performance.now() < enough) && (rounds === 0 || performance.now() < deadline)) {
    await oneRound(warmRounds + rounds, true);
    rounds++;
    if (process.stdout.isTTY && rounds % 10 === 0) process.stdout.write(`\r  ${label}: ${rounds}`);
  }
  const short = rounds < opts.iterations ? ` (stopped after ${opts.maxSeconds}s)` : rounds > opts.iterations ? ` (${opts.minSeconds}s at least)` : '';
  const p95s = names.map((n) => `${n} ${round(summarize(samples[n]).p95)}`).join(', ');
  const line = `  ${label}: ${rounds} runs${short} after ${warmRounds} warm-up; p95 ms: ${p95s}`;
  process.stdout.write(process.stdout.isTTY ? `\r${line}\x1b[K\n` : `${line}\n`);
  return samples;
}

/** Calls `fn` from `concurrency` loops until `seconds` pass; counts completed calls and keeps their latencies. */
export async function sustain(fn: () => Promise<unknown>, concurrency: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await fn();
          latencies.push(performance.now() - t);
        } catch (error) {
          errors++;
          firstError ??= error;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  if (latencies.length === 0) throw new Error(`every call failed: ${firstError instanceof Error ? firstError.message : String(firstError)}`);
  return { perSecond: latencies.length / elapsed, latencies, errors };
}

/** Runs `fn` over `items`, at most `limit` at a time, in order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
