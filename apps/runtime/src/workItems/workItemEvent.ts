import type { AuditEventInput, WorkItemRecord } from '@mandate/store';

/** The audit event of something that happened to a work item: in the item's tenant chain, under its business object. */
export function workItemEvent(item: Pick<WorkItemRecord, 'id' | 'tenantId' | 'businessObject'>, event: Pick<AuditEventInput, 'eventType' | 'actor' | 'payload' | 'occurredAt'>): AuditEventInput {
  return { tenantId: item.tenantId, workItemId: item.id, businessObject: { type: item.businessObject.type, id: item.businessObject.id }, ...event };
}
