/**
 * Work item commands: create, the lifecycle actions (claim, release, delegate, hand back,
 * reassign, escalate, comment) and decide. Every command: load the item (tenant-scoped) ->
 * evaluate the policy at the item's pinned versions -> write state, decision, audit and outbox in
 * one transaction (a decision: one statement). Workflow completion happens later, from the
 * outbox; never first.
 */
import { randomUUID } from 'node:crypto';
import { allowedActions, authorityOf, claimEligibility, lifecycleTransition, priority, reasonCodeViolations, validateDecision, type LifecycleArguments, type PolicyContext } from '@mandate/policy';
import type { Stores, WorkItemChanges } from '@mandate/store';
import { callerKey } from '@mandate/workflow';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { ConflictError, NotAllowedError, UnprocessableError } from '@mandate/problems';
import type { Metrics } from '../http/metrics.js';
import type { Principal } from '../identity/Principal.js';
import { actsForOthers, SERVICE_ROLE } from '../identity/actsForOthers.js';
import { principalIdInput } from '../identity/principalIdInput.js';
import type { PrincipalDirectory } from '../identity/PrincipalDirectory.js';
import { isReadOnly } from '../identity/readOnlyRoles.js';
import { SYSTEM_ISSUER } from '../identity/systemPrincipal.js';
import { assertMaySetCallerRef, replayedActivation } from './callerRefRules.js';
import { evidenceValue } from './evidenceValue.js';
import { runIdempotentAfterRead } from './idempotent.js';
import { itemSnapshot } from './policyContext.js';
import { refusal } from './refusal.js';
import type { CreateWorkItem, DecideCommand, LifecycleAction, LifecycleInput, WorkItemView } from './types.js';
import { withCanonicalPrincipals } from './withCanonicalPrincipals.js';
import { completeTaskCommand } from './workflowCommands.js';
import { workItemEvent } from './workItemEvent.js';
import { WorkItemCreation } from './WorkItemCreation.js';
import { WorkItemLoader } from './WorkItemLoader.js';
import { viewOf } from './workItemView.js';

/** The commands of `/work-items` (see the module comment). */
export class WorkItemCommands {
  private readonly loader: WorkItemLoader;
  private readonly creation: WorkItemCreation;

  constructor(
    private readonly stores: Stores,
    registry: DefinitionRegistry,
    private readonly clock: () => Date,
    private readonly metrics?: Metrics,
    /** Who a new assignee is; without one, nobody can be given an item. */
    private readonly directory?: PrincipalDirectory,
  ) {
    this.loader = new WorkItemLoader(stores, registry, () => this.now());
    this.creation = new WorkItemCreation(stores, registry, clock);
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
      if (existing) return viewOf(await this.loader.withPolicy(principal, replayedActivation(principal, existing)));
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
    const creation = await this.creation.plan(principal, input);
    try {
      await this.stores.transaction((tx) => creation.write(tx));
    } catch (error) {
      // Two deliveries of one activation raced: the other one created it.
      const existing = key && isUniqueViolation(error) ? await this.stores.workItems.byCallerKey(principal.tenant, key) : undefined;
      if (!existing) throw error;
      return viewOf(await this.loader.withPolicy(principal, replayedActivation(principal, existing)));
    }
    this.metrics?.created.inc({ task_type: creation.taskType });
    return viewOf(await this.loader.load(principal, creation.id));
  }

  /**
   * Claim, release, delegate, hand back, reassign, escalate, comment. The policy decides whether
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
    // Its code is catalogued (INVALID_STATE 409, DELEGATE_REQUIRED and ASSIGNEE_REQUIRED 422): the refusal takes the kind from there.
    if (!transition.ok) throw refusal([transition.violation]);
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
        this.stores.audit.appendStatement(
          workItemEvent(item, {
            eventType: status === 'EFFECTIVE' ? 'TaskDecisionSubmitted' : 'SecondApprovalRequested',
            actor: principal.id,
            payload: {
            decisionId  ,
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
        ),
      ]);
      if (!moved) throw new ConflictError('CONCURRENT_CHANGE', 'the work item changed meanwhile; reload and retry');
      if (status === 'EFFECTIVE') {
        this.metrics?.completed.inc({ task_type: item.taskType, decision: command.decision });
        if (policy.pinned.taskType.category === 'approval') this.metrics?.approvals.inc({ policy_code: policy.pinned.authority?.id ?? item.taskType, decision: command.decision });
      }
      return { status: 201, body };
    });
  }
}

/** The person a lifecycle action names, canonical (400 INVALID_PRINCIPAL_ID for one that is none); nothing when it names none. */
function namedBy(action: LifecycleAction, input: LifecycleInput): Pick<LifecycleArguments, 'delegateTo' | 'assignee'> {
  if (action === 'DELEGATE' && input.delegateTo) return { delegateTo: principalIdInput(input.delegateTo, 'delegateTo') };
  if (action === 'REASSIGN' && input.assignee) return { assignee: principalIdInput(input.assignee, 'assignee') };
  return {};
}

/** PostgreSQL's unique_violation, from pg or PGlite. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
