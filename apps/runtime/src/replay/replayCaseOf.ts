import type { Actor, BusinessObjectSnapshot, ReplayCase, WorkItemSnapshot } from '@mandate/policy';
import type { ReplayCaseRecord } from '@mandate/store';

/** Resolves a user of a tenant to the actor the policy evaluates (a directory lookup), or undefined. */
export type ActorLookup = (userId: string, tenant: string) => Actor | undefined;

/**
 * A stored replay case as the policy's impact replay reads it, assembled as `policyContext`
 * assembles a live one. Open items get the actor `actorOf` resolves for their assignee, else
 * their owner; without one, only their priority and SLA are compared.
 */
export function replayCaseOf(record: ReplayCaseRecord, actorOf?: ActorLookup): ReplayCase {
  const { item: stored, businessObject: current, approvalRequest, decision } = record;
  const businessObject: BusinessObjectSnapshot = {
    ...(current?.snapshot as Partial<BusinessObjectSnapshot> | undefined),
    type: stored.businessObject.type,
    id: stored.businessObject.id,
    version: current?.version ?? stored.businessObject.version,
  };
  const revision = current ? current.revision : stored.businessObject.revision;
  if (revision !== undefined) businessObject.revision = revision;
  const item: WorkItemSnapshot = {
    id: stored.id,
    taskType: stored.taskType,
    state: stored.state as WorkItemSnapshot['state'],
    tenant: stored.tenantId,
    candidateGroups: stored.candidateGroups,
    escalationLevel: stored.escalationLevel,
    createdAt: stored.createdAt,
    businessObjectVersion: stored.businessObject.version,
  };
  if (stored.businessObject.revision !== undefined) item.businessObjectRevision = stored.businessObject.revision;
  if (stored.region) item.region = stored.region;
  if (stored.productFamily) item.productFamily = stored.productFamily;
  if (stored.assignee) item.assignee = stored.assignee;
  if (stored.owner) item.owner = stored.owner;
  if (stored.requestedBy) item.requestedBy = stored.requestedBy;
  if (stored.delegatedTo) item.delegatedTo = stored.delegatedTo;
  if (stored.dueAt) item.dueAt = stored.dueAt;
  if (stored.escalationGroup) item.escalationGroup = stored.escalationGroup;
  if (approvalRequest) item.forbiddenApprovers = approvalRequest.forbiddenApproverUserIds;
  if (stored.pendingApproval) item.pendingApproval = stored.pendingApproval;
  const out: ReplayCase = { item, pinnedDefinitions: stored.pinnedDefinitions, businessObject, evidence: stored.evidence };
  if (decision) {
    const command: NonNullable<ReplayCase['decision']>['command'] = { decision: decision.decision, expectedBusinessObjectVersion: decision.businessObjectVersion, form: decision.payload };
    if (decision.reasonCode !== undefined) command.reasonCode = decision.reasonCode;
    if (decision.comment !== undefined) command.comment = decision.comment;
    if (typeof decision.payload.acknowledged === 'boolean') command.acknowledged = decision.payload.acknowledged;
    out.decision = { id: decision.id, command, actor: decision.actor, decidedAt: decision.decidedAt };
  } else if (actorOf) {
    const who = stored.assignee ?? stored.owner;
    const actor = who === undefined ? undefined : actorOf(who, stored.tenantId);
    if (actor) out.actor = actor;
  }
  return out;
}
