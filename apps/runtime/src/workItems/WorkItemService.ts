/**
 * Work item commands and queries. Every command: load the item (tenant-scoped) -> evaluate the
 * policy at the item's pinned versions -> write state, decision, audit and outbox in one
 * transaction. Workflow completion happens later, from the outbox; never first.
 */
import { randomUUID } from 'node:crypto';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { allowedActions, priority, sla, validateDecision, visibleView, type BusinessObjectSnapshot, type PolicyContext } from '@mandate/policy';
import type { Database } from '@mandate/store';
import { InvalidCursorError, KnexAuditLog, KnexBusinessObjectStore, KnexDecisionStore, KnexIdempotencyStore, KnexWorkItemStore, KnexWorkflowOutbox, type WorkItemFilter, type WorkItemRecord } from '@mandate/store';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError, UnprocessableError } from '../http/errors.js';
import type { Metrics } from '../http/metrics.js';
import type { Principal } from '../identity/Principal.js';

/** A request to create a work item (from a domain service or a workflow binding). */
export interface CreateWorkItem {
  taskType: string;
  title?: string;
  businessObject: { type: string; id: string; version: number; revision?: number; snapshot?: Record<string, unknown> };
  evidence: Record<string, unknown>;
  requestedBy?: string;
  candidateGroups?: string[];
  region?: string;
  productFamily?: string;
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

const OPEN_STATES = ['available', 'claimed', 'delegated', 'escalated'];

/** A decision command (seed section 25). */
export interface DecideCommand {
  decision: string;
  reasonCode?: string;
  comment?: string;
  acknowledged?: boolean;
  expectedBusinessObjectVersion: number;
  form?: Record<string, unknown>;
}

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const STATUS_OF_VIOLATION: Record<string, 'conflict' | 'forbidden' | 'unprocessable'> = {
  STALE_BUSINESS_OBJECT: 'conflict',
  INVALID_STATE: 'conflict',
  FOUR_EYES_VIOLATION: 'forbidden',
  AUTHORITY_LIMIT_EXCEEDED: 'forbidden',
  NOT_ASSIGNEE: 'forbidden',
  TENANT_MISMATCH: 'forbidden',
  EVIDENCE_REQUIRED: 'forbidden',
};

/** What callers get for a work item: evidence projected for them, never the hidden values. */
export type WorkItemView = Omit<WorkItemRecord, 'evidence'> & { evidence: Record<string, unknown>; redactedPaths: string[] };

export class WorkItemService {
  private readonly items: KnexWorkItemStore;
  private readonly objects: KnexBusinessObjectStore;
  private readonly decisions: KnexDecisionStore;
  private readonly audit: KnexAuditLog;
  private readonly outbox: KnexWorkflowOutbox;
  private readonly idempotency: KnexIdempotencyStore;
  private readonly ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  /** Evidence validators, compiled once per task type version. */
  private readonly evidenceValidators = new Map<string, ValidateFunction>();

  constructor(
    private readonly db: Database,
    private readonly registry: DefinitionRegistry,
    private readonly clock: () => Date,
    private readonly metrics?: Metrics,
  ) {
    this.items = new KnexWorkItemStore(db.knex);
    this.objects = new KnexBusinessObjectStore(db.knex);
    this.decisions = new KnexDecisionStore(db.knex);
    this.audit = new KnexAuditLog(db.knex);
    this.outbox = new KnexWorkflowOutbox(db.knex);
    this.idempotency = new KnexIdempotencyStore(db.knex);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private context(principal: Principal, item: WorkItemRecord, snapshot: Record<string, unknown>, version: number, revision: number | undefined): PolicyContext {
    const businessObject: BusinessObjectSnapshot = { ...(snapshot as Partial<BusinessObjectSnapshot>), type: item.businessObject.type, id: item.businessObject.id, version };
    if (revision !== undefined) businessObject.revision = revision;
    return {
      actor: { id: principal.id, roles: principal.roles, groups: principal.groups, tenant: principal.tenant, ...(principal.region ? { region: principal.region } : {}) },
      now: this.now(),
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
      },
    };
  }

  /** The item (tenant-scoped) with the policy context at its current business object version. */
  private async load(principal: Principal, id: string) {
    const item = await this.items.get(principal.tenant, id);
    if (!item) throw new NotFoundError('WORK_ITEM_NOT_FOUND', `no work item ${id}`);
    return this.withPolicy(principal, item);
  }

  /** The pinned policy and the evaluation context of an item already loaded. */
  private async withPolicy(principal: Principal, item: WorkItemRecord) {
    const current = await this.objects.get(principal.tenant, item.businessObject.type, item.businessObject.id);
    const policy = this.registry.policy(`${item.taskType}@${item.taskTypeVersion}`);
    const ctx = this.context(principal, item, current?.snapshot ?? {}, current?.version ?? item.businessObject.version, current?.revision ?? item.businessObject.revision);
    return { item, policy, ctx };
  }

  /** Creates a work item at the latest published version of its task type. */
  async create(principal: Principal, input: CreateWorkItem): Promise<WorkItemView> {
    const taskType = this.registry.latestTaskType(input.taskType);
    if (!taskType) throw new UnprocessableError('UNKNOWN_TASK_TYPE', `no published task type ${input.taskType}`);
    const ref = `${taskType.id}@${taskType.version}`;
    let validEvidence = this.evidenceValidators.get(ref);
    if (!validEvidence) {
      validEvidence = this.ajv.compile(taskType.evidenceSchema);
      this.evidenceValidators.set(ref, validEvidence);
    }
    if (!validEvidence(input.evidence)) {
      throw new UnprocessableError('EVIDENCE_INVALID', `the evidence does not match ${ref}'s evidence schema`, { violations: (validEvidence.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message })) });
    }
    if (input.businessObject.type !== taskType.businessObjectType) {
      throw new UnprocessableError('BUSINESS_OBJECT_TYPE_MISMATCH', `${ref} decides on ${taskType.businessObjectType}, not ${input.businessObject.type}`);
    }
    const now = this.now();
    const policy = this.registry.policy(ref);
    const draft: WorkItemRecord = {
      id: randomUUID(),
      tenantId: principal.tenant,
      taskType: taskType.id,
      taskTypeVersion: taskType.version,
      pinnedDefinitions: this.registry.pinnedRefs(ref),
      state: 'available',
      title: input.title ?? `${taskType.title}: ${input.businessObject.type} ${input.businessObject.id}`,
      businessObject: { type: input.businessObject.type, id: input.businessObject.id, version: input.businessObject.version, ...(input.businessObject.revision !== undefined ? { revision: input.businessObject.revision } : {}) },
      requestedBy: input.requestedBy ?? principal.id,
      candidateGroups: input.candidateGroups ?? taskType.candidateGroups,
      priority: 0,
      priorityReasons: [],
      escalationLevel: 0,
      evidence: input.evidence,
      rowVersion: 1,
      createdAt: now,
      updatedAt: now,
      ...(input.region ? { region: input.region } : {}),
      ...(input.productFamily ? { productFamily: input.productFamily } : {}),
    };
    // SLA and priority are decided at creation, on the item as created.
    const ctx = this.context(principal, draft, input.businessObject.snapshot ?? {}, input.businessObject.version, input.businessObject.revision);
    const terms = await sla(policy, ctx);
    const withDue = { ...draft, dueAt: terms.dueAt, escalationGroup: terms.terms.escalationGroup };
    const score = await priority(policy, this.context(principal, withDue, input.businessObject.snapshot ?? {}, input.businessObject.version, input.businessObject.revision));
    const record = { ...withDue, priority: score.priorityScore, priorityReasons: score.reasons };
    await this.db.knex.transaction(async (trx) => {
      await this.objects.record(trx, { tenantId: principal.tenant, type: input.businessObject.type, id: input.businessObject.id, version: input.businessObject.version, ...(input.businessObject.revision !== undefined ? { revision: input.businessObject.revision } : {}), snapshot: input.businessObject.snapshot ?? {} }, now);
      const { rowVersion: _r, createdAt: _c, updatedAt: _u, ...insertable } = record;
      await this.items.create(trx, insertable, now);
      await this.audit.append(trx, { tenantId: principal.tenant, eventType: 'TaskCreated', workItemId: record.id, businessObject: { type: record.businessObject.type, id: record.businessObject.id }, actor: principal.id, payload: { taskType: ref, pinnedDefinitions: record.pinnedDefinitions, priority: score, sla: { dueAt: terms.dueAt, appliedRule: terms.appliedRule } }, occurredAt: now });
    });
    this.metrics?.created.inc({ task_type: taskType.id });
    return this.get(principal, record.id);
  }

  /** One item, its evidence projected for the caller. */
  async get(principal: Principal, id: string): Promise<WorkItemView> {
    return this.project(await this.load(principal, id));
  }

  private async project({ item, policy, ctx }: Awaited<ReturnType<WorkItemService['withPolicy']>>): Promise<WorkItemView> {
    const view = await visibleView(policy, ctx, { evaluator: 'compiled' });
    return { ...item, evidence: view.evidence, redactedPaths: view.redactedPaths };
  }

  /** A page of the tenant's queue, each item projected for the caller. */
  async list(principal: Principal, filter: WorkItemFilter, page: { limit?: number; cursor?: string }) {
    const result = await this.items.list(principal.tenant, filter, page).catch((e: unknown) => {
      throw e instanceof InvalidCursorError ? new InputError('INVALID_CURSOR', e.message) : e;
    });
    const items = await Promise.all(result.items.map(async (item) => this.project(await this.withPolicy(principal, item))));
    return { items, ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
  }

  /** Allowed actions for the caller. */
  async allowedActions(principal: Principal, id: string) {
    const { policy, ctx } = await this.load(principal, id);
    return allowedActions(policy, ctx);
  }

  /**
   * Claim, release, delegate, hand back, reassign, escalate, comment (seed section 13). The policy decides whether
   * the actor may; the action's required fields come from the policy too; the row must not have
   * moved on. Delegation keeps the owner; reassignment needs manager authority and a reason.
   */
  async act(principal: Principal, id: string, action: LifecycleAction, input: LifecycleInput) {
    const { item, policy, ctx } = await this.load(principal, id);
    const { actions } = await allowedActions(policy, ctx);
    const verdict = actions.find((a) => a.kind === 'lifecycle' && a.code === action);
    if (!verdict?.enabled) throw new NotAllowedError(verdict?.disabledReason ?? 'ACTION_NOT_OFFERED', `${action} is not allowed: ${verdict?.disabledReason ?? 'the action policy does not offer it'}`, { failedChecks: verdict?.failedChecks ?? [] });
    const missing = verdict.requiredFields.filter((f) => f === 'reasonCode' ? !input.reasonCode : f === 'comment' ? !input.comment?.trim() : false);
    if (missing.length) throw new UnprocessableError(missing[0] === 'reasonCode' ? 'REASON_CODE_REQUIRED' : 'COMMENT_REQUIRED', `${action} needs ${missing.join(' and ')}`, { requiredFields: verdict.requiredFields });
    const now = this.now();
    let changes: Parameters<KnexWorkItemStore['transition']>[4];
    let eventType: string;
    switch (action) {
      case 'CLAIM':
        changes = { state: 'claimed', assignee: principal.id, owner: principal.id };
        eventType = 'TaskClaimed';
        break;
      case 'RELEASE':
        changes = { state: 'available', assignee: undefined };
        eventType = 'TaskReleased';
        break;
      case 'DELEGATE':
        if (!input.delegateTo) throw new UnprocessableError('DELEGATE_REQUIRED', 'name who is asked for input (delegateTo)');
        changes = { state: 'delegated', delegatedTo: input.delegateTo };
        eventType = 'TaskDelegated';
        break;
      case 'RESOLVE_DELEGATION':
        changes = { state: 'claimed', delegatedTo: undefined };
        eventType = 'TaskDelegationResolved';
        break;
      case 'REASSIGN':
        if (!input.assignee) throw new UnprocessableError('ASSIGNEE_REQUIRED', 'name the new assignee');
        this.metrics?.reassigned.inc({ task_type: item.taskType });
        changes = { state: 'claimed', assignee: input.assignee, owner: input.assignee, delegatedTo: undefined };
        eventType = 'TaskAssigned';
        break;
      case 'ESCALATE':
        changes = { state: 'escalated', assignee: undefined, escalationLevel: item.escalationLevel + 1 };
        eventType = 'TaskEscalated';
        break;
      case 'COMMENT':
        changes = {};
        eventType = 'TaskCommented';
        break;
    }
    return this.db.knex.transaction(async (trx) => {
      const moved = await this.items.transition(trx, principal.tenant, id, item.rowVersion, changes, now);
      if (!moved) throw new ConflictError('CONCURRENT_CHANGE', 'the work item changed meanwhile; reload and retry');
      if (input.comment?.trim()) await trx('comment').insert({ id: randomUUID(), tenant_id: principal.tenant, work_item_id: id, author: principal.id, body: input.comment, created_at: now });
      await this.audit.append(trx, {
        tenantId: principal.tenant,
        eventType,
        workItemId: id,
        actor: principal.id,
        payload: { action, reasonCode: input.reasonCode ?? null, from: { assignee: item.assignee ?? null, owner: item.owner ?? null, state: item.state }, to: { assignee: moved.assignee ?? null, owner: moved.owner ?? null, state: moved.state, delegatedTo: moved.delegatedTo ?? null } },
        occurredAt: now,
      });
      return { id, state: moved.state, assignee: moved.assignee ?? null, owner: moved.owner ?? null, delegatedTo: moved.delegatedTo ?? null, escalationLevel: moved.escalationLevel, rowVersion: moved.rowVersion };
    });
  }

  /**
   * Decides. With an Idempotency-Key, the same body replays the stored response byte for byte,
   * another body is 422, a duplicate still running is 409; nothing is written when the policy refuses.
   */
  async decide(principal: Principal, id: string, command: DecideCommand, idempotencyKey: string | undefined): Promise<{ status: number; body: string }> {
    const scope = idempotencyKey ? { tenantId: principal.tenant, principal: `${principal.issuer}|${principal.id}`, route: 'POST /work-items/{id}/decisions', key: `${id}:${idempotencyKey}` } : undefined;
    if (scope) {
      const claim = await this.idempotency.claim(scope, command, this.now());
      if (claim.kind === 'replay') return { status: claim.status, body: claim.body };
      if (claim.kind === 'mismatch') throw new UnprocessableError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request body');
      if (claim.kind === 'in_flight') throw new ConflictError('IDEMPOTENCY_KEY_IN_FLIGHT', 'a request with this Idempotency-Key is still running');
    }
    try {
      const { item, policy, ctx } = await this.load(principal, id);
      const verdict = await validateDecision(policy, ctx, command);
      if (!verdict.ok) {
        const first = verdict.violations[0]!;
        this.metrics?.refused.inc({ code: first.code });
        const kind = STATUS_OF_VIOLATION[first.code] ?? 'unprocessable';
        const details = { violations: verdict.violations };
        if (kind === 'conflict') throw new ConflictError(first.code, first.message, details);
        if (kind === 'forbidden') throw new NotAllowedError(first.code, first.message, details);
        throw new UnprocessableError(first.code, first.message, details);
      }
      const now = this.now();
      const decisionId = randomUUID();
      const status = verdict.requiresSecondApproval ? 'AWAITING_SECOND_APPROVAL' : 'EFFECTIVE';
      const body = JSON.stringify({ id: decisionId, workItemId: id, decision: command.decision, reasonCode: command.reasonCode ?? null, status, decidedAt: now });
      await this.db.knex.transaction(async (trx) => {
        await this.decisions.insert(trx, {
          id: decisionId,
          workItemId: id,
          tenantId: principal.tenant,
          decision: command.decision,
          ...(command.reasonCode ? { reasonCode: command.reasonCode } : {}),
          ...(command.comment ? { comment: command.comment } : {}),
          actor: principal.id,
          actorRoles: principal.roles,
          businessObjectVersion: command.expectedBusinessObjectVersion,
          payload: command.form ?? { decision: command.decision, reasonCode: command.reasonCode, comment: command.comment },
          policyTrace: verdict.trace ?? null,
          status,
          decidedAt: now,
        });
        const moved = await this.items.transition(trx, principal.tenant, id, item.rowVersion, { state: status === 'EFFECTIVE' ? 'decided' : 'claimed' }, now);
        if (!moved) throw new ConflictError('CONCURRENT_CHANGE', 'the work item changed meanwhile; reload and retry');
        await this.audit.append(trx, {
          tenantId: principal.tenant,
          eventType: 'TaskDecisionSubmitted',
          workItemId: id,
          businessObject: { type: item.businessObject.type, id: item.businessObject.id },
          actor: principal.id,
          payload: { decisionId, decision: command.decision, reasonCode: command.reasonCode ?? null, actorRoles: principal.roles, businessObjectVersion: command.expectedBusinessObjectVersion, status, pinnedDefinitions: item.pinnedDefinitions },
          occurredAt: now,
        });
        if (status === 'EFFECTIVE') {
          const option = policy.pinned.taskType.decisionOptions.find((o) => o.code === command.decision);
          await this.outbox.enqueue(trx, { tenantId: principal.tenant, commandType: 'COMPLETE_TASK', businessKey: `${item.businessObject.type}:${item.businessObject.id}`, payload: { workItemId: id, decision: command.decision, ...(option?.outcome ?? {}) } }, now);
        }
        if (scope) await this.idempotency.complete(trx, scope, 201, body);
      });
      if (status === 'EFFECTIVE') this.metrics?.completed.inc({ task_type: item.taskType, decision: command.decision });
      return { status: 201, body };
    } catch (error) {
      // Nothing was written: let a retry with the same key run again.
      if (scope) await this.idempotency.release(scope);
      throw error;
    }
  }

  /**
   * A business event (seed section 30), e.g. QuoteRevised: records the new business object
   * version, makes open items whose task type names the event obsolete (with the definition's
   * outcome), and requests a new task where the definition says so. One transaction per event.
   */
  async handleEvent(principal: Principal, event: BusinessEvent): Promise<{ obsoleted: string[]; created: string[] }> {
    const now = this.now();
    const bo = event.businessObject;
    const open = await this.items.list(principal.tenant, { businessObjectId: bo.id }, { limit: 200 });
    const affected = open.items.filter((item) => OPEN_STATES.includes(item.state) && item.businessObject.type === bo.type && item.businessObject.version < bo.version);
    const obsoleted: string[] = [];
    const renewals: WorkItemRecord[] = [];
    await this.db.knex.transaction(async (trx) => {
      await this.objects.record(trx, { tenantId: principal.tenant, type: bo.type, id: bo.id, version: bo.version, ...(bo.revision !== undefined ? { revision: bo.revision } : {}), snapshot: bo.snapshot ?? {} }, now);
      for (const item of affected) {
        const taskType = this.registry.policy(`${item.taskType}@${item.taskTypeVersion}`).pinned.taskType;
        const trigger = taskType.obsolescence?.find((o) => o.event === event.type);
        if (!trigger) continue;
        const moved = await this.items.transition(trx, principal.tenant, item.id, item.rowVersion, { state: 'obsolete', outcomeReason: trigger.outcome }, now);
        if (!moved) throw new ConflictError('CONCURRENT_CHANGE', `work item ${item.id} changed meanwhile; send the event again`);
        obsoleted.push(item.id);
        this.metrics?.obsolete.inc({ reason: trigger.outcome });
        await this.audit.append(trx, { tenantId: principal.tenant, eventType: 'TaskObsoleted', workItemId: item.id, businessObject: { type: bo.type, id: bo.id }, actor: principal.id, payload: { event: event.type, outcome: trigger.outcome, newVersion: bo.version, newRevision: bo.revision ?? null }, occurredAt: now });
        await this.outbox.enqueue(trx, { tenantId: principal.tenant, commandType: 'CANCEL_TASK', businessKey: `${bo.type}:${bo.id}`, payload: { workItemId: item.id, reason: trigger.outcome } }, now);
        if (trigger.requestNewTask) renewals.push(item);
      }
    });
    const created: string[] = [];
    for (const item of renewals) {
      // The new request binds the new version; evidence from the event when it brings some.
      const renewed = await this.create(principal, {
        taskType: item.taskType,
        title: item.title,
        businessObject: { type: bo.type, id: bo.id, version: bo.version, ...(bo.revision !== undefined ? { revision: bo.revision } : {}), ...(bo.snapshot ? { snapshot: bo.snapshot } : {}) },
        evidence: event.evidence ?? item.evidence,
        ...(item.requestedBy ? { requestedBy: item.requestedBy } : {}),
        candidateGroups: item.candidateGroups,
        ...(item.region ? { region: item.region } : {}),
        ...(item.productFamily ? { productFamily: item.productFamily } : {}),
      });
      created.push(renewed.id);
    }
    return { obsoleted, created };
  }

  /** Audit events of the tenant, and the chain check. */
  auditEvents(principal: Principal, filter: Parameters<KnexAuditLog['list']>[1]) {
    return this.audit.list(principal.tenant, filter);
  }

  verifyAudit(principal: Principal) {
    return this.audit.verify(principal.tenant);
  }
}
