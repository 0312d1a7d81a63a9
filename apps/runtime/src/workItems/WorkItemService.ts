/**
 * Work item commands and queries. Every command: load the item (tenant-scoped) -> evaluate the
 * policy at the item's pinned versions -> write state, decision, audit and outbox in one
 * transaction. Workflow completion happens later, from the outbox; never first.
 */
import { randomUUID } from 'node:crypto';
import { allowedActions, authorityOf, claimEligibility, lifecycleTransition, priority, reasonCodeViolations, sla, validateDecision, visibleView, type LifecycleArguments, type PolicyContext } from '@mandate/policy';
import { callerKey, parseCallerRef, type CallerRef } from '@mandate/workflow';
import { InvalidCursorError, OPEN_WORK_ITEM_STATES, type AuditFilter, type Stores, type StoreTransaction, type WorkItemChanges, type WorkItemFilter, type WorkItemRecord } from '@mandate/store';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { ConflictError, InputError, NotAllowedError, UnprocessableError } from '../http/errors.js';
import type { Metrics } from '../http/metrics.js';
import type { Principal } from '../identity/Principal.js';
import { actsForOthers, SERVICE_ROLE } from '../identity/actsForOthers.js';
import { principalIdInput } from '../identity/principalIdInput.js';
import type { PrincipalDirectory } from '../identity/PrincipalDirectory.js';
import { isReadOnly } from '../identity/readOnlyRoles.js';
import { SYSTEM_ISSUER } from '../identity/systemPrincipal.js';
import { valueAt } from './attachEvidence.js';
import { EvidenceValidator } from './evidenceValidator.js';
import { runIdempotentAfterRead } from './idempotent.js';
import { itemSnapshot, policyContext } from './policyContext.js';
import { refusal } from './refusal.js';
import { assertMaySetCallerRef, replayedActivation } from './callerRefRules.js';
import { cancelTaskCommand, completeTaskCommand } from './workflowCommands.js';
import { WorkItemLoader, type LoadedWorkItem } from './WorkItemLoader.js';

/** A request to create a work item (from a domain service or a workflow binding). */
export interface CreateWorkItem {
  taskType: string;
  /** A pinned published version (a binding's `mandate:ID@N`); the latest published when absent. */
  taskTypeVersion?: number;
  title?: string;
  businessObject: { type: string; id: string; version: number; revision?: number; snapshot?: Record<string, unknown> };
  evidence: Record<string, unknown>;
  requestedBy?: string;
  candidateGroups?: string[];
  region?: string;
  productFamily?: string;
  /** An item still open then becomes `expired` (WS-HumanTask's expiration; a quote's validity end). */
  expiresAt?: string;
  /** The workflow activation waiting for the decision; one live item per activation. */
  callerRef?: CallerRef;
}

/** Lifecycle actions (the action policy's codes). */
export type LifecycleAction = 'CLAIM' | 'RELEASE' | 'DELEGATE' | 'RESOLVE_DELEGATION' | 'REASSIGN' | 'ESCALATE' | 'COMMENT';

/** The body of a lifecycle action. */
export interface LifecycleInput {
  reasonCode?: string;
  comment?: string;
  delegateTo?: string;
  assignee?: string;
}

/** A business event: the object changed in its own domain. */
export interface BusinessEvent {
  type: string;
  businessObject: { type: string; id: string; version: number; revision?: number; snapshot?: Record<string, unknown> };
  evidence?: Record<string, unknown>;
}


/** A decision command (seed section 25). */
export interface DecideCommand {
  decision: string;
  reasonCode?: string;
  comment?: string;
  acknowledged?: boolean;
  expectedBusinessObjectVersion: number;
  form?: Record<string, unknown>;
}

/** What callers get for a work item: evidence projected for them, never the hidden values. */
export type WorkItemView = Omit<WorkItemRecord, 'evidence'> & { evidence: Record<string, unknown>; redactedPaths: string[] };

/** Roles that may read the whole tenant's audit trail and verify its chain. */
const AUDIT_READERS = ['AUDITOR', 'GOVERNANCE_ADMIN'];

/** A cursor the store cannot decode is the caller's mistake: 400 INVALID_CURSOR. */
function cursorAsInputError(error: unknown): never {
  throw error instanceof InvalidCursorError ? new InputError('INVALID_CURSOR', error.message) : error;
}

export class WorkItemService {
  private readonly loader: WorkItemLoader;
  private readonly evidence = new EvidenceValidator();

  constructor(
    private readonly stores: Stores,
    private readonly registry: DefinitionRegistry,
    private readonly clock: () => Date,
    private readonly metrics?: Metrics,
    /** Who a new assignee is; without one, nobody can be given an item. */
    private readonly directory?: PrincipalDirectory,
  ) {
    this.loader = new WorkItemLoader(stores, registry, () => this.now());
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** Creates a work item at the version of its task type in effect now (or the published version it names), pinned for its life. */
  async create(principal: Principal, given: CreateWorkItem): Promise<WorkItemView> {
    const input = withCanonicalPrincipals(given);
    assertMaySetCallerRef(principal, input.callerRef);
    const key = input.callerRef ? callerKey(input.callerRef) : undefined;
    if (key) {
      // An engine that replays an activation (a restart, a retried poll) gets the item it created.
      const existing = await this.stores.workItems.byCallerKey(principal.tenant, key);
      if (existing) return this.project(await this.loader.withPolicy(principal, replayedActivation(principal, existing)));
    }
    if (input.requestedBy !== undefined && input.requestedBy !== principal.id && !actsForOthers(principal)) {
      throw new NotAllowedError('REQUESTED_BY_NOT_CALLER', `only a service (role ${SERVICE_ROLE}) creates a work item on behalf of someone else; leave requestedBy out or give your own id (${principal.id})`);
    }
    // `!(… > now)` also refuses a well-formed text that is no date (2026-13-45T…, NaN). A workflow's
    // item (the runtime's own principal) may arrive already past its expiry: it expires at the next pass.
    const expires = input.expiresAt === undefined ? undefined : Date.parse(input.expiresAt);
    if (expires !== undefined && (Number.isNaN(expires) || (!(expires > this.clock().getTime()) && principal.issuer !== SYSTEM_ISSUER))) {
      throw new UnprocessableError('EXPIRES_AT_NOT_IN_FUTURE', `expiresAt ${input.expiresAt} is not an instant after now`);
    }
    const creation = await this.planCreation(principal, input);
    try {
      await this.stores.transaction((tx) => creation.write(tx));
    } catch (error) {
      // Two deliveries of one activation raced: the other one created it.
      const existing = key && isUniqueViolation(error) ? await this.stores.workItems.byCallerKey(principal.tenant, key) : undefined;
      if (!existing) throw error;
      return this.project(await this.loader.withPolicy(principal, replayedActivation(principal, existing)));
    }
    this.metrics?.created.inc({ task_type: creation.taskType });
    return this.get(principal, creation.id);
  }

  /**
   * Everything a creation decides before it writes: the task type in effect, the evidence checked,
   * SLA and priority evaluated. Throws (422) before anything is written; `write` then inserts the
   * item, its approval request and its audit event in the caller's transaction.
   */
  private async planCreation(principal: Principal, input: CreateWorkItem): Promise<{ id: string; taskType: string; write: (tx: StoreTransaction) => Promise<void> }> {
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
    const now = this.now();
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
        // The approval request records who asked, the authority needed and who may not approve (seed section 8).
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

  /** One item, its evidence projected for the caller. */
  async get(principal: Principal, id: string): Promise<WorkItemView> {
    return this.project(await this.loader.load(principal, id));
  }

  private async project({ item, policy, ctx }: LoadedWorkItem): Promise<WorkItemView> {
    const view = await visibleView(policy, ctx, { evaluator: 'compiled' });
    return { ...item, evidence: view.evidence, redactedPaths: view.redactedPaths };
  }

  /** A page of the tenant's queue, each item projected for the caller. */
  async list(principal: Principal, filter: WorkItemFilter, page: { limit?: number; cursor?: string }) {
    const result = await this.stores.workItems.listWithContext(principal.tenant, filter, page).catch(cursorAsInputError);
    const items = await Promise.all((await this.loader.fromContextEnsured(principal, result.items)).map((loaded) => this.project(loaded)));
    return { items, ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
  }

  /** The same page as summaries (no evidence, so no projection): what a worklist shows. */
  async listSummaries(principal: Principal, filter: WorkItemFilter, page: { limit?: number; cursor?: string }) {
    return this.stores.workItems.listSummaries(principal.tenant, filter, page).catch(cursorAsInputError);
  }

  /** How many items of the tenant's queue match the filter (the numbers on the queue tabs). */
  async count(principal: Principal, filter: WorkItemFilter): Promise<{ count: number }> {
    return { count: await this.stores.workItems.count(principal.tenant, filter) };
  }

  /** The same count, stopping after `max`: `{ count, capped }` (a queue tab's "999+"). */
  async countUpTo(principal: Principal, filter: WorkItemFilter, max: number) {
    return this.stores.workItems.countUpTo(principal.tenant, filter, max);
  }

  /** Allowed actions for the caller. */
  async allowedActions(principal: Principal, id: string) {
    const { policy, ctx } = await this.loader.load(principal, id);
    return allowedActions(policy, ctx);
  }

  /**
   * Claim, release, delegate, hand back, reassign, escalate, comment (seed section 13). The policy decides whether
   * the actor may; the action's required fields come from the policy too, and a reason code it
   * carries must be one the item's pinned reason-code set declares for the action; the row must
   * not have moved on. Delegation keeps the owner; reassignment needs manager authority and a reason.
   */
  async act(principal: Principal, id: string, action: LifecycleAction, input: LifecycleInput) {
    const { item, policy, ctx } = await this.loader.load(principal, id);
    const { actions } = await allowedActions(policy, ctx);
    const verdict = actions.find((a) => a.kind === 'lifecycle' && a.code === action);
    if (!verdict?.enabled) {
      const code = verdict?.disabledReason ?? 'ACTION_NOT_OFFERED';
      throw refusal([{ code, message: `${action} is not allowed: ${code === 'ACTION_NOT_OFFERED' ? 'the action policy does not offer it' : code}` }]);
    }
    const missing = verdict.requiredFields.filter((f) => f === 'reasonCode' ? !input.reasonCode : f === 'comment' ? !input.comment?.trim() : false);
    if (missing.length) throw new UnprocessableError(missing[0] === 'reasonCode' ? 'REASON_CODE_REQUIRED' : 'COMMENT_REQUIRED', `${action} needs ${missing.join(' and ')}`, { requiredFields: verdict.requiredFields });
    // A reason it carries, required or not, is one the pinned set declares for this action, as for a decision: 422 REASON_CODE_NOT_ALLOWED, nothing written.
    const reason = reasonCodeViolations(policy.pinned.reasonCodes, action, input.reasonCode, { required: verdict.requiredFields.includes('reasonCode') });
    if (reason.length) throw refusal(reason);
    const now = this.now();
    // What the action does to the item is the lifecycle table's (policy); whom it names comes canonical.
    const named = namedBy(action, input);
    const transition = lifecycleTransition(item, action, { actor: principal.id, ...named });
    if (!transition.ok) throw transition.kind === 'state' ? refusal([transition.violation]) : new UnprocessableError(transition.violation.code, transition.violation.message);
    const { eventType, candidateGroups: escalatedTo } = transition;
    let changes: WorkItemChanges = transition.changes;
    if (action === 'REASSIGN') {
      await this.assertMayHold(principal.tenant, ctx.item, named.assignee!);
      this.metrics?.reassigned.inc({ task_type: item.taskType });
    }
    if (action === 'ESCALATE') {
      // As the SLA's escalation does, with the priority recomputed for the escalated item.
      const score = await priority(policy, { ...ctx, item: itemSnapshot({ ...item, ...transition.changes }, ctx.item.forbiddenApprovers) });
      changes = { ...transition.changes, priority: score.priorityScore, priorityReasons: score.reasons };
    }
    return this.stores.transaction(async (tx) => {
      const moved = await this.stores.workItems.transition(tx, principal.tenant, id, item.rowVersion, changes, now);
      if (!moved) throw new ConflictError('CONCURRENT_CHANGE', 'the work item changed meanwhile; reload and retry');
      if (escalatedTo) await this.stores.workItems.replaceCandidateGroups(tx, id, escalatedTo);
      if (input.comment?.trim()) await this.stores.comments.add(tx, { tenantId: principal.tenant, workItemId: id, author: principal.id, body: input.comment, createdAt: now });
      await this.stores.audit.append(tx, {
        tenantId: principal.tenant,
        eventType,
        workItemId: id,
        actor: principal.id,
        payload: {
          action,
          reasonCode: input.reasonCode ?? null,
          from: { assignee: item.assignee ?? null, owner: item.owner ?? null, state: item.state, ...(escalatedTo ? { candidateGroups: item.candidateGroups } : {}) },
          to: { assignee: moved.assignee ?? null, owner: moved.owner ?? null, state: moved.state, delegatedTo: moved.delegatedTo ?? null, ...(escalatedTo ? { candidateGroups: escalatedTo, level: moved.escalationLevel } : {}) },
        },
        occurredAt: now,
      });
      return { id, state: moved.state, assignee: moved.assignee ?? null, owner: moved.owner ?? null, delegatedTo: moved.delegatedTo ?? null, escalationLevel: moved.escalationLevel, rowVersion: moved.rowVersion };
    });
  }

  /**
   * A reassignment hands the item (and with it the decision) only to someone who could claim it:
   * a candidate or a member of its escalation group, known to the directory in the item's tenant,
   * and not read-only. 422 ASSIGNEE_NOT_ELIGIBLE otherwise.
   */
  private async assertMayHold(tenant: string, item: PolicyContext['item'], assignee: string): Promise<void> {
    const entry = await this.directory?.lookup(tenant, assignee);
    if (!entry) throw new UnprocessableError('ASSIGNEE_NOT_ELIGIBLE', `${assignee} is not known in tenant ${tenant}${this.directory ? '' : ' (this runtime has no directory of people)'}; an item is reassigned only to someone who may claim it`, { assignee, reason: 'UNKNOWN_PRINCIPAL' });
    const { isCandidate, isEscalationOwner } = claimEligibility(item, { id: assignee, groups: entry.groups });
    if (isReadOnly(entry) || !(isCandidate || isEscalationOwner)) {
      throw new UnprocessableError('ASSIGNEE_NOT_ELIGIBLE', `${assignee} may not claim this item: an item is reassigned only to a candidate (${item.candidateGroups.join(', ')})${item.escalationGroup ? ` or a member of its escalation group (${item.escalationGroup})` : ''}`, { assignee, reason: isReadOnly(entry) ? 'READ_ONLY' : 'NOT_A_CANDIDATE' });
    }
  }

  /**
   * Decides. With an Idempotency-Key, the same body replays the stored response byte for byte,
   * another body is 422, a duplicate still running is 409; nothing is written when the policy refuses.
   *
   * Four-eyes in two steps: a decision whose reason needs a second approval is recorded as
   * AWAITING_SECOND_APPROVAL and the item goes back to its queue; the next decision, by someone
   * else with the authority, is the effective one (agreeing or overruling) and completes the item.
   */
  async decide(principal: Principal, id: string, command: DecideCommand, idempotencyKey: string | undefined) {
    const scope = idempotencyKey ? { tenantId: principal.tenant, principal: `${principal.issuer}|${principal.id}`, route: 'POST /work-items/{id}/decisions', key: `${id}:${idempotencyKey}` } : undefined;
    // The key's lookup rides on the item's load; the key is written with the decision.
    return runIdempotentAfterRead(this.stores.idempotency, scope, command, this.now(), this.loader.readWithKey(principal, id), async (read) => {
      const { item, policy, ctx } = await this.loader.fromRead(principal, id, read());
      const verdict = await validateDecision(policy, ctx, command);
      if (!verdict.ok) {
        this.metrics?.refused.inc({ code: verdict.violations[0]!.code });
        throw refusal(verdict.violations);
      }
      const pending = item.pendingApproval?.kind === 'decision' ? item.pendingApproval : undefined;
      if (item.pendingApproval && !pending) throw new ConflictError('SECOND_APPROVAL_PENDING', `${item.pendingApproval.code} is waiting for a second approval; give it or let it lapse before deciding`);
      const now = this.now();
      const decisionId = randomUUID();
      // A second approval is never asked for twice: the answer to a pending one is effective.
      const status = verdict.requiresSecondApproval && !pending ? 'AWAITING_SECOND_APPROVAL' : 'EFFECTIVE';
      const body = JSON.stringify({ id: decisionId, workItemId: id, decision: command.decision, reasonCode: command.reasonCode ?? null, status, ...(pending ? { secondApprovalOf: pending.id } : {}), decidedAt: now });
      const measure = policy.pinned.taskType.authority;
      const authority = measure ? { measure: measure.measure, requested: evidenceValue(item.evidence, measure.evidencePath) ?? null, ...authorityOf(policy.pinned.taskType, policy.pinned.authority, ctx) } : undefined;
      const changes: WorkItemChanges =
        status === 'EFFECTIVE'
          ? { state: 'decided', pendingApproval: undefined }
          : { state: 'available', assignee: undefined, pendingApproval: { kind: 'decision', code: command.decision, requestedBy: principal.id, id: decisionId } };
      const option = policy.pinned.taskType.decisionOptions.find((o) => o.code === command.decision);
      // One statement: the decision, the transition, the outbox command, the key's answer and the
      // audit event commit together, or (the item changed meanwhile) none of them does.
      const moved = await this.stores.workItems.transitionTogether(principal.tenant, id, item.rowVersion, changes, now, [
        this.stores.decisions.insertStatement({
          id: decisionId,
          workItemId: id,
          tenantId: principal.tenant,
          decision: command.decision,
          ...(command.reasonCode ? { reasonCode: command.reasonCode } : {}),
          ...(command.comment ? { comment: command.comment } : {}),
          actor: principal.id,
          actorRoles: principal.roles,
          actorContext: { ...ctx.actor },
          businessObjectVersion: command.expectedBusinessObjectVersion,
          payload: command.form ?? { decision: command.decision, reasonCode: command.reasonCode, comment: command.comment },
          policyTrace: verdict.trace ?? null,
          status,
          ...(pending ? { secondApprovalOf: pending.id } : {}),
          decidedAt: now,
        }),
        ...(status === 'EFFECTIVE'
          ? [this.stores.outbox.enqueueStatement(completeTaskCommand(item, { decisionId, decision: command.decision, reasonCode: command.reasonCode ?? null, comment: command.comment ?? null, decidedBy: principal.id, outcome: option?.outcome ?? {} }), now).statement]
          : []),
        ...(scope ? [this.stores.idempotency.recordStatement(scope, command, now, 201, body)] : []),
        this.stores.audit.appendStatement({
          tenantId: principal.tenant,
          eventType: status === 'EFFECTIVE' ? 'TaskDecisionSubmitted' : 'SecondApprovalRequested',
          workItemId: id,
          businessObject: { type: item.businessObject.type, id: item.businessObject.id },
          actor: principal.id,
          payload: {
            decisionId,
            taskType: `${item.taskType}@${item.taskTypeVersion}`,
            decision: command.decision,
            reasonCode: command.reasonCode ?? null,
            actorRoles: principal.roles,
            businessObject: { version: command.expectedBusinessObjectVersion, revision: item.businessObject.revision ?? null },
            ...(authority ? { authority } : {}),
            status,
            ...(pending ? { secondApprovalOf: pending.id, firstDecision: pending.code, firstDecidedBy: pending.requestedBy, agreed: pending.code === command.decision } : {}),
            pinnedDefinitions: item.pinnedDefinitions,
          },
          occurredAt: now,
        }),
      ]);
      if (!moved) throw new ConflictError('CONCURRENT_CHANGE', 'the work item changed meanwhile; reload and retry');
      if (status === 'EFFECTIVE') {
        this.metrics?.completed.inc({ task_type: item.taskType, decision: command.decision });
        if (policy.pinned.taskType.category === 'approval') this.metrics?.approvals.inc({ policy_code: policy.pinned.authority?.id ?? item.taskType, decision: command.decision });
      }
      return { status: 201, body };
    });
  }

  /**
   * A business event (seed section 30), e.g. QuoteRevised: records the new business object
   * version, makes open items whose task type names the event obsolete (with the definition's
   * outcome), and requests a new task where the definition says so. One transaction per event.
   */
  async handleEvent(principal: Principal, given: BusinessEvent): Promise<{ obsoleted: string[]; created: string[] }> {
    // Business events come from the systems that own the objects, never from a person: an event
    // makes open approvals obsolete.
    if (!actsForOthers(principal)) throw new NotAllowedError('SERVICE_ROLE_REQUIRED', `business events come from a service (role ${SERVICE_ROLE}), not from a person`);
    const event = { ...given, businessObject: withCanonicalOwner(given.businessObject) };
    const now = this.now();
    const bo = event.businessObject;
    const open = await this.stores.workItems.list(principal.tenant, { businessObjectType: bo.type, businessObjectId: bo.id }, { limit: 200 });
    const affected = open.items.filter((item) => OPEN_WORK_ITEM_STATES.includes(item.state) && item.businessObject.version < bo.version);
    await this.registry.ensure(affected.map((item) => `${item.taskType}@${item.taskTypeVersion}`));
    const lapsing = affected.flatMap((item) => {
      const trigger = this.registry.policy(`${item.taskType}@${item.taskTypeVersion}`).pinned.taskType.obsolescence?.find((o) => o.event === event.type);
      return trigger ? [{ item, trigger }] : [];
    });
    // Renewals are planned (and their evidence checked) before anything is written, and written in
    // the same transaction as the obsoletion: a renewal that cannot be created leaves the old
    // request open, never a business object without an approval request.
    const renewals = new Map<string, Awaited<ReturnType<WorkItemService['planCreation']>>>();
    const known = knownVersion(principal.tenant, bo);
    try {
      for (const { item, trigger } of lapsing) {
        if (trigger.requestNewTask) renewals.set(item.id, await this.planCreation(principal, renewalOf(item, event)));
      }
    } catch (error) {
      // The new version is a fact whatever becomes of the renewal: recorded, it makes a decision on
      // the old version stale (409) until the event is sent again with what the renewal needs.
      await this.stores.transaction((tx) => this.stores.businessObjects.record(tx, known, now));
      throw error;
    }
    await this.stores.transaction(async (tx) => {
      await this.stores.businessObjects.record(tx, known, now);
      for (const { item, trigger } of lapsing) {
        const moved = await this.stores.workItems.transition(tx, principal.tenant, item.id, item.rowVersion, { state: 'obsolete', outcomeReason: trigger.outcome, pendingApproval: undefined }, now);
        if (!moved) throw new ConflictError('CONCURRENT_CHANGE', `work item ${item.id} changed meanwhile; send the event again`);
        await this.stores.audit.append(tx, { tenantId: principal.tenant, eventType: 'TaskObsoleted', workItemId: item.id, businessObject: { type: bo.type, id: bo.id }, actor: principal.id, payload: { event: event.type, outcome: trigger.outcome, newVersion: bo.version, newRevision: bo.revision ?? null, lapsedSecondApproval: item.pendingApproval?.id ?? null }, occurredAt: now });
        // A renewal takes over the waiting workflow task (its caller key is free once the old item is obsolete); without one, the workflow hears the item ended.
        const renewal = renewals.get(item.id);
        if (renewal) await renewal.write(tx);
        else await this.stores.outbox.enqueue(tx, cancelTaskCommand(item, trigger.outcome), now);
      }
    });
    for (const { trigger } of lapsing) this.metrics?.obsolete.inc({ reason: trigger.outcome });
    for (const renewal of renewals.values()) this.metrics?.created.inc({ task_type: renewal.taskType });
    return { obsoleted: lapsing.map(({ item }) => item.id), created: [...renewals.values()].map((r) => r.id) };
  }

  /**
   * Audit events of the tenant. The history of one item is open to everyone of the tenant (as its
   * timeline); the tenant-wide trail and the chain check are for auditors and governance admins.
   */
  async auditEvents(principal: Principal, filter: AuditFilter) {
    if (filter.workItemId) await this.loader.load(principal, filter.workItemId);
    else this.assertAuditReader(principal);
    return this.stores.audit.list(principal.tenant, filter);
  }

  async verifyAudit(principal: Principal) {
    this.assertAuditReader(principal);
    return this.stores.audit.verify(principal.tenant);
  }

  private assertAuditReader(principal: Principal): void {
    if (!principal.roles.some((r) => AUDIT_READERS.includes(r))) {
      throw new NotAllowedError('AUDIT_READER_REQUIRED', `the tenant's audit trail is open to ${AUDIT_READERS.join(' and ')}; filter by workItemId for one item's history`);
    }
  }
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

/** The person a lifecycle action names, canonical (400 INVALID_PRINCIPAL_ID for one that is none); nothing when it names none. */
function namedBy(action: LifecycleAction, input: LifecycleInput): Pick<LifecycleArguments, 'delegateTo' | 'assignee'> {
  if (action === 'DELEGATE' && input.delegateTo) return { delegateTo: principalIdInput(input.delegateTo, 'delegateTo') };
  if (action === 'REASSIGN' && input.assignee) return { assignee: principalIdInput(input.assignee, 'assignee') };
  return {};
}

/** The request with its principals in canonical form (400 INVALID_PRINCIPAL_ID for one that is none). */
function withCanonicalPrincipals(input: CreateWorkItem): CreateWorkItem {
  return { ...input, ...(input.requestedBy !== undefined ? { requestedBy: principalIdInput(input.requestedBy, 'requestedBy') } : {}), businessObject: withCanonicalOwner(input.businessObject) };
}

/** The business object with its owner's id canonical: four-eyes forbids the owner by that id. */
function withCanonicalOwner(bo: CreateWorkItem['businessObject']): CreateWorkItem['businessObject'] {
  const ownerId = bo.snapshot?.ownerId;
  if (typeof ownerId !== 'string') return bo;
  return { ...bo, snapshot: { ...bo.snapshot, ownerId: principalIdInput(ownerId, 'businessObject.snapshot.ownerId') } };
}

/** The latest known version of a business object, as a creation or an event tells it (`business_object`). */
function knownVersion(tenantId: string, bo: CreateWorkItem['businessObject']) {
  return { tenantId, type: bo.type, id: bo.id, version: bo.version, ...(bo.revision !== undefined ? { revision: bo.revision } : {}), snapshot: bo.snapshot ?? {} };
}

/** The request that takes over from an item a business event made obsolete: the new version, evidence from the event when it brings some. */
function renewalOf(item: WorkItemRecord, event: BusinessEvent): CreateWorkItem {
  const callerRef = parseCallerRef(item.callerRef);
  return {
    taskType: item.taskType,
    title: item.title,
    businessObject: event.businessObject,
    evidence: event.evidence ?? item.evidence,
    ...(item.requestedBy ? { requestedBy: item.requestedBy } : {}),
    // A narrowed routing carries over; an escalated one (the escalation group) restarts at the task type's.
    ...(item.escalationLevel === 0 ? { candidateGroups: item.candidateGroups } : {}),
    ...(item.region ? { region: item.region } : {}),
    ...(item.productFamily ? { productFamily: item.productFamily } : {}),
    // The renewal keeps the deadline (an item already past it is expired at the scheduler's next pass).
    ...(item.expiresAt ? { expiresAt: item.expiresAt } : {}),
    ...(callerRef ? { callerRef } : {}),
  };
}

/** The value at an `evidence.a.b` path. */
function evidenceValue(evidence: Record<string, unknown>, path: string): unknown {
  return valueAt(evidence, path.split('.').slice(1));
}

/** PostgreSQL's unique_violation, from pg or PGlite. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
