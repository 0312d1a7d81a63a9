/**
 * Allowed actions: for one actor and one item at one instant, every action of the task type with
 * whether it is enabled and why not. This is domain output; a UI only renders it.
 *
 * Why each check exists: being in a candidate group routes work but is
 * no authority; decisions need the item claimed by this actor, four-eyes and an authority limit
 * that covers the measure; recovery actions need their evidence; dangerous ones an elevated role.
 */
import type { ActionKind, CompiledPolicy } from './compilePolicy.js';
import { runRuleSet, type EvaluationOptions } from './evaluatePolicy.js';
import { buildFacts, type FactIssue } from './facts/buildFacts.js';
import { assertPolicyContext, type PolicyContext } from './PolicyInput.js';
import type { ConditionTrace } from './rules/RuleSpec.js';
import { failedChecks } from './trace.js';

/** One action and whether this actor may take it now. */
export interface ActionAvailability {
  code: string;
  label: string;
  kind: ActionKind | 'forbidden';
  enabled: boolean;
  /** The first failed check (`FOUR_EYES_VIOLATION`, `AUTHORITY_LIMIT_EXCEEDED`, ...), or `FORBIDDEN_ACTION`. */
  disabledReason?: string;
  /** Every failed check, in order. */
  failedChecks: string[];
  requiredFields: string[];
  requiredAcknowledgements: string[];
  requiresSecondApproval: boolean;
  secondApprovalReasonCodes: string[];
  dangerous: boolean;
  /** Why: the rule's conditions with each result and fact value. Absent for forbidden actions. */
  trace?: ConditionTrace;
  /** For forbidden actions: why, and what to do instead. */
  forbiddenReason?: string;
  instead?: string;
}

/** The result of an allowed-actions evaluation. */
export interface AllowedActions {
  actions: ActionAvailability[];
  /** Context values that did not have their catalogue type and were ignored. */
  factIssues: FactIssue[];
}

/** Evaluates every action of the task type for the context's actor. */
export async function allowedActions(policy: CompiledPolicy, ctx: PolicyContext, options: EvaluationOptions = {}): Promise<AllowedActions> {
  const { outcomes, issues } = await runRuleSet(policy, policy.actions.rules, ctx, options);
  const actions: ActionAvailability[] = policy.actions.specs.map((spec, i) => {
    const outcome = outcomes[i]!;
    const failed = failedChecks(outcome.trace);
    const availability: ActionAvailability = {
      code: spec.code,
      label: spec.label,
      kind: spec.kind,
      enabled: outcome.fired,
      failedChecks: failed,
      requiredFields: spec.requiredFields,
      requiredAcknowledgements: spec.requiredAcknowledgements,
      requiresSecondApproval: spec.requiresSecondApproval,
      secondApprovalReasonCodes: spec.secondApprovalReasonCodes,
      dangerous: spec.dangerous,
      trace: outcome.trace,
    };
    if (!outcome.fired) availability.disabledReason = failed[0] ?? 'CONDITION_NOT_MET';
    return availability;
  });
  for (const f of policy.actions.forbidden) {
    actions.push({
      code: f.code,
      label: f.code,
      kind: 'forbidden',
      enabled: false,
      disabledReason: 'FORBIDDEN_ACTION',
      failedChecks: ['FORBIDDEN_ACTION'],
      requiredFields: [],
      requiredAcknowledgements: [],
      requiresSecondApproval: false,
      secondApprovalReasonCodes: [],
      dangerous: false,
      forbiddenReason: f.reason,
      ...(f.instead ? { instead: f.instead } : {}),
    });
  }
  return { actions, factIssues: issues };
}

/** An action's badge on a worklist row: whether it is enabled, and the reason when not. */
export interface ActionBadge {
  code: string;
  kind: ActionKind;
  enabled: boolean;
  disabledReason?: string;
}

/**
 * The bulk read path: allowed actions without traces, through the compiled evaluator, for badges
 * on a whole worklist page. The same rules and the same first failed check as `allowedActions`.
 */
export function actionBadges(policy: CompiledPolicy, ctx: PolicyContext): ActionBadge[] {
  assertPolicyContext(ctx);
  const { facts } = buildFacts(ctx, policy.pinned.taskType, policy.pinned.authority, policy.evidenceTypes);
  const compiled = policy.actions.rules.compiled();
  const failures = compiled.firstFailureSync(facts);
  return policy.actions.specs.map((spec, i) => {
    const failure = failures[i]!;
    if (failure === -1) return { code: spec.code, kind: spec.kind, enabled: true };
    return { code: spec.code, kind: spec.kind, enabled: false, disabledReason: compiled.checkNames[i]![failure] ?? 'CONDITION_NOT_MET' };
  });
}
