/**
 * The audit trail as server state: the filtered timeline (paged by `after`), an item's history
 * and the chain verification. Every command appends to the trail, so commands invalidate
 * {@link auditKeys.all}.
 */
import type { AuditFilter, MandateClient } from '@mandate/client';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useSession } from '../session/SessionContext.js';

/** Events per timeline page. */
export const AUDIT_PAGE_SIZE = 200;

/** The query keys of the audit trail. */
export const auditKeys = {
  all: ['audit'] as const,
  timeline: (filter: AuditFilter) => ['audit', 'timeline', filter] as const,
  itemHistory: (workItemId: string) => ['audit', 'item-history', workItemId] as const,
  verification: () => ['audit', 'verification'] as const,
};

/** The events of a filter in chain order, {@link AUDIT_PAGE_SIZE} a page. */
export function auditTimelineQuery(client: MandateClient, filter: AuditFilter) {
  return infiniteQueryOptions({
    queryKey: auditKeys.timeline(filter),
    queryFn: ({ pageParam }) => client.audit({ ...filter, limit: AUDIT_PAGE_SIZE, ...(pageParam === undefined ? {} : { after: pageParam }) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextAfter,
  });
}

/** Every event of one work item. */
export function itemHistoryQuery(client: MandateClient, workItemId: string) {
  return queryOptions({ queryKey: auditKeys.itemHistory(workItemId), queryFn: async () => (await client.audit({ workItemId })).events });
}

/** The hash chain's verification. */
export function auditVerificationQuery(client: MandateClient) {
  return queryOptions({ queryKey: auditKeys.verification(), queryFn: () => client.verifyAudit() });
}

/** The audit timeline of `filter`; nothing is asked while `enabled` is false (a filter the runtime would refuse). */
export function useAuditTimeline(filter: AuditFilter, enabled: boolean) {
  const { client } = useSession();
  return useInfiniteQuery({ ...auditTimelineQuery(client, filter), enabled });
}

/** The history of a work item. */
export function useItemHistory(workItemId: string) {
  const { client } = useSession();
  return useQuery(itemHistoryQuery(client, workItemId));
}

/** The verification of the caller's tenant's hash chain. */
export function useAuditVerification() {
  const { client } = useSession();
  return useQuery(auditVerificationQuery(client));
}
