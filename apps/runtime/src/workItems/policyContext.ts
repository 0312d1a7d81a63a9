import type { BusinessObjectSnapshot, PolicyContext } from '@mandate/policy';
import type { ApprovalRequestRecord, PendingApprovalRecord, WorkItemRecord } from '@mandate/store';
import type { Principal } from '../identity/Principal.js';

/** The business object as currently known: the facts the policy reads, its version and revision. */
export interface CurrentBusinessObject {
  snapshot: Record<string, unknown>;
  version: number;
  revision?: number | undefined;
}

/** The item fields the policy reads: a stored work item, or the item of an impact-replay case. */
export type PolicyItemFields = Pick<
  WorkItemRecord,
  'id' | 'taskType' | 'state' | 'tenantId' | 'candidateGroups' | 'escalationLevel' | 'createdAt' | 'businessObject' | 'region' | 'productFamily' | 'assignee' | 'owner' | 'requestedBy' | 'delegatedTo' | 'dueAt' | 'escalationGroup'
> & { pendingApproval?: Pick<PendingApprovalRecord, 'kind' | 'code' | 'requestedBy'> | undefined };

/** The business object as the policy sees it: the item's object at its current version. */
export function businessObjectSnapshot(item: Pick<PolicyItemFields, 'businessObject'>, current: CurrentBusinessObject): BusinessObjectSnapshot {
  const businessObject: BusinessObjectSnapshot = { ...(current.snapshot as Partial<BusinessObjectSnapshot>), type: item.businessObject.type, id: item.businessObject.id, version: current.version };
  if (current.revision !== undefined) businessObject.revision = current.revision;
  return businessObject;
}

/** The item as the policy sees it. Built for every item of a worklist page, so optional fields are assigned, not spread in. */
export function itemSnapshot(item: PolicyItemFields, forbiddenApprovers?: string[]): PolicyContext['item'] {
  const snapshot: PolicyContext['item'] = {
    id: item.id,
    taskType: item.taskType,
    state: item.state as PolicyContext['item']['state'],
    tenant: item.tenantId,
    candidateGroups: item.candidateGroups,
    escalationLevel: item.escalationLevel,
    createdAt: item.createdAt,
    businessObjectVersion: item.businessObject.version,
  };
  if (item.businessObject.revision !== undefined) snapshot.businessObjectRevision = item.businessObject.revision;
  if (item.region) snapshot.region = item.region;
  if (item.productFamily) snapshot.productFamily = item.productFamily;
  if (item.assignee) snapshot.assignee = item.assignee;
  if (item.owner) snapshot.owner = item.owner;
  if (item.requestedBy) snapshot.requestedBy = item.requestedBy;
  if (item.delegatedTo) snapshot.delegatedTo = item.delegatedTo;
  if (item.dueAt) snapshot.dueAt = item.dueAt;
  if (item.escalationGroup) snapshot.escalationGroup = item.escalationGroup;
  if (forbiddenApprovers) snapshot.forbiddenApprovers = forbiddenApprovers;
  if (item.pendingApproval) snapshot.pendingApproval = { kind: item.pendingApproval.kind, code: item.pendingApproval.code, requestedBy: item.pendingApproval.requestedBy };
  return snapshot;
}

/** The policy's view of one actor, one item and its business object at one instant. */
export function policyContext(principal: Principal, item: WorkItemRecord, current: CurrentBusinessObject, now: string, approval?: ApprovalRequestRecord): PolicyContext {
  const actor: PolicyContext['actor'] = { id: principal.id, roles: principal.roles, groups: principal.groups, tenant: principal.tenant };
  if (principal.region) actor.region = principal.region;
  return { actor, now, evidence: item.evidence, businessObject: businessObjectSnapshot(item, current), item: itemSnapshot(item, approval?.forbiddenApproverUserIds) };
}
