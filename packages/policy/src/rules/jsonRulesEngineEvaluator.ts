/**
 * The one adapter around json-rules-engine: its hand-written types and untyped errors stay here.
 *
 * An Engine keeps its run status on itself, so concurrent `run()` calls on one engine interfere
 * (later priority sets of one run are skipped once another finishes). Each rule set therefore
 * owns a small pool of engines, built once with the rules added; a run borrows an idle engine and
 * returns it. Facts are passed per run; undefined facts are allowed, and paths use a plain property
 * resolver.
 */
import { Engine, Operator, type RuleResult } from 'json-rules-engine';
import { CUSTOM_OPERATORS, resolvePath } from './operators.js';
import type { ConditionTrace, Facts, RuleOutcome, RuleSetEvaluator, RuleSpec } from './RuleSpec.js';

function buildEngine(rules: readonly RuleSpec[]): Engine {
  const engine = new Engine([], {
    allowUndefinedFacts: true,
    pathResolver: (value: object, path: string) => resolvePath(value, path),
  });
  for (const [name, op] of Object.entries(CUSTOM_OPERATORS)) {
    engine.addOperator(new Operator(name, (a: unknown, b: unknown) => op.compare(a, b), op.validate));
  }
  for (const rule of rules) engine.addRule(structuredClone(rule));
  return engine;
}

/** Creates the json-rules-engine evaluator of a rule set. */
export function jsonRulesEngineEvaluator(rules: readonly RuleSpec[]): RuleSetEvaluator {
  const idle: Engine[] = [];
  const order = new Map(rules.map((r, i) => [r.name, i]));
  return {
    async evaluate(facts: Facts): Promise<RuleOutcome[]> {
      const engine = idle.pop() ?? buildEngine(rules);
      try {
        const { results, failureResults } = await engine.run({ ...facts });
        const outcomes = [...results, ...failureResults].map(toOutcome);
        return outcomes.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
      } finally {
        idle.push(engine);
      }
    },
  };
}

function toOutcome(result: RuleResult): RuleOutcome {
  const trace = toTrace(result.conditions as unknown as Record<string, unknown>);
  // json-rules-engine records results on nested nodes only; the root's is the rule's.
  const fired = result.result === true;
  trace.result = fired;
  return { name: String(result.name), fired, event: result.event as RuleOutcome['event'], trace };
}

function toTrace(node: Record<string, unknown>): ConditionTrace {
  const name = typeof node.name === 'string' ? { name: node.name } : {};
  const result = node.result === true;
  if (Array.isArray(node.all)) return { ...name, all: node.all.map((c) => toTrace(c as Record<string, unknown>)), result };
  if (Array.isArray(node.any)) return { ...name, any: node.any.map((c) => toTrace(c as Record<string, unknown>)), result };
  if (node.not && typeof node.not === 'object') return { ...name, not: toTrace(node.not as Record<string, unknown>), result };
  const leaf: ConditionTrace = {
    ...name,
    fact: String(node.fact),
    operator: String(node.operator),
    value: node.value,
    factValue: node.factResult,
    result,
  };
  if (typeof node.path === 'string') leaf.path = node.path;
  return leaf;
}
