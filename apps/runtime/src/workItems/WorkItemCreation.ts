/**
 * What creating a work item decides and writes, for a creation and for the renewal a business
 * event requests alike: the task type in effect (or the published version named), candidate
 * groups, evidence, SLA and priority, all before anything is written; then the item, its business
 * object's version, its approval request and its audit event in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { priority, sla } from '@mandate/policy';
import type { Stores, StoreTransaction, WorkItemRecord } from '@mandate/store';
import { callerKey } from '@mandate/workflow';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { NotAllowedError, UnprocessableError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import { actsForOthers, SERVICE_ROLE } from '../identity/actsForOthers.js';
import { evidenceValue } from './evidenceValue.js';
import { EvidenceValidator } from './evidenceValidator.js';
import { policyContext } from './policyContext.js';
import type { CreateWorkItem } from './types.js';

/** A creation decided and not written yet: `write` writes it in the caller's transaction. */
export interface PlannedCreation {
  id: string;
  taskType: string;
  write: (tx: StoreTransaction) => Promise<void>;
}

/** Plans creations of work items (see the module comment). */
export class WorkItemCreation {
  private readonly evidence = new EvidenceValidator();

  constructor(
    private readonly stores: Pick<Stores, 'businessObjects' | 'workItems' | 'approvals' | 'audit'>,
    private readonly registry: DefinitionRegistry,
    private readonly clock: () => Date,
  ) {}

  /**
   * Everything a creation decides before it writes: the task type in effect, the evidence checked,
   * SLA and priority evaluated. Throws (422) before anything is written; `write` then inserts the
   * item, its approval request and its audit event in the caller's transaction.
   */
  async plan(principal: Principal, input: CreateWorkItem): Promise<PlannedCreation> {
    // The version in effect at creation; a store-backed registry re-reads the version list when it is stale.
    await this.registry.refreshIfStale();
    const taskType = this.registry.publishedTaskType(input.taskType, input.taskTypeVersion, this.clock());
    if (!taskType) throw new UnprocessableError('UNKNOWN_TASK_TYPE', `no published task type ${input.taskType}${input.taskTypeVersion !== undefined ? `@${input.taskTypeVersion}` : ''}`);
    const ref = `${taskType.id}@${taskType.version}`;
    const candidateGroups = candidateGroupsOf(principal, taskType, input.candidateGroups);
    this.evidence.assertValid(taskType, input.evidence);
    if (input.businessObject.type !== taskType.businessObjectType) {
      throw new UnprocessableError('BUSINESS_OBJECT_TYPE_MISMATCH', `${ref} decides on ${taskType.businessObjectType}, not ${input.businessObject.type}`);
    }
    const key = input.callerRef ? callerKey(input.callerRef) : undefined;
    const now = this.clock().toISOString();
    const policy = this.registry.policy(ref);
    const bo = input.businessObject;
    const requestedBy = input.requestedBy ?? principal.id;
    const draft: WorkItemRecord = {
      id: randomUUID(),
      tenantId: principal.tenant,
      taskType: taskType.id,
      taskTypeVersion: taskType.version,
      pinnedDefinitions: this.registry.pinnedRefs(ref),
      state: 'available',
      title: input.title ?? `${taskType.title}: ${bo.type} ${bo.id}`,
      businessObject: { type: bo.type, id: bo.id, version: bo.version, ...(bo.revision !== undefined ? { revision: bo.revision } : {}) },
      requestedBy,
      candidateGroups,
      priority: 0,
      priorityReasons: [],
      escalationLevel: 0,
      evidence: input.evidence,
      rowVersion: 1,
      createdAt: now,
      updatedAt: now,
      ...(input.region ? { region: input.region } : {}),
      ...(input.productFamily ? { productFamily: input.productFamily } : {}),
      ...(input.expiresAt ? { expiresAt: new Date(input.expiresAt).toISOString() } : {}),
      ...(input.callerRef && key ? { callerRef: { ...input.callerRef }, callerKey: key } : {}),
    };
    // SLA and priority are decided at creation, on the item as created.
    const current = { snapshot: bo.snapshot ?? {}, version: bo.version, revision: bo.revision };
    const ctx = policyContext(principal, draft, current, now);
    const terms = await sla(policy, ctx);
    const withDue = { ...draft, dueAt: terms.dueAt, slaWarnAt: terms.warnAt, slaEscalateAt: terms.escalateAt, escalationGroup: terms.terms.escalationGroup };
    const score = await priority(policy, policyContext(principal, withDue, current, now));
    const record = { ...withDue, priority: score.priorityScore, priorityReasons: score.reasons };
    const write = async (tx: StoreTransaction) => {
      await this.stores.businessObjects.record(tx, knownVersion(principal.tenant, bo), now);
      const { rowVersion: _r, createdAt: _c, updatedAt: _u, ...insertable } = record;
      await this.stores.workItems.create(tx, insertable, now);
      if (taskType.category === 'approval') {
        // The approval request records who asked, the authority needed and who may not approve.
        const ownerId = typeof bo.snapshot?.ownerId === 'string' ? bo.snapshot.ownerId : undefined;
        const forbidden = new Set<string>();
        if (taskType.fourEyes.forbidRequester) forbidden.add(requestedBy);
        if (taskType.fourEyes.forbidBusinessObjectOwner && ownerId) forbidden.add(ownerId);
        const amount = taskType.authority ? evidenceValue(input.evidence, taskType.authority.evidencePath) : undefined;
        await this.stores.approvals.insert(tx, {
          workItemId: record.id,
          requestedBy,
          requestedAt: now,
          requiredAuthority: { ...(taskType.authority ? { measure: taskType.authority.measure } : {}), ...(typeof amount === 'number' ? { amount } : {}) },
          forbiddenApproverUserIds: [...forbidden].sort(),
          forbiddenApproverRoleCodes: taskType.fourEyes.forbiddenRoles ?? [],
        });
      }
      await this.stores.audit.append(tx, { tenantId: principal.tenant, eventType: 'TaskCreated', workItemId: record.id, businessObject: { type: bo.type, id: bo.id }, actor: principal.id, payload: { taskType: ref, pinnedDefinitions: record.pinnedDefinitions, priority: score, sla: { dueAt: terms.dueAt, warnAt: terms.warnAt, escalateAt: terms.escalateAt, appliedRule: terms.appliedRule }, ...(record.callerRef ? { callerRef: record.callerRef } : {}) }, occurredAt: now });
    };
    return { id: record.id, taskType: taskType.id, write };
  }
}

/** The latest known version of a business object, as a creation or an event tells it (`business_object`). */
export function knownVersion(tenantId: string, bo: CreateWorkItem['businessObject']) {
  return { tenantId, type: bo.type, id: bo.id, version: bo.version, ...(bo.revision !== undefined ? { revision: bo.revision } : {}), snapshot: bo.snapshot ?? {} };
}

/**
 * Who may decide comes from the task type: a service (or a workflow binding, through the runtime's
 * own principal) may narrow its candidate groups, nobody may widen them, and a person names none.
 */
function candidateGroupsOf(principal: Principal, taskType: { id: string; version: number; candidateGroups: string[] }, given: string[] | undefined): string[] {
  if (given === undefined) return taskType.candidateGroups;
  const ref = `${taskType.id}@${taskType.version}`;
  if (!actsForOthers(principal)) {
    throw new NotAllowedError('CANDIDATE_GROUPS_NOT_ALLOWED', `candidate groups come from ${ref} (${taskType.candidateGroups.join(', ')}); only a service (role ${SERVICE_ROLE}) may narrow them; leave candidateGroups out`);
  }
  const outside = given.filter((g) => !taskType.candidateGroups.includes(g));
  if (given.length === 0 || outside.length > 0) {
    throw new NotAllowedError('CANDIDATE_GROUPS_NOT_ALLOWED', `candidateGroups may only narrow ${ref}'s (${taskType.candidateGroups.join(', ')})${outside.length ? `; not among them: ${outside.join(', ')}` : '; name at least one'}`, { allowed: taskType.candidateGroups, ...(outside.length ? { outside } : {}) });
  }
  return [...new Set(given)];
}
