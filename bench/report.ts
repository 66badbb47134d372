import type { LoadResult } from './http';
import type { SeqScanFinding } from './sql';

/** results.json (the shape issue #8 fixes, plus machine, time and targets) and its markdown table. */

export interface CaseResult {
  name: string;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  baseline_p95_ms: number | null;
  ratio: number | null;
  rls_overhead: number | null;
  seq_scan: boolean;
}

export interface Frontend {
  portal_js_gzip_bytes: number;
  dashboard_js_gzip_bytes: number;
  /** Next's inline RSC payload scripts on the dashboard page, not counted above. */
  dashboard_inline_script_gzip_bytes: number;
}

export interface Target {
  name: string;
  /** null when the run did not measure it (e.g. --skip-http). */
  pass: boolean | null;
  detail: string;
}

export interface Results {
  scale: { candidates: number; touches: number };
  cases: CaseResult[];
  load: LoadResult[];
  frontend?: Frontend;
  machine: { cpu: string; cores: number; memory_gb: number; postgres: string; node: string };
  measured_at: string;
  targets: Target[];
}

export const RECORD_TOUCH_LOAD = 'record touch (sustained)';

export const LIMITS = { listP95Ms: 50, ratio: 1.5, rlsOverhead: 0.2, touchesPerSecond: 500, portalJsBytes: 60 * 1024 };

function check(name: string, failing: string[], measured: boolean, passDetail: string): Target {
  if (!measured) return { name, pass: null, detail: 'not measured' };
  return { name, pass: failing.length === 0, detail: failing.length === 0 ? passDetail : failing.join('; ') };
}

/** Read cases are the ones with a raw-SQL baseline; they are the lists the latency target names. */
export function evaluateTargets(cases: readonly CaseResult[], load: readonly LoadResult[], frontend?: Frontend): Target[] {
  const reads = cases.filter((c) => c.baseline_p95_ms !== null);
  const touch = load.find((l) => l.name === RECORD_TOUCH_LOAD);
  const http = load.filter((l) => l !== touch);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return [
    check(`list p95 < ${LIMITS.listP95Ms} ms`, reads.filter((c) => c.p95_ms >= LIMITS.listP95Ms).map((c) => `${c.name}: ${c.p95_ms} ms`), reads.length > 0, 'all lists'),
    check(`app / raw SQL ≤ ${LIMITS.ratio}`, reads.filter((c) => c.ratio! > LIMITS.ratio).map((c) => `${c.name}: ${c.ratio}`), reads.length > 0, 'all reads'),
    check(
      `RLS overhead ≤ ${pct(LIMITS.rlsOverhead)}`,
      reads.filter((c) => c.rls_overhead !== null && c.rls_overhead > LIMITS.rlsOverhead).map((c) => `${c.name}: ${pct(c.rls_overhead!)}`),
      reads.length > 0,
      'all lists',
    ),
    check('no seq scan on a tenant table', cases.filter((c) => c.seq_scan).map((c) => c.name), cases.length > 0, 'none'),
    check(
      `record touch ≥ ${LIMITS.touchesPerSecond}/s`,
      touch && touch.rps < LIMITS.touchesPerSecond ? [`${touch.rps}/s`] : [],
      Boolean(touch),
      `${touch?.rps}/s`,
    ),
    check('zero errors under load', http.filter((l) => l.errors > 0).map((l) => `${l.name}: ${l.errors}`), http.length > 0, 'none'),
    check(
      `portal JS < ${LIMITS.portalJsBytes / 1024} KB gzip`,
      frontend && frontend.portal_js_gzip_bytes >= LIMITS.portalJsBytes ? [`${frontend.portal_js_gzip_bytes} bytes`] : [],
      Boolean(frontend),
      `${frontend?.portal_js_gzip_bytes} bytes`,
    ),
  ];
}

const cell = (v: number | null | undefined, unit = '') => (v === null || v === undefined ? '–' : `${v}${unit}`);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function markdownTables(r: Results): string {
  const lines = [
    row(['Case', 'p50 ms', 'p95 ms', 'p99 ms', 'raw SQL p95 ms', 'app / raw', 'RLS overhead', 'seq scan']),
    row(['---', '--:', '--:', '--:', '--:', '--:', '--:', ':-:']),
    ...r.cases.map((c) =>
      row([
        c.name,
        c.p50_ms,
        c.p95_ms,
        c.p99_ms,
        cell(c.baseline_p95_ms),
        cell(c.ratio),
        c.rls_overhead === null ? '–' : `${Math.round(c.rls_overhead * 100)}%`,
        c.seq_scan ? 'yes' : 'no',
      ]),
    ),
  ];
  if (r.load.length > 0) {
    lines.push('', row(['Load', 'req/s', 'p99 ms', 'errors']), row(['---', '--:', '--:', '--:']));
    lines.push(...r.load.map((l) => row([l.name, l.rps, l.p99_ms, l.errors])));
  }
  if (r.frontend) {
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
    lines.push('', row(['Front end (gzip)', 'JavaScript']), row(['---', '--:']));
    lines.push(row(['candidate portal', kb(r.frontend.portal_js_gzip_bytes)]));
    lines.push(row(['dashboard', `${kb(r.frontend.dashboard_js_gzip_bytes)} (+ ${kb(r.frontend.dashboard_inline_script_gzip_bytes)} inline RSC payload)`]));
  }
  lines.push('', row(['Target', 'met', 'detail']), row(['---', ':-:', '---']));
  lines.push(...r.targets.map((t) => row([t.name, t.pass === null ? '–' : t.pass ? 'yes' : 'no', t.detail])));
  return lines.join('\n');
}

export function resultsMarkdown(
  r: Results,
  command: string,
  notes: readonly string[],
  scans: readonly (SeqScanFinding & { case: string })[],
  seqScanMinRows: number,
): string {
  const m = r.machine;
  return [
    '# Benchmark results',
    '',
    `Measured ${r.measured_at} on ${m.cpu} (${m.cores} cores, ${m.memory_gb} GB), PostgreSQL ${m.postgres}, Node ${m.node}, ` +
      `against an agency with ${r.scale.candidates.toLocaleString('en')} candidates and ${r.scale.touches.toLocaleString('en')} touches.`,
    '',
    'Reproduce on a fresh database (`DATABASE_URL` set, after `npm run build`):',
    '',
    '```sh',
    command,
    '```',
    '',
    'Times are milliseconds per call, after a warm-up. "raw SQL" sends the statements the app sent, with postgres.js and nothing',
    'else; "RLS overhead" compares those statements as the tenant role and as the table owner. `bench/results.json` has the same figures.',
    '',
    markdownTables(r),
    '',
    '## What each case does',
    '',
    ...notes.map((n) => `- ${n}`),
    ...(scans.length > 0
      ? [
          '',
          '## Sequential scans on tenant tables',
          '',
          `From EXPLAIN as the tenant role. Scans of tables under ${seqScanMinRows.toLocaleString('en')} rows, which Postgres rightly reads whole, are listed but not counted.`,
          '',
          ...scans.map((s) => {
            const small = s.tableRows < seqScanMinRows ? ' (small table, not counted)' : '';
            return `- ${s.case}: \`${s.table}\`, ${Math.round(s.tableRows).toLocaleString('en')} rows${small}, in \`${s.statement.slice(0, 300)}…\``;
          }),
        ]
      : []),
    '',
  ].join('\n');
}
