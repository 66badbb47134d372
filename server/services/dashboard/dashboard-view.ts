import type { Stage } from '@/db/schema';

/**
 * The dashboard's view as it lives in the URL: filters and sort, nothing else (pages come from a
 * cursor that resets whenever the view changes). Type-only imports, so client components use it too.
 */

export const DASHBOARD_SORTS = ['ended', 'latency', 'score', 'candidate'] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
export const FOLLOWED_UP_CHOICES = ['all', 'yes', 'no'] as const;
export type FollowedUpChoice = (typeof FOLLOWED_UP_CHOICES)[number];

/** Newest interviews, fastest follow-ups, highest scores first; names A to Z. */
export const DEFAULT_ORDER: Record<DashboardSort, SortOrder> = { ended: 'desc', latency: 'asc', score: 'desc', candidate: 'asc' };

export interface DashboardFilters {
  teamId?: string;
  jobId?: string;
  ownerId?: string;
  stage?: Stage;
  /** Calendar days (YYYY-MM-DD) in the agency's time zone, both inclusive, on the interview's end. */
  from?: string;
  to?: string;
  followedUp: FollowedUpChoice;
}

export interface DashboardView {
  filters: DashboardFilters;
  sort: DashboardSort;
  order: SortOrder;
}

/**
 * An export is built in memory inside one request; past this many rows it stops, and says so
 * (in the response headers, and on the dashboard before the download starts).
 */
export const EXPORT_ROW_LIMIT = 50_000;

/** Query string for a view, leaving defaults out so a plain dashboard keeps a plain URL. */
export function viewSearchParams(view: DashboardView): URLSearchParams {
  const params = new URLSearchParams();
  const { followedUp, ...rest } = view.filters;
  for (const key of ['teamId', 'jobId', 'ownerId', 'stage', 'from', 'to'] as const) {
    const value = rest[key];
    if (value) params.set(key, value);
  }
  if (followedUp !== 'all') params.set('followedUp', followedUp);
  if (view.sort !== 'ended') params.set('sort', view.sort);
  if (view.order !== DEFAULT_ORDER[view.sort]) params.set('order', view.order);
  return params;
}

export function hasFilters(filters: DashboardFilters): boolean {
  return Boolean(filters.teamId || filters.jobId || filters.ownerId || filters.stage || filters.from || filters.to || filters.followedUp !== 'all');
}
