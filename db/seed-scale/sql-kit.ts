// Deterministic SQL building blocks. Every random choice is a hash of (seed, stream, agency, ordinal),
// so a row's values depend on nothing but its own key: statements stay set-based (no lookups
// between rows) and two runs with the same seed and time anchor write the same data.

/** Streams of pseudo-random numbers; each decision draws from its own so changing one leaves the rest. */
export const STREAM = {
  orgName: 1,
  userFirst: 2,
  userLast: 3,
  jobTeam: 4,
  jobTitle: 5,
  jobCompany: 6,
  jobAge: 7,
  jobStatus: 8,
  first: 10,
  last: 11,
  domain: 12,
  phone: 13,
  owner: 14,
  recruiter: 15,
  team: 16,
  when: 17,
  archived: 18,
  apps: 19,
  profile: 20,
  tags: 21,
  tag2: 22,
  source: 23,
  createdLead: 24,
  job1: 30,
  job2: 31,
  secondGap: 32,
  rounds: 33,
  roundGap: 34,
  stage: 35,
  appLead: 36,
  endHour: 40,
  endQuarter: 41,
  interviewKind: 42,
  panelSize: 43,
  panelStart: 44,
  deviate: 45,
  deviateTo: 46,
  span: 47,
  weight: 48,
  pending: 50,
  pendingAge: 51,
  pendingCap: 52,
  pendingBody: 53,
  kind: 60,
  lead: 61,
  preInterview: 62,
  jitter: 63,
  answered: 64,
  answerHow: 65,
  delay: 66,
  body: 67,
  recorded: 68,
} as const;
export type Stream = keyof typeof STREAM;

export class SqlKit {
  constructor(readonly seed: number) {}

  /** A 64-bit key unique per agency and ordinal. */
  key(org: string, n: string): string {
    return `((${org})::int8 * 4294967296 + (${n})::int8)`;
  }

  /**
   * A uniform number in [0, 1). hashint8extended is Postgres's own portable hash (hash partitioning
   * relies on it), so the same key gives the same number on Postgres 15 and on PGlite.
   */
  rnd(key: string, stream: Stream): string {
    return `((hashint8extended(${key}, ${this.seed * 1000 + STREAM[stream]}) & 1073741823)::float8 / 1073741824)`;
  }

  /** A whole number in [lo, hi]. */
  int(key: string, stream: Stream, lo: string | number, hi: string | number): string {
    return `((${lo}) + floor(${this.rnd(key, stream)} * ((${hi}) - (${lo}) + 1))::int)`;
  }

  /**
   * A valid version-4-shaped uuid from an md5: input validators (zod's z.uuid()) check the version
   * and variant nibbles, so the benchmark can pass these ids to the API.
   */
  uid(tag: string, ...parts: string[]): string {
    return `overlay(overlay(md5('${this.seed}:${tag}' || ${parts.map((p) => `':' || (${p})`).join(' || ')}) placing '4' from 13) placing '8' from 17)::uuid`;
  }
}

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function textArray(items: readonly string[]): string {
  return `(array[${items.map(literal).join(', ')}]::text[])`;
}

/** One element of `items`, chosen by a number in [0, 1). */
export function pick(items: readonly string[], unit: string): string {
  return `${textArray(items)}[1 + floor((${unit}) * ${items.length})::int]`;
}

/** `case when u < p1 then v1 when u < p1 + p2 then v2 … else vn end` for weighted choices. */
export function weighted(unit: string, choices: readonly (readonly [string | number, number])[]): string {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let cumulative = 0;
  const arms = choices.slice(0, -1).map(([value, w]) => {
    cumulative += w / total;
    return `when ${unit} < ${cumulative.toFixed(6)} then ${value}`;
  });
  return `(case ${arms.join(' ')} else ${choices.at(-1)![0]} end)`;
}

export function ts(date: Date): string {
  return `'${date.toISOString()}'::timestamptz`;
}
