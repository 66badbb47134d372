import { describe, expect, it } from 'vitest';
import { mapLimit, measure, percentile, round, summarize } from '@/bench/stats';

describe('benchmark percentiles', () => {
  it('take the nearest rank, a value that was measured', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(sorted, 0)).toBe(1);
  });

  it('work on few samples', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([1, 2, 3], 95)).toBe(3);
  });

  it('refuse an empty sample', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
  });

  it('sort the samples first, without changing them', () => {
    const samples = [9, 1, 5, 3, 7];
    expect(summarize(samples)).toEqual({ p50: 5, p95: 9, p99: 9 });
    expect(samples).toEqual([9, 1, 5, 3, 7]);
  });

  it('round to the given digits', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(0.12345, 3)).toBe(0.123);
  });
});

describe('mapLimit', () => {
  it('keeps the order of its items and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});

describe('measure', () => {
  const quick = async () => {};

  it('runs every variant once a round, and stops at the iterations when time is not asked for', async () => {
    const samples = await measure('t', { a: quick, b: quick }, { warmup: 2, iterations: 7, maxSeconds: 5 });
    expect(samples.a).toHaveLength(7);
    expect(samples.b).toHaveLength(7);
  });

  it('goes on past the iterations until the minimum time has passed, for fast cases', async () => {
    const start = performance.now();
    const samples = await measure('t', { a: quick, b: quick }, { warmup: 0, iterations: 7, maxSeconds: 5, minSeconds: 0.2 });
    expect(performance.now() - start).toBeGreaterThanOrEqual(200);
    expect(samples.a.length).toBeGreaterThan(7);
    expect(samples.b).toHaveLength(samples.a.length);
  });

  it('never runs past the maximum time, even when the minimum asks for more', async () => {
    const slow = () => new Promise((r) => setTimeout(r, 20));
    const samples = await measure('t', { a: slow }, { warmup: 0, iterations: 1000, maxSeconds: 0.1, minSeconds: 10 });
    expect(samples.a.length).toBeGreaterThan(0);
    expect(samples.a.length).toBeLessThan(20);
  });

  it('warms up past the warm-up rounds until the warm-up time has passed, and keeps none of it', async () => {
    let calls = 0;
    const counted = async () => {
      calls++;
    };
    const start = performance.now();
    const samples = await measure('t', { a: counted }, { warmup: 1, iterations: 5, maxSeconds: 5, warmupSeconds: 0.2 });
    expect(performance.now() - start).toBeGreaterThanOrEqual(200);
    expect(samples.a).toHaveLength(5);
    expect(calls).toBeGreaterThan(6);
  });

  it('gives the warm-up a quarter of the maximum time at most', async () => {
    const slow = () => new Promise((r) => setTimeout(r, 10));
    const start = performance.now();
    const samples = await measure('t', { a: slow }, { warmup: 0, iterations: 1, maxSeconds: 0.4, warmupSeconds: 30 });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(samples.a).toHaveLength(1);
  });
});
