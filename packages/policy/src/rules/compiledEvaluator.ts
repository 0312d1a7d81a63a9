/**
 * Compiles rule JSON to JavaScript functions, for bulk read paths (worklist badges, impact replay)
 * where json-rules-engine's hundreds of microseconds per rule set are too slow. Semantics follow
 * json-rules-engine exactly (same operators, same fact-path step, every leaf evaluated), which the
 * differential property tests check.
 *
 * Safety of `new Function`: the generated source contains no text from the rules except through
 * `JSON.stringify` (fact names, path segments, operator names, trace names), constants are passed
 * by reference, and fact names, operators and paths are checked before any code is generated.
 */
import { FACT_CATALOGUE, OPERATOR_CATALOGUE } from '@mandate/definitions';
import { UnprocessableError } from '@mandate/problems';
import { CUSTOM_OPERATORS, applyOperator, type OperatorImpl } from './operators.js';
import { isLeaf, type ConditionSpec, type ConditionTrace, type Facts, type RuleOutcome, type RuleSetEvaluator, type RuleSpec } from './RuleSpec.js';

/** A rule refers to a fact, operator or path outside the catalogues. */
export class RuleCompileError extends UnprocessableError {
  override name = 'RuleCompileError';
  declare readonly code: 'RULE_COMPILE_FAILED';

  constructor(message: string) {
    super('RULE_COMPILE_FAILED', message);
  }
}

/** The compiled evaluator: the async interface plus synchronous fast paths. */
export interface CompiledRuleSetEvaluator extends RuleSetEvaluator {
  /** Outcomes with traces, exactly as json-rules-engine reports them. */
  evaluateSync(facts: Facts): RuleOutcome[];
  /** Whether each rule fires; no traces. */
  firedSync(facts: Facts): boolean[];
  /**
   * Per rule: -1 when it fires, else the index (into `checkNames(rule)`) of the first named check
   * that failed, or -2 when no named check explains it. For badges: enabled + reason, no trace.
   */
  firstFailureSync(facts: Facts): number[];
  /** The named checks of each rule, in the order `firstFailureSync` indexes them. */
  checkNames: string[][];
}

const SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;
const q = (value: unknown) => JSON.stringify(value);

function isFactRef(value: unknown): value is { fact: string; path?: string } {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
}

function checkFact(fact: unknown, path: unknown): void {
  if (typeof fact !== 'string' || !Object.hasOwn(FACT_CATALOGUE, fact)) throw new RuleCompileError(`unknown fact ${q(fact)}`);
  if (path !== undefined && (typeof path !== 'string' || !path.split('.').every((s) => SEGMENT.test(s)))) throw new RuleCompileError(`bad path ${q(path)}`);
}

/**
 * Keys a plain object or array inherits. Reading any other key directly gives the own value or
 * undefined, exactly as the own-property resolver does (facts are JSON: plain objects and arrays),
 * without a hasOwn call; inherited names (`constructor`, `values`, `at`, ...) keep the explicit check.
 */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype)]);

function ownRead(object: string, key: string): string {
  return INHERITED.has(key) ? `(hasOwn(${object}, ${q(key)}) ? ${object}[${q(key)}] : undefined)` : `${object}[${q(key)}]`;
}

/** Source of an expression reading a path from a fact value held in `root`, as json-rules-engine's almanac does. */
function pathSource(root: string, path: string): string {
  // A path applies only to an object fact; on anything else the fact value itself comes back.
  const [first, ...rest] = path.split('.');
  // The root is known to be an object here; deeper steps check their own value.
  let expr = ownRead(root, first!);
  for (const segment of rest) {
    expr = `((${expr}) !== null && typeof (${expr}) === 'object' ? ${ownRead(`(${expr})`, segment)} : undefined)`;
  }
  return `(${root} !== null && typeof ${root} === 'object' ? ${expr} : ${root})`;
}

/** Source of an operator applied to `a` and `b`: built-ins inline, as json-rules-engine defines them. */
function operatorSource(operator: string, a: string, b: string, constant?: unknown): string {
  // Set operators against a constant list unroll into includes() calls: no closure per evaluation.
  if ((operator === 'containsAny' || operator === 'containsNone') && Array.isArray(constant) && constant.length <= 16) {
    const any = constant.length ? constant.map((_, k) => `${a}.includes(${b}[${k}])`).join(' || ') : 'false';
    return `(Array.isArray(${a}) && ${operator === 'containsAny' ? '' : '!'}(${any}))`;
  }
  // json-rules-engine's validator, parseFloat(x).toString() !== 'NaN', is !isNaN(x) for numbers.
  const numberValid = `(typeof ${a} === 'number' ? ${a} === ${a} : Number.parseFloat(${a}).toString() !== 'NaN')`;
  switch (operator) {
    case 'equal':
      return `${a} === ${b}`;
    case 'notEqual':
      return `${a} !== ${b}`;
    case 'in':
      return `${b}.indexOf(${a}) > -1`;
    case 'notIn':
      return `${b}.indexOf(${a}) === -1`;
    case 'contains':
      return `(Array.isArray(${a}) && ${a}.indexOf(${b}) > -1)`;
    case 'doesNotContain':
      return `(Array.isArray(${a}) && ${a}.indexOf(${b}) === -1)`;
    case 'lessThan':
      return `(${numberValid} && ${a} < ${b})`;
    case 'lessThanInclusive':
      return `(${numberValid} && ${a} <= ${b})`;
    case 'greaterThan':
      return `(${numberValid} && ${a} > ${b})`;
    case 'greaterThanInclusive':
      return `(${numberValid} && ${a} >= ${b})`;
    // Mandate's own operators, inline, restating operators.ts (the JRE adapter registers those).
    case 'containsAny':
      return `(Array.isArray(${a}) && Array.isArray(${b}) && ${b}.some((x) => ${a}.includes(x)))`;
    case 'containsNone':
      return `(Array.isArray(${a}) && Array.isArray(${b}) && !${b}.some((x) => ${a}.includes(x)))`;
    case 'isPresent':
      return `((${a} !== undefined && ${a} !== null && ${a} !== '') === ${b})`;
    default:
      return `apply(ops[${q(operator)}], ${a}, ${b})`;
  }
}

interface Generated {
  /** The rule's boolean expression over r<i>. */
  fired: string;
  /** Named nodes in report order, with their boolean expressions. */
  named: { name: string; expr: string }[];
  /** An expression building the trace tree. */
  trace: string;
}

/** Leaves shared by a rule set: identical comparisons (same fact, path, operator, value) are computed once. */
interface LeafRegistry {
  statements: string[];
  byKey: Map<string, number>;
  constants: unknown[];
  /** Fact reads by `fact|path`: each distinct value is read once. */
  reads: Map<string, string>;
}

/** The variable holding a fact value (or a path of it), declaring it on first use. */
function readVariable(registry: LeafRegistry, fact: string, path: string | undefined): string {
  const key = `${fact}|${path ?? ''}`;
  let name = registry.reads.get(key);
  if (!name) {
    const source = path ? pathSource(readVariable(registry, fact, undefined), path) : ownRead('facts', fact);
    name = `f${registry.reads.size}`;
    registry.reads.set(key, name);
    registry.statements.push(`const ${name} = ${source};`);
  }
  return name;
}

function generateRule(rule: RuleSpec, registry: LeafRegistry): Generated {
  const { statements, constants } = registry;
  const exprOf = new Map<ConditionSpec, string>();

  // Returns [boolean expression, trace expression] and records the node's expression.
  const walk = (node: ConditionSpec): [string, string] => {
    // Condition priorities make json-rules-engine skip later condition sets; definitions may not use them.
    if (Object.hasOwn(node, 'priority')) throw new RuleCompileError('condition priorities are not supported');
    const nameKey = node.name !== undefined ? `name: ${q(node.name)}, ` : '';
    let out: [string, string];
    if (isLeaf(node)) {
      checkFact(node.fact, node.path);
      if (!Object.hasOwn(OPERATOR_CATALOGUE, node.operator)) throw new RuleCompileError(`unknown operator ${q(node.operator)}`);
      const key = q([node.fact, node.path ?? null, node.operator, node.value]);
      let i = registry.byKey.get(key);
      if (i === undefined) {
        i = registry.byKey.size;
        registry.byKey.set(key, i);
        constants[i] = node.value;
        let right = `constants[${i}]`;
        if (isFactRef(node.value)) {
          checkFact(node.value.fact, node.value.path);
          right = readVariable(registry, node.value.fact, node.value.path);
        }
        const v = readVariable(registry, node.fact, node.path);
        statements.push(`const v${i} = ${v};`);
        statements.push(`const r${i} = ${operatorSource(node.operator, `v${i}`, right, isFactRef(node.value) ? undefined : node.value)};`);
      }
      const c = i;
      const path = node.path !== undefined ? `, path: ${q(node.path)}` : '';
      out = [`r${i}`, `{ ${nameKey}fact: ${q(node.fact)}, operator: ${q(node.operator)}, value: constants[${c}], factValue: v${i}, result: r${i}${path} }`];
    } else if ('not' in node) {
      const [inner, trace] = walk(node.not);
      out = [`!(${inner})`, `{ ${nameKey}not: ${trace}, result: !(${inner}) }`];
    } else {
      const key = 'all' in node ? 'all' : 'any';
      const children = ('all' in node ? node.all : node.any).map(walk);
      const joined = children.length ? `(${children.map(([e]) => e).join(key === 'all' ? ' && ' : ' || ')})` : 'true';
      out = [joined, `{ ${nameKey}${key}: [${children.map(([, t]) => t).join(', ')}], result: ${joined} }`];
    }
    exprOf.set(node, out[0]);
    return out;
  };

  // Named nodes in pre-order, outermost first; a named node is reported as one unit, as failedChecks does.
  const named: { name: string; expr: string }[] = [];
  const collect = (node: ConditionSpec) => {
    if (node.name !== undefined) named.push({ name: node.name, expr: exprOf.get(node)! });
    else if ('not' in node) collect(node.not);
    else if (!isLeaf(node)) ('all' in node ? node.all : node.any).forEach(collect);
  };

  const root = rule.conditions as ConditionSpec;
  const [fired, trace] = walk(root);
  collect(root);
  return { fired, named, trace };
}

/** Creates the compiled evaluator of a rule set. */
export function compiledEvaluator(rules: readonly RuleSpec[]): CompiledRuleSetEvaluator {
  const registry: LeafRegistry = { statements: [], byKey: new Map(), constants: [], reads: new Map() };
  const generated = rules.map((rule) => generateRule(rule, registry));
  const constants = registry.constants;
  // Every distinct leaf once (json-rules-engine evaluates every leaf too), then each rule's result.
  const scoped = (per: (g: Generated) => string) => `${registry.statements.join('\n')}\nreturn [${generated.map(per).join(', ')}];`;
  const make = <T>(source: string): ((facts: Facts) => T) => {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the module comment: only JSON.stringify'd, checked text is emitted
    const factory = new Function('hasOwn', 'apply', 'ops', 'constants', `return (facts) => {\n${source}\n};`) as (
      hasOwn: (o: object, k: PropertyKey) => boolean,
      apply: (op: OperatorImpl, a: unknown, b: unknown) => boolean,
      ops: Record<string, OperatorImpl>,
      constants: unknown[],
    ) => (facts: Facts) => T;
    return factory(Object.hasOwn, applyOperator, CUSTOM_OPERATORS, constants);
  };
  const firedSync = make<boolean[]>(scoped((g) => g.fired));
  const firstFailureSync = make<number[]>(scoped((g) => `(${g.fired} ? -1 : ${g.named.map((n, k) => `!(${n.expr}) ? ${k} : `).join('')}-2)`));
  const traces = make<ConditionTrace[]>(scoped((g) => g.trace));
  const evaluateSync = (facts: Facts): RuleOutcome[] => {
    const all = traces(facts);
    return rules.map((rule, i) => ({ name: rule.name, fired: all[i]!.result, event: rule.event, trace: all[i]! }));
  };
  return {
    evaluate: (facts) => Promise.resolve(evaluateSync(facts)),
    evaluateSync,
    firedSync,
    firstFailureSync,
    checkNames: generated.map((g) => g.named.map((n) => n.name)),
  };
}
