import { LARGE_NAME, LARGE_SLUG, SMALL_SLUG_PREFIX, type SeedScaleOptions } from './options';

/** One agency to generate: its size and settings. Index 0 is the large agency. */
export interface AgencySpec {
  idx: number;
  slug: string;
  name: string;
  candidates: number;
  touches: number;
  jobs: number;
  teams: number;
  admins: number;
  recruiters: number;
  viewers: number;
  window_days: number;
  reply_hours: number;
  time_zone: string;
}

/** mulberry32: a tiny seeded PRNG, so the small agencies' sizes are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'Europe/Dublin', 'Asia/Singapore', 'Australia/Sydney', 'UTC'];
const WINDOWS = [7, 7, 7, 5, 10, 14];
const TARGETS = [48, 48, 24, 72];

export function planAgencies(options: SeedScaleOptions): AgencySpec[] {
  const rand = mulberry32(options.seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const large: AgencySpec = {
    idx: 0,
    slug: LARGE_SLUG,
    name: LARGE_NAME,
    candidates: options.candidates,
    touches: options.touches,
    // About one open role per hundred candidates, as in a busy agency.
    jobs: Math.min(1_000, Math.max(5, Math.round(options.candidates / 100))),
    teams: 8,
    admins: 5,
    recruiters: 40,
    viewers: 8,
    window_days: 7,
    reply_hours: 48,
    time_zone: 'Europe/London',
  };
  const small = Array.from({ length: options.orgs }, (_, i): AgencySpec => {
    const candidates = between(150, 450);
    const teams = between(2, 3);
    return {
      idx: i + 1,
      slug: `${SMALL_SLUG_PREFIX}${i + 1}`,
      name: `Scale Small Agency ${i + 1}`,
      candidates,
      touches: candidates * between(8, 14),
      jobs: between(8, 30),
      teams,
      admins: between(1, 2),
      recruiters: between(teams, 6),
      viewers: between(0, 2),
      window_days: WINDOWS[i % WINDOWS.length]!,
      reply_hours: TARGETS[i % TARGETS.length]!,
      time_zone: ZONES[i % ZONES.length]!,
    };
  });
  return [large, ...small];
}
