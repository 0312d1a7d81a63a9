/**
 * The violation codes `validateDecision` reports, computed synchronously on the compiled evaluator
 * for replay: the same checks in the same order (a differential test holds the two together).
 * Split in two because a replay compares two policies that often share the task type and reason
 * codes: the rule checks (state, assignment, four-eyes, evidence, authority) depend on the facts,
 * the others only on the command, the item and those two definitions.
 */
import type { CompiledPolicy } from '../compilePolicy.js';
import type { PolicyContext } from '../PolicyInput.js';
import { reasonCodeFailure } from '../reasonCodes.js';
import { compiledEvaluator, type CompiledRuleSetEvaluator } from '../rules/compiledEvaluator.js';
import type { Facts } from '../rules/RuleSpec.js';
import { failedChecks } from '../trace.js';
import type { DecisionCommand } from '../validateDecision.js';

const optionRules = new WeakMap<CompiledPolicy, Map<string, CompiledRuleSetEvaluator | null>>();

/** The compiled evaluator of one decision option's rule, built once per policy and option. */
function optionRule(policy: CompiledPolicy, decision: string): CompiledRuleSetEvaluator | undefined {
  let byOption = optionRules.get(policy);
  if (!byOption) optionRules.set(policy, (byOption = new Map<string, CompiledRuleSetEvaluator | null>()));
  let evaluator = byOption.get(decision);
  if (evaluator === undefined) {
    const rule = policy.actions.rules.rules.find((r) => r.name === `decision:${decision}`);
    evaluator = rule ? compiledEvaluator([rule]) : null;
    byOption.set(decision, evaluator);
  }
  return evaluator ?? undefined;
}

/** The failed checks of the decision option's rule (`AUTHORITY_LIMIT_EXCEEDED`, ...); empty when it fires. */
export function decisionRuleViolations(policy: CompiledPolicy, facts: Facts, decision: string): string[] {
  const evaluator = optionRule(policy, decision);
  if (!evaluator || evaluator.firedSync(facts)[0]) return [];
  // Traces only for the rare refusal.
  return failedChecks(evaluator.evaluateSync(facts)[0]!.trace);
}

/** The codes of every check that does not read facts: decision option, payload, freshness, reason, comment, acknowledgement. */
export function commandViolations(policy: CompiledPolicy, ctx: PolicyContext, command: DecisionCommand): { before: string[]; after: string[]; unknownDecision: boolean } {
  const { taskType, reasonCodes } = policy.pinned;
  const option = taskType.decisionOptions.find((o) => o.code === command.decision);
  if (!option) return { before: ['UNKNOWN_DECISION'], after: [], unknownDecision: true };
  const before: string[] = [];
  const form = command.form ?? stripUndefined({ decision: command.decision, reasonCode: command.reasonCode, comment: command.comment });
  if (!policy.validateDecisionPayload(form)) for (let i = 0; i < (policy.validateDecisionPayload.errors?.length ?? 0); i++) before.push('DECISION_PAYLOAD_INVALID');
  for (const key of ['decision', 'reasonCode', 'comment'] as const) {
    if (form[key] !== undefined && form[key] !== command[key]) before.push('DECISION_PAYLOAD_INVALID');
  }
  const after: string[] = [];
  const { item, businessObject } = ctx;
  if (command.expectedBusinessObjectVersion !== businessObject.version || item.businessObjectVersion !== businessObject.version) after.push('STALE_BUSINESS_OBJECT');
  if (item.businessObjectRevision !== undefined && item.businessObjectRevision !== businessObject.revision) after.push('STALE_BUSINESS_OBJECT');
  const reason = reasonCodeFailure(reasonCodes, command.decision, command.reasonCode, option.requiresReasonCode === true);
  if (reason) after.push(reason);
  if (option.requiresComment && !command.comment?.trim()) after.push('COMMENT_REQUIRED');
  if (option.acknowledgement && command.acknowledged !== true) after.push('ACKNOWLEDGEMENT_REQUIRED');
  return { before, after, unknownDecision: false };
}

/** Every violation code of a decision, in `validateDecision`'s order. */
export function decisionVerdict(policy: CompiledPolicy, ctx: PolicyContext, facts: Facts, command: DecisionCommand): string[] {
  const { before, after, unknownDecision } = commandViolations(policy, ctx, command);
  if (unknownDecision) return before;
  return [...before, ...decisionRuleViolations(policy, facts, command.decision), ...after];
}

function stripUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in record) if (record[key] !== undefined) out[key] = record[key];
  return out;
}
