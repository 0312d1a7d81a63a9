import type { CompiledPolicy, CompiledRuleSet } from './compilePolicy.js';
import { buildFacts, type FactIssue } from './facts/buildFacts.js';
import { redactOutcomes } from './redactTraces.js';
import { assertPolicyContext, type PolicyContext } from './PolicyInput.js';
import type { EvaluatorKind, Facts, RuleOutcome } from './rules/RuleSpec.js';

/** Options of every evaluation. */
export interface EvaluationOptions {
  /** json-rules-engine (default: the enforcing evaluator) or the compiled evaluator (read paths). */
  evaluator?: EvaluatorKind;
}

/** Runs one of a policy's rule sets over a context's facts. */
export async function runRuleSet(
  policy: CompiledPolicy,
  set: CompiledRuleSet,
  ctx: PolicyContext,
  options: EvaluationOptions,
): Promise<{ outcomes: RuleOutcome[]; facts: Facts; issues: FactIssue[] }> {
  assertPolicyContext(ctx);
  const { facts, issues } = buildFacts(ctx, policy.pinned.taskType, policy.pinned.authority, policy.evidenceTypes);
  const outcomes = await set.evaluator(options.evaluator ?? 'json-rules-engine').evaluate(facts);
  // Results come from the full outcomes; traces leave only through the redactor.
  return { outcomes: redactOutcomes(policy, ctx, facts, outcomes), facts, issues };
}
