import type { AuditFilter } from '@mandate/client';

/** The filter fields the audit form offers, in order. */
export const AUDIT_FILTER_FIELDS = ['workItemId', 'businessObjectType', 'businessObjectId', 'actor', 'from', 'to'] as const;

/** The audit filter of a URL: its route parameters first, then its query. */
export function auditFilterOf(route: { workItemId?: string; type?: string; id?: string }, query: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = query.get(field);
    if (value) filter[field] = value;
  }
  if (route.workItemId) filter.workItemId = route.workItemId;
  if (route.type && route.id) {
    filter.businessObjectType = route.type;
    filter.businessObjectId = route.id;
  }
  return filter;
}

/** Why the runtime would refuse a filter, before asking it, as the key of its words in the `audit` namespace: a business object type narrows an id, it is no filter alone. */
export function auditFilterProblem(filter: AuditFilter): 'problems.type-without-id' | 'problems.from-after-to' | undefined {
  if (filter.businessObjectType && !filter.businessObjectId) return 'problems.type-without-id';
  if (filter.from && filter.to && Date.parse(filter.from) > Date.parse(filter.to)) return 'problems.from-after-to';
  return undefined;
}

/** A `datetime-local` value as an ISO instant (the runtime's `from`/`to`), or it unchanged when it is not one. */
export function instantOf(local: string): string {
  const t = Date.parse(local);
  return Number.isNaN(t) ? local : new Date(t).toISOString();
}

/** An instant as a `datetime-local` input shows it (local time, to the minute), or it unchanged when it is not one. */
export function localInputOf(instant: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant;
  const d = new Date(t);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
