/**
 * The audit log's filters as they live in the URL (?action=&person=&from=&to=). No imports: the
 * server page parses them and the client component writes them back.
 */

export interface AuditFilters {
  action?: string;
  /** The member who acted (the URL calls it `person`). */
  actorUserId?: string;
  /** Calendar days (YYYY-MM-DD) in the agency's time zone, both inclusive. */
  from?: string;
  to?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(value: string): boolean {
  return DAY.test(value) && value >= '1900-01-01' && value <= '2999-12-31' && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/**
 * The filters a shared URL asks for. Lenient: a value that does not parse (an old link, a hand
 * edit) is dropped rather than breaking the page; the procedure validates strictly.
 */
export function parseAuditFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  const first = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  const filters: AuditFilters = {};
  const action = first('action');
  if (action && action.length <= 100) filters.action = action;
  const person = first('person');
  if (UUID.test(person)) filters.actorUserId = person.toLowerCase();
  const from = first('from');
  const to = first('to');
  if (isDay(from)) filters.from = from;
  if (isDay(to)) filters.to = to;
  if (filters.from && filters.to && filters.from > filters.to) {
    delete filters.from;
    delete filters.to;
  }
  return filters;
}

export function auditSearchParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.actorUserId) params.set('person', filters.actorUserId);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  return params;
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return Boolean(filters.action || filters.actorUserId || filters.from || filters.to);
}
