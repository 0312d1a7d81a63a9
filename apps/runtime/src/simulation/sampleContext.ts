/**
 * A sample item entered as facts, in the shape the policy reads a stored one: the item's fields,
 * its business object and its evidence, with the defaults a creation would give (the task type's
 * candidate groups and business object type, available, created now) and the forbidden approvers
 * a creation would record for an approval.
 */
import type { SimulateDefinition } from '@mandate/contract';
import type { TaskType } from '@mandate/definitions';
import type { PolicyContext } from '@mandate/policy';
import { UnprocessableError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import { principalIdInput } from '../identity/principalIdInput.js';
import { businessObjectSnapshot, itemSnapshot, type PolicyItemFields } from '../workItems/policyContext.js';

/** The sample of a simulation request. */
export type Sample = NonNullable<SimulateDefinition['sample']>;

/** The id a sample item carries (it is never stored). */
export const SAMPLE_ITEM_ID = 'sample';

/** The sample's business object reference, with the task type's defaults. */
export function sampleBusinessObject(sample: Sample, taskType: TaskType): { type: string; id: string } {
  const type = sample.businessObject?.type ?? taskType.businessObjectType;
  if (type !== taskType.businessObjectType) throw new UnprocessableError('BUSINESS_OBJECT_TYPE_MISMATCH', `${taskType.id}@${taskType.version} decides on ${taskType.businessObjectType}, not ${type}`);
  return { type, id: sample.businessObject?.id ?? 'SAMPLE' };
}

/** The policy's context of the sample under one side's task type, for `actor`, at `now`. */
export function sampleContext(actor: Principal, sample: Sample, taskType: TaskType, now: string): PolicyContext {
  const person = (value: string | undefined, field: string) => (value === undefined ? undefined : principalIdInput(value, `sample.${field}`));
  const bo = sampleBusinessObject(sample, taskType);
  const version = sample.businessObject?.version ?? 1;
  const revision = sample.businessObject?.revision;
  const snapshot = sample.businessObject?.snapshot ?? {};
  const requestedBy = person(sample.requestedBy, 'requestedBy');
  const fields: PolicyItemFields = {
    id: SAMPLE_ITEM_ID,
    taskType: taskType.id,
    state: sample.state ?? 'available',
    tenantId: actor.tenant,
    candidateGroups: sample.candidateGroups ? [...sample.candidateGroups] : taskType.candidateGroups,
    escalationLevel: sample.escalationLevel ?? 0,
    createdAt: sample.createdAt !== undefined ? new Date(sample.createdAt).toISOString() : now,
    businessObject: { ...bo, version, ...(revision !== undefined ? { revision } : {}) },
    region: sample.region,
    productFamily: sample.productFamily,
    assignee: person(sample.assignee, 'assignee'),
    owner: person(sample.owner, 'owner'),
    requestedBy,
    delegatedTo: person(sample.delegatedTo, 'delegatedTo'),
  };
  // As a creation records them on the approval request.
  const forbidden = new Set<string>();
  if (taskType.category === 'approval') {
    if (taskType.fourEyes.forbidRequester && requestedBy) forbidden.add(requestedBy);
    const ownerId = typeof snapshot.ownerId === 'string' ? person(snapshot.ownerId, 'businessObject.snapshot.ownerId') : undefined;
    if (taskType.fourEyes.forbidBusinessObjectOwner && ownerId) forbidden.add(ownerId);
  }
  const actorOf: PolicyContext['actor'] = { id: actor.id, roles: actor.roles, groups: actor.groups, tenant: actor.tenant, ...(actor.region ? { region: actor.region } : {}) };
  return {
    actor: actorOf,
    now,
    evidence: sample.evidence,
    businessObject: businessObjectSnapshot(fields, { snapshot, version, revision }),
    item: itemSnapshot(fields, taskType.category === 'approval' ? [...forbidden].sort() : undefined),
  };
}
