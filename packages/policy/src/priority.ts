/**
 * Explainable priority: base weight of the task type plus the weight of every
 * rule that fires; each contribution is a reason, so operators can see why an item is on top.
 */
import type { CompiledPolicy } from './compilePolicy.js';
import { runRuleSet, type EvaluationOptions } from './evaluatePolicy.js';
import type { PolicyContext } from './PolicyInput.js';
import { traceOf, type RuleTrace } from './rules/RuleSpec.js';

/** A priority with its reasons, e.g. `{ priorityScore: 135, reasons: ['REGULATORY_RISK:+50', ...] }`. */
export interface Priority {
  priorityScore: number;
  /** `NAME:+WEIGHT`, largest contribution first. */
  reasons: string[];
  model: string;
  /** Every priority rule, whether it fired and why. */
  trace: RuleTrace;
}

const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));

/** Scores the context's item. */
export async function priority(policy: CompiledPolicy, ctx: PolicyContext, options: EvaluationOptions = {}): Promise<Priority> {
  const { outcomes } = await runRuleSet(policy, policy.priority, ctx, options);
  const model = policy.pinned.priority;
  const contributions: { name: string; weight: number }[] = [];
  const base = model.baseWeights?.[policy.pinned.taskType.id];
  if (base) contributions.push({ name: `BASE_${policy.pinned.taskType.id}`, weight: base });
  for (const o of outcomes) {
    const weight = o.event.params?.weight;
    if (o.fired && typeof weight === 'number') contributions.push({ name: o.name, weight });
  }
  contributions.sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
  return {
    priorityScore: contributions.reduce((sum, c) => sum + c.weight, 0),
    reasons: contributions.map((c) => `${c.name}:${signed(c.weight)}`),
    model: `${model.id}@${model.version}`,
    trace: traceOf(outcomes),
  };
}
