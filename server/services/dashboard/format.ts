/** Human labels shared by the services, the CSV and the pages. No imports: safe in client bundles. */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "45 min", "3 h", "2 d": whole units, rounded down, so a reply due in 47 h 59 min never reads "48 h".
 * Hours run up to two days because reply targets are counted in hours.
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < MINUTE) return '<1 min';
  if (s < HOUR) return `${Math.floor(s / MINUTE)} min`;
  if (s < 2 * DAY) return `${Math.floor(s / HOUR)} h`;
  return `${Math.floor(s / DAY)} d`;
}

/** One line of text at most `max` characters, cut at a word when one is near. */
export function excerpt(text: string | null | undefined, max = 160): string | null {
  if (!text) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
