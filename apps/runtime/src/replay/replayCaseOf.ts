import type { Actor, ReplayCase } from '@mandate/policy';
import type { ReplayCaseRecord } from '@mandate/store';
import { businessObjectSnapshot, itemSnapshot } from '../workItems/policyContext.js';

/** Resolves a user of a tenant to the actor the policy evaluates (a directory lookup), or undefined. */
export type ActorLookup = (userId: string, tenant: string) => Actor | undefined;

/**
 * A stored replay case as the policy's impact replay reads it, assembled as `policyContext`
 * assembles a live one. Open items get the actor `actorOf` resolves for their assignee, else
 * their owner; without one, only their priority and SLA are compared.
 */
export function replayCaseOf(record: ReplayCaseRecord, actorOf?: ActorLookup): ReplayCase {
  const { item: stored, businessObject: current, approvalRequest, decision } = record;
  const businessObject = businessObjectSnapshot(stored, {
    snapshot: current?.snapshot ?? {},
    version: current?.version ?? stored.businessObject.version,
    revision: current ? current.revision : stored.businessObject.revision,
  });
  const item = itemSnapshot(stored, approvalRequest?.forbiddenApproverUserIds);
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
