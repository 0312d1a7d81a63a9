/**
 * Compiles rule JSON to JavaScript functions, for bulk read paths (worklist badges, impact replay)
 * where json-rules-engine's ~300 µs per rule set is too slow. Semantics follow json-rules-engine
 * exactly (same operators, same fact-path step, every leaf evaluated), which the differential
 * property tests check.
 *
 * Safety of `new Function`: the generated source contains no text from the rules except through
 * `JSON.stringify` (fact names, paths, constants), and fact names and operators are checked against
 * the catalogues before any code is generated.
 */
import { FACT_CATALOGUE, OPERATOR_CATALOGUE } from '@mandate/definitions';
import { ALL_OPERATORS, applyOperator, readFact, type OperatorImpl } from './operators.js';
import { isLeaf, type ConditionSpec, type ConditionTrace, type Facts, type LeafSpec, type RuleOutcome, type RuleSetEvaluator, type RuleSpec } from './RuleSpec.js';

/** A compiled rule: whether it fires, and the per-leaf results and fact values for its trace. */
type CompiledRule = (facts: Facts) => { fired: boolean; results: boolean[]; values: unknown[] };

/** A rule refers to a fact or operator outside the catalogues. */
export class RuleCompileError extends Error {
  override name = 'RuleCompileError';
}

const SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;

function checkLeaf(leaf: LeafSpec, internalFacts: ReadonlySet<string>): void {
  const known = (fact: string) => Object.hasOwn(FACT_CATALOGUE, fact) || internalFacts.has(fact);
  if (!known(leaf.fact)) throw new RuleCompileError(`unknown fact "${leaf.fact}"`);
  if (!Object.hasOwn(OPERATOR_CATALOGUE, leaf.operator)) throw new RuleCompileError(`unknown operator "${leaf.operator}"`);
  for (const path of [leaf.path, isFactRef(leaf.value) ? leaf.value.path : undefined]) {
    if (path !== undefined && !path.split('.').every((s) => SEGMENT.test(s))) throw new RuleCompileError(`bad path "${path}"`);
  }
  if (isFactRef(leaf.value) && !known(leaf.value.fact)) throw new RuleCompileError(`unknown fact "${leaf.value.fact}"`);
}

function isFactRef(value: unknown): value is { fact: string; path?: string } {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
}

/** Generates the source of one rule's function body. */
function generate(rule: RuleSpec, leaves: LeafSpec[], internalFacts: ReadonlySet<string>): string {
  const lines: string[] = [];
  const expr = (node: ConditionSpec): string => {
    if (isLeaf(node)) {
      checkLeaf(node, internalFacts);
      const i = leaves.push(node) - 1;
      const left = `read(facts, ${JSON.stringify(node.fact)}, ${JSON.stringify(node.path ?? '')})`;
      const right = isFactRef(node.value)
        ? `read(facts, ${JSON.stringify(node.value.fact)}, ${JSON.stringify(node.value.path ?? '')})`
        : `constants[${i}]`;
      lines.push(`values[${i}] = ${left};`);
      lines.push(`results[${i}] = apply(ops[${JSON.stringify(node.operator)}], values[${i}], ${right});`);
      return `results[${i}]`;
    }
    if ('all' in node) {
      const parts = node.all.map(expr);
      return parts.length ? `(${parts.join(' && ')})` : 'true';
    }
    if ('any' in node) {
      const parts = node.any.map(expr);
      return parts.length ? `(${parts.join(' || ')})` : 'true';
    }
    return `!(${expr(node.not)})`;
  };
  // Every leaf is computed into results[] first, then combined: no short-circuit, as json-rules-engine.
  const fired = expr(rule.conditions as ConditionSpec);
  return `const results = []; const values = [];\n${lines.join('\n')}\nreturn { fired: ${fired}, results, values };`;
}

/** Compiles one rule. */
function compileRule(rule: RuleSpec, internalFacts: ReadonlySet<string>): { run: CompiledRule; leaves: LeafSpec[] } {
  const leaves: LeafSpec[] = [];
  const body = generate(rule, leaves, internalFacts);
  const constants = leaves.map((leaf) => (isFactRef(leaf.value) ? undefined : leaf.value));
  const read = (facts: Facts, fact: string, path: string) => readFact(facts, fact, path || undefined);
  const apply = (op: OperatorImpl, a: unknown, b: unknown) => applyOperator(op, a, b);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the module comment: only JSON.stringify'd, catalogue-checked text is emitted
  const factory = new Function('read', 'apply', 'ops', 'constants', `return (facts) => {\n${body}\n};`) as (
    read: unknown,
    apply: unknown,
    ops: Record<string, OperatorImpl>,
    constants: unknown[],
  ) => CompiledRule;
  return { run: factory(read, apply, ALL_OPERATORS, constants), leaves };
}

/** Rebuilds the trace tree from per-leaf results, in the shape json-rules-engine reports. */
function traceOf(node: ConditionSpec, results: boolean[], values: unknown[], cursor: { i: number }): ConditionTrace {
  const name = node.name !== undefined ? { name: node.name } : {};
  if (isLeaf(node)) {
    const i = cursor.i++;
    const leaf: ConditionTrace = { ...name, fact: node.fact, operator: node.operator, value: node.value, factValue: values[i], result: results[i] === true };
    if (node.path !== undefined) leaf.path = node.path;
    return leaf;
  }
  if ('all' in node) {
    const all = node.all.map((c) => traceOf(c, results, values, cursor));
    return { ...name, all, result: all.every((c) => c.result) };
  }
  if ('any' in node) {
    const any = node.any.map((c) => traceOf(c, results, values, cursor));
    return { ...name, any, result: any.some((c) => c.result) };
  }
  const not = traceOf(node.not, results, values, cursor);
  return { ...name, not, result: !not.result };
}

/**
 * Creates the compiled evaluator of a rule set. `internalFacts` names facts the policy engine adds
 * beyond the catalogue for its generated rules.
 */
export function compiledEvaluator(rules: readonly RuleSpec[], internalFacts: ReadonlySet<string> = new Set()): RuleSetEvaluator & { evaluateSync(facts: Facts): RuleOutcome[]; firedSync(facts: Facts): boolean[] } {
  const compiled = rules.map((rule) => ({ rule, ...compileRule(rule, internalFacts) }));
  const evaluateSync = (facts: Facts): RuleOutcome[] =>
    compiled.map(({ rule, run }) => {
      const { fired, results, values } = run(facts);
      return { name: rule.name, fired, event: rule.event, trace: traceOf(rule.conditions as ConditionSpec, results, values, { i: 0 }) };
    });
  return {
    evaluate: (facts) => Promise.resolve(evaluateSync(facts)),
    evaluateSync,
    firedSync: (facts) => compiled.map(({ run }) => run(facts).fired),
  };
}
