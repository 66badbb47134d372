import { describe, expect, it } from 'vitest';
import { evaluateTargets, RECORD_TOUCH_LOAD, type CaseResult } from '@/bench/report';

describe('evaluateTargets', () => {
  const read = (over: Partial<CaseResult> = {}): CaseResult => ({
    name: 'list',
    p50_ms: 5,
    p95_ms: 10,
    p99_ms: 12,
    baseline_p95_ms: 8,
    ratio: 1.25,
    rls_overhead: 0.05,
    seq_scan: false,
    ...over,
  });
  const touch = { name: RECORD_TOUCH_LOAD, rps: 800, p99_ms: 30, errors: 0 };
  const http = { name: 'portal', rps: 200, p99_ms: 90, errors: 0 };
  const frontend = { portal_js_gzip_bytes: 0, dashboard_js_gzip_bytes: 200_000, dashboard_inline_script_gzip_bytes: 9000 };

  it('passes every target a good run meets', () => {
    expect(evaluateTargets([read()], [touch, http], frontend).every((t) => t.pass === true)).toBe(true);
  });

  it('names what misses each target', () => {
    const targets = evaluateTargets(
      [read({ name: 'deep page', p95_ms: 80, ratio: 2, rls_overhead: 0.5, seq_scan: true })],
      [{ ...touch, rps: 300 }, { ...http, errors: 3 }],
      { ...frontend, portal_js_gzip_bytes: 70_000 },
    );
    expect(targets.map((t) => t.pass)).toEqual([false, false, false, false, false, false, false]);
    expect(targets[0]!.detail).toBe('deep page: 80 ms');
    expect(targets[2]!.detail).toBe('deep page: 50%');
    expect(targets[5]!.detail).toBe('portal: 3');
  });

  it('leaves what was not measured open, and does not count writes as lists', () => {
    const write = read({ name: 'record touch', p95_ms: 99, baseline_p95_ms: null, ratio: null, rls_overhead: null });
    const targets = evaluateTargets([read(), write], []);
    expect(targets[0]!.pass).toBe(true);
    expect(targets.slice(4).map((t) => t.pass)).toEqual([null, null, null]);
  });
});
