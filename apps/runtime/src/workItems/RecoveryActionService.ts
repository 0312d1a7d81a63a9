/**
 * Recovery actions: reconcile, retry, mark no-effect, pause, force... Each
 * is offered by the item's pinned action policy and checked by it for this actor now. An action
 * may attach evidence (a reconciliation result) under the paths its definition names; it is
 * recorded, audited and handed to the workflow through the outbox, in one transaction. A
 * dangerous action that needs a second approval is recorded as asked for, and takes effect when
 * someone else asks for the same action.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ReasonCodeSet } from '@mandate/definitions';
import { allowedActions, reasonCodeViolations, type ActionAvailability } from '@mandate/policy';
import { canonicalJson, type Stores, type WorkItemChanges } from '@mandate/store';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { ConflictError, NotFoundError, UnprocessableError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import { attachEvidence } from './attachEvidence.js';
import { EvidenceValidator } from './evidenceValidator.js';
import { runIdempotentAfterRead, type CommandResponse } from './idempotent.js';
import { refusal } from './refusal.js';
import { WorkItemLoader } from './WorkItemLoader.js';
import { workflowColumns } from './workflowCommands.js';
import { workItemEvent } from './workItemEvent.js';

/** The body of a recovery action. */
export interface RecoveryActionInput {
  reasonCode?: string;
  comment?: string;
  acknowledged?: boolean;
  /** Evidence the action records, shaped like the item's evidence (e.g. `{ "reconciliation": {...} }`). */
  evidence?: Record<string, unknown>;
  /** When given, the action is refused (409) if the business object has moved on. */
  expectedBusinessObjectVersion?: number;
}

export class RecoveryActionService {
  private readonly loader: WorkItemLoader;
  private readonly evidence = new EvidenceValidator();

  constructor(
    private readonly stores: Stores,
    registry: DefinitionRegistry,
    private readonly clock: () => Date,
  ) {
    this.loader = new WorkItemLoader(stores, registry, () => this.clock().toISOString());
  }

  /** The recovery actions taken on an item, oldest first. */
  async history(principal: Principal, id: string) {
    await this.loader.load(principal, id);
    return this.stores.recoveryActions.forWorkItem(principal.tenant, id);
  }

  async run(principal: Principal, id: string, code: string, input: RecoveryActionInput, idempotencyKey: string | undefined): Promise<CommandResponse> {
    const scope = idempotencyKey ? { tenantId: principal.tenant, principal: `${principal.issuer}|${principal.id}`, route: 'POST /work-items/{id}/actions/{actionCode}', key: `${id}:${code}:${idempotencyKey}` } : undefined;
    const now = this.clock().toISOString();
    return runIdempotentAfterRead(this.stores.idempotency, scope, input, now, this.loader.readWithKey(principal, id), async (read) => {
      const { item, policy, ctx } = await this.loader.fromRead(principal, id, read());
      const { actions } = await allowedActions(policy, ctx);
      const verdict = this.offered(actions, code);
      if (!verdict.enabled) throw refusal([{ code: verdict.disabledReason ?? 'CONDITION_NOT_MET', message: `${code} is not allowed now: ${verdict.failedChecks.join(', ')}` }]);
      this.assertRequirements(verdict, input, policy.pinned.reasonCodes);
      if (input.expectedBusinessObjectVersion !== undefined && input.expectedBusinessObjectVersion !== ctx.businessObject.version) {
        throw new ConflictError('STALE_BUSINESS_OBJECT', `the action was asked for on version ${input.expectedBusinessObjectVersion}; the ${item.businessObject.type} is now version ${ctx.businessObject.version}`);
      }
      const spec = policy.pinned.actions.safeActions.find((a) => a.code === code)!;
      const evidence = input.evidence ? attachEvidence(item.evidence, input.evidence, spec.attachesEvidence ?? [], code) : item.evidence;
      if (input.evidence) this.evidence.assertValid(policy.pinned.taskType, evidence);

      const pending = item.pendingApproval;
      if (pending && !(pending.kind === 'action' && pending.code === code) && verdict.requiresSecondApproval) {
        throw new ConflictError('SECOND_APPROVAL_PENDING', `${pending.code} is waiting for a second approval`);
      }
      const confirms = pending?.kind === 'action' && pending.code === code ? pending.id : undefined;
      const status = verdict.requiresSecondApproval && !confirms ? 'AWAITING_SECOND_APPROVAL' : 'EFFECTIVE';
      const actionId = randomUUID();
      const changes: WorkItemChanges = {};
      if (input.evidence) changes.evidence = evidence;
      // The first of two: the item goes back to its queue for someone else to confirm.
      if (status === 'AWAITING_SECOND_APPROVAL') Object.assign(changes, { state: 'available', assignee: undefined, pendingApproval: { kind: 'action', code, requestedBy: principal.id, id: actionId } });
      if (confirms) changes.pendingApproval = undefined;
      const body = JSON.stringify({ id: actionId, workItemId: id, action: code, status, ...(confirms ? { secondApprovalOf: confirms } : {}), takenAt: now });

      await this.stores.transaction(async (tx) => {
        await this.stores.recoveryActions.insert(tx, {
          id: actionId,
          tenantId: principal.tenant,
          workItemId: id,
          actionCode: code,
          actor: principal.id,
          actorRoles: principal.roles,
          ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
          ...(input.comment ? { comment: input.comment } : {}),
          ...(input.evidence ? { attachedEvidence: input.evidence } : {}),
          status,
          ...(confirms ? { secondApprovalOf: confirms } : {}),
          policyTrace: verdict.trace ?? null,
          takenAt: now,
        });
        // Even an action that changes nothing on the item moves its row version: concurrent actions serialise.
        const moved = await this.stores.workItems.transition(tx, principal.tenant, id, item.rowVersion, changes, now);
        if (!moved) throw new ConflictError('CONCURRENT_CHANGE', 'the work item changed meanwhile; reload and retry');
        await this.stores.audit.append(
          tx,
          workItemEvent(item, {
            eventType: status === 'EFFECTIVE' ? 'RecoveryActionTaken' : 'SecondApprovalRequested',
            actor: principal.id,
            payload: {
              actionId,
              action: code,
              dangerous: verdict.dangerous,
              reasonCode: input.reasonCode ?? null,
              actorRoles: principal.roles,
              status,
              ...(confirms ? { secondApprovalOf: confirms, firstRequestedBy: pending!.requestedBy } : {}),
              // The audit proves what was attached without copying values the visibility policy may hide.
              attachedEvidence: input.evidence ? { paths: Object.keys(input.evidence).sort(), sha256: createHash('sha256').update(canonicalJson(input.evidence)).digest('hex') } : null,
            },
            occurredAt: now,
          }),
        );
        if (status === 'EFFECTIVE') {
          await this.stores.outbox.enqueue(tx, { tenantId: principal.tenant, commandType: 'RECOVERY_ACTION', businessKey: `${item.businessObject.type}:${item.businessObject.id}`, ...workflowColumns(item), payload: { workItemId: id, actionId, action: code, ...(input.evidence ? { evidence: input.evidence } : {}) } }, now);
        }
        if (scope) await this.stores.idempotency.record(tx, scope, input, now, status === 'EFFECTIVE' ? 201 : 202, body);
      });
      return { status: status === 'EFFECTIVE' ? 201 : 202, body };
    });
  }

  /** The action as the policy offers it; lifecycle actions and decisions have their own endpoints. */
  private offered(actions: ActionAvailability[], code: string): ActionAvailability {
    const action = actions.find((a) => a.code === code);
    if (!action) throw new NotFoundError('ACTION_NOT_FOUND', `the item's action policy has no action ${code}`);
    if (action.kind === 'forbidden') {
      throw refusal([{ code: 'FORBIDDEN_ACTION', message: `${code} is forbidden: ${action.forbiddenReason ?? ''}${action.instead ? ` Use ${action.instead} instead.` : ''}` }]);
    }
    if (action.kind !== 'recovery') throw new UnprocessableError('NOT_A_RECOVERY_ACTION', `${code} is a ${action.kind} action; use its own endpoint`);
    return action;
  }

  private assertRequirements(verdict: ActionAvailability, input: RecoveryActionInput, reasonCodes: ReasonCodeSet): void {
    if (verdict.requiredFields.includes('reasonCode') && !input.reasonCode) throw new UnprocessableError('REASON_CODE_REQUIRED', `${verdict.code} needs a reason code`, { requiredFields: verdict.requiredFields });
    // A reason it carries is one the pinned set declares for this action, as for decisions and lifecycle commands.
    const reason = reasonCodeViolations(reasonCodes, verdict.code, input.reasonCode, { required: false });
    if (reason.length) throw refusal(reason);
    if (verdict.requiredFields.includes('comment') && !input.comment?.trim()) throw new UnprocessableError('COMMENT_REQUIRED', `${verdict.code} needs a comment`, { requiredFields: verdict.requiredFields });
    if (verdict.requiredAcknowledgements.length && input.acknowledged !== true) throw new UnprocessableError('ACKNOWLEDGEMENT_REQUIRED', `acknowledge: ${verdict.requiredAcknowledgements.join(' ')}`);
  }
}
