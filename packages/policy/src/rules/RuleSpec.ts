/**
 * The rules both evaluators run: json-rules-engine's rule JSON, as written in definitions or
 * generated from them. A leaf may carry a `name`: the stable code reported when it fails.
 */

/** A leaf comparison. `value` is a constant or `{ fact, path }`. */
export interface LeafSpec {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  name?: string;
}

/** A condition tree. */
export type ConditionSpec = LeafSpec | { all: ConditionSpec[]; name?: string } | { any: ConditionSpec[]; name?: string } | { not: ConditionSpec; name?: string };

/** A rule: when its conditions hold it fires its event. */
export interface RuleSpec {
  name: string;
  conditions: { all: ConditionSpec[] } | { any: ConditionSpec[] } | { not: ConditionSpec };
  event: { type: string; params?: Record<string, unknown> };
}

/** How a condition evaluated: the tree of the rule with each node's result and each leaf's fact value. */
export type ConditionTrace =
  | { name?: string; fact: string; path?: string; operator: string; value: unknown; factValue: unknown; result: boolean }
  | { name?: string; all: ConditionTrace[]; result: boolean }
  | { name?: string; any: ConditionTrace[]; result: boolean }
  | { name?: string; not: ConditionTrace; result: boolean };

/** The outcome of one rule. */
export interface RuleOutcome {
  name: string;
  fired: boolean;
  event: RuleSpec['event'];
  trace: ConditionTrace;
}

/** Why a result is what it is: every rule of the set, whether it fired and how its conditions evaluated. */
export type RuleTrace = Pick<RuleOutcome, 'name' | 'fired' | 'trace'>[];

/** The trace of a run's outcomes. */
export function traceOf(outcomes: readonly RuleOutcome[]): RuleTrace {
  return outcomes.map(({ name, fired, trace }) => ({ name, fired, trace }));
}

/** The facts a run sees, by fact name (see the definitions' fact catalogue). */
export type Facts = Readonly<Record<string, unknown>>;

/**
 * Evaluates one rule set. Implementations: json-rules-engine (the enforcing evaluator) and the
 * compiled one (read and replay paths). Both must give the same outcomes for the same facts.
 */
export interface RuleSetEvaluator {
  evaluate(facts: Facts): Promise<RuleOutcome[]>;
}

/** Which evaluator to use for a run. */
export type EvaluatorKind = 'json-rules-engine' | 'compiled';

/** Returns true when a condition node is a leaf. */
export function isLeaf(node: ConditionSpec): node is LeafSpec {
  return 'fact' in node;
}
