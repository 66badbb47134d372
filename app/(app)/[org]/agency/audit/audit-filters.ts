/**
 * The audit log's filters as they live in the URL (?action=&person=&from=&to=). No imports but the
 * shared range helpers: the server page parses them and the client component writes them back.
 */
import { appendDays, firstParam, parseDays, type DateRange, type SearchParams } from '../_shared/date-range';

export interface AuditFilters extends DateRange {
  action?: string;
  /** The member who acted (the URL calls it `person`). */
  actorUserId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The filters a shared URL asks for. Lenient: a value that does not parse (an old link, a hand
 * edit) is dropped rather than breaking the page; the procedure validates strictly.
 */
export function parseAuditFilters(params: SearchParams): AuditFilters {
  const filters: AuditFilters = {};
  const action = firstParam(params, 'action');
  if (action && action.length <= 100) filters.action = action;
  const person = firstParam(params, 'person');
  if (UUID.test(person)) filters.actorUserId = person.toLowerCase();
  Object.assign(filters, parseDays(params));
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
  return appendDays(params, filters);
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return Boolean(filters.action || filters.actorUserId || filters.from || filters.to);
}
