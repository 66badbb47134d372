/**
 * The candidate list's filters as they live in the URL (?q=&team=&archived=1), and the exact
 * `candidate.list` input they make. The server page prefetches with the same input the client
 * queries with, so the first render needs no round trip.
 */

export interface CandidateFilters {
  q: string;
  teamId: string;
  archived: boolean;
}

export const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export function filtersFromSearchParams(sp: SearchParams): CandidateFilters {
  const team = first(sp.team);
  return {
    q: first(sp.q).slice(0, 100),
    teamId: UUID.test(team) ? team.toLowerCase() : '',
    archived: first(sp.archived) === '1',
  };
}

export function filtersToSearch(f: CandidateFilters): string {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set('q', f.q.trim());
  if (f.teamId) params.set('team', f.teamId);
  if (f.archived) params.set('archived', '1');
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function candidateListInput(orgSlug: string, f: CandidateFilters) {
  const q = f.q.trim();
  return {
    orgSlug,
    ...(q ? { query: q } : {}),
    ...(f.teamId ? { teamId: f.teamId } : {}),
    includeArchived: f.archived,
    limit: PAGE_SIZE,
  };
}
