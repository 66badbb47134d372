import { z } from 'zod';

export const LARGE_SLUG = 'scale-large';
export const LARGE_NAME = 'Scale Large Agency';
export const SMALL_SLUG_PREFIX = 'scale-small-';
/** Every slug the generator owns, and nothing else: `scale-large` and `scale-small-<n>`. */
export const SCALE_SLUG_SQL = `(slug = '${LARGE_SLUG}' or slug ~ '^${SMALL_SLUG_PREFIX}[0-9]+$')`;
/** Users on the agencies' own example domains. */
export const scaleEmailSql = (column: string) => `(${column} like '%@${LARGE_SLUG}.example' or ${column} ~ '@${SMALL_SLUG_PREFIX}[0-9]+\\.example$')`;

export const DEFAULTS = { orgs: 100, candidates: 100_000, touches: 1_000_000 } as const;
export const LIMITS = { orgs: 1_000, candidates: 2_000_000, touches: 20_000_000, touchesPerCandidate: 200 } as const;
export const DEFAULT_SEED = 20_260_101;

const whole = (name: string, min: number, max: number) =>
  z
    .number({ error: `--${name} must be a number` })
    .int(`--${name} must be a whole number`)
    .min(min, `--${name} must be at least ${min.toLocaleString('en')}`)
    .max(max, `--${name} must be at most ${max.toLocaleString('en')}`);

export const ZSeedScaleInput = z
  .object({
    orgs: whole('orgs', 0, LIMITS.orgs).default(DEFAULTS.orgs),
    candidates: whole('candidates', 1, LIMITS.candidates).default(DEFAULTS.candidates),
    touches: whole('touches', 1, LIMITS.touches).default(DEFAULTS.touches),
    reset: z.boolean().default(false),
    seed: whole('seed', 1, 1_000_000_000).default(DEFAULT_SEED),
    /** The time the data is built around; by default the start of the current hour (UTC). */
    now: z.date({ error: '--now must be a date' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.candidates >= 1 && v.touches > v.candidates * LIMITS.touchesPerCandidate) {
      ctx.addIssue({
        code: 'custom',
        path: ['touches'],
        message: `--touches must be at most ${LIMITS.touchesPerCandidate} per candidate (${(v.candidates * LIMITS.touchesPerCandidate).toLocaleString('en')} for ${v.candidates.toLocaleString('en')} candidates)`,
      });
    }
    if (v.now && v.now.getTime() > Date.now()) ctx.addIssue({ code: 'custom', path: ['now'], message: '--now cannot be in the future: touches record what already happened' });
  });
export type SeedScaleInput = z.input<typeof ZSeedScaleInput>;
export type SeedScaleOptions = z.output<typeof ZSeedScaleInput>;

export class SeedScaleError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_ARGUMENTS' | 'ALREADY_SEEDED',
  ) {
    super(message);
    this.name = 'SeedScaleError';
  }
}

export function validateOptions(input: SeedScaleInput): SeedScaleOptions {
  const parsed = ZSeedScaleInput.safeParse(input);
  if (!parsed.success) throw new SeedScaleError(parsed.error.issues.map((i) => i.message).join('\n'), 'BAD_ARGUMENTS');
  return parsed.data;
}

export const USAGE = `Usage: npm run seed:scale -- [--orgs N] [--candidates N] [--touches N] [--reset] [--seed N] [--now ISO-DATE]

  --orgs N         small agencies beside the large one (default ${DEFAULTS.orgs.toLocaleString('en')}, at most ${LIMITS.orgs.toLocaleString('en')})
  --candidates N   candidates in the large agency (default ${DEFAULTS.candidates.toLocaleString('en')})
  --touches N      touches in the large agency (default ${DEFAULTS.touches.toLocaleString('en')})
  --reset          delete the scale agencies (and their users) first, then generate again
  --seed N         another deterministic data set (default ${DEFAULT_SEED})
  --now DATE       build the data around this time instead of the start of the current hour`;

/** Command-line flags to options; numbers may be written 1_000_000 or 1,000,000. */
export function parseArgs(argv: readonly string[]): SeedScaleInput & { help?: boolean } {
  const out: SeedScaleInput & { help?: boolean } = {};
  const numeric = new Set(['orgs', 'candidates', 'touches', 'seed']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    if (arg === '--reset') {
      out.reset = true;
      continue;
    }
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!match || !name || !(numeric.has(name) || name === 'now')) {
      throw new SeedScaleError(`Unknown option "${arg}".\n\n${USAGE}`, 'BAD_ARGUMENTS');
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new SeedScaleError(`--${name} needs a value.\n\n${USAGE}`, 'BAD_ARGUMENTS');
    if (name === 'now') {
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) throw new SeedScaleError(`--now must be a date such as 2026-03-01T12:00:00Z (got "${value}")`, 'BAD_ARGUMENTS');
      out.now = date;
      continue;
    }
    if (!/^\d[\d_,]*$/.test(value)) throw new SeedScaleError(`--${name} must be a whole number (got "${value}")`, 'BAD_ARGUMENTS');
    (out as Record<string, number>)[name] = Number(value.replace(/[_,]/g, ''));
  }
  return out;
}
