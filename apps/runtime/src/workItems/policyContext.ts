import type { BusinessObjectSnapshot, PolicyContext } from '@mandate/policy';
import type { ApprovalRequestRecord, WorkItemRecord } from '@mandate/store';
import type { Principal } from '../identity/Principal.js';

/** The business object as currently known: the facts the policy reads, its version and revision. */
export interface CurrentBusinessObject {
  snapshot: Record<string, unknown>;
  version: number;
  revision?: number | undefined;
}

/** The policy's view of one actor, one item and its business object at one instant. */
export function policyContext(principal: Principal, item: WorkItemRecord, current: CurrentBusinessObject, now: string, approval?: ApprovalRequestRecord): PolicyContext {
  const businessObject: BusinessObjectSnapshot = { ...(current.snapshot as Partial<BusinessObjectSnapshot>), type: item.businessObject.type, id: item.businessObject.id, version: current.version };
  if (current.revision !== undefined) businessObject.revision = current.revision;
  return {
    actor: { id: principal.id, roles: principal.roles, groups: principal.groups, tenant: principal.tenant, ...(principal.region ? { region: principal.region } : {}) },
    now,
    evidence: item.evidence,
    businessObject,
    item: {
      id: item.id,
      taskType: item.taskType,
      state: item.state as PolicyContext['item']['state'],
      tenant: item.tenantId,
      candidateGroups: item.candidateGroups,
      escalationLevel: item.escalationLevel,
      createdAt: item.createdAt,
      businessObjectVersion: item.businessObject.version,
      ...(item.businessObject.revision !== undefined ? { businessObjectRevision: item.businessObject.revision } : {}),
      ...(item.region ? { region: item.region } : {}),
      ...(item.productFamily ? { productFamily: item.productFamily } : {}),
      ...(item.assignee ? { assignee: item.assignee } : {}),
      ...(item.owner ? { owner: item.owner } : {}),
      ...(item.requestedBy ? { requestedBy: item.requestedBy } : {}),
      ...(item.delegatedTo ? { delegatedTo: item.delegatedTo } : {}),
      ...(item.dueAt ? { dueAt: item.dueAt } : {}),
      ...(item.escalationGroup ? { escalationGroup: item.escalationGroup } : {}),
      ...(approval ? { forbiddenApprovers: approval.forbiddenApproverUserIds } : {}),
      ...(item.pendingApproval ? { pendingApproval: { kind: item.pendingApproval.kind, code: item.pendingApproval.code, requestedBy: item.pendingApproval.requestedBy } } : {}),
    },
  };
}
