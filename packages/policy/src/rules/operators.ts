/**
 * Operator semantics, one source for both evaluators. The built-ins restate json-rules-engine's
 * own definitions (`engine-default-operators`) so the compiled evaluator agrees with it to the
 * letter, loose comparisons included; the custom ones are registered on every engine.
 */

/** An operator: the fact-value validator json-rules-engine applies, and the comparison. */
export interface OperatorImpl {
  validate?: (factValue: unknown) => boolean;
  compare: (factValue: unknown, value: unknown) => boolean;
}

type Comparable = number | string;
const numberValidator = (factValue: unknown) => Number.parseFloat(factValue as string).toString() !== 'NaN';
const indexOf = (list: unknown, item: unknown) => (list as unknown[]).indexOf(item);
const toTime = (x: unknown) => (typeof x === 'string' ? Date.parse(x) : NaN);
const present = (x: unknown) => x !== undefined && x !== null && x !== '';

/** json-rules-engine's default operators. */
export const BUILT_IN_OPERATORS: Record<string, OperatorImpl> = {
  equal: { compare: (a, b) => a === b },
  notEqual: { compare: (a, b) => a !== b },
  in: { compare: (a, b) => indexOf(b, a) > -1 },
  notIn: { compare: (a, b) => indexOf(b, a) === -1 },
  contains: { validate: Array.isArray, compare: (a, b) => indexOf(a, b) > -1 },
  doesNotContain: { validate: Array.isArray, compare: (a, b) => indexOf(a, b) === -1 },
  lessThan: { validate: numberValidator, compare: (a, b) => (a as Comparable) < (b as Comparable) },
  lessThanInclusive: { validate: numberValidator, compare: (a, b) => (a as Comparable) <= (b as Comparable) },
  greaterThan: { validate: numberValidator, compare: (a, b) => (a as Comparable) > (b as Comparable) },
  greaterThanInclusive: { validate: numberValidator, compare: (a, b) => (a as Comparable) >= (b as Comparable) },
};

/** Mandate's operators (declared in the definitions' operator catalogue). */
export const CUSTOM_OPERATORS: Record<string, OperatorImpl> = {
  containsAny: { validate: Array.isArray, compare: (a, b) => Array.isArray(b) && b.some((x) => (a as unknown[]).includes(x)) },
  containsNone: { validate: Array.isArray, compare: (a, b) => Array.isArray(b) && !b.some((x) => (a as unknown[]).includes(x)) },
  before: { validate: (a) => !Number.isNaN(toTime(a)), compare: (a, b) => toTime(a) < toTime(b) },
  after: { validate: (a) => !Number.isNaN(toTime(a)), compare: (a, b) => toTime(a) > toTime(b) },
  isPresent: { compare: (a, b) => present(a) === b },
};

/** Every operator, for the compiled evaluator. */
export const ALL_OPERATORS: Record<string, OperatorImpl> = { ...BUILT_IN_OPERATORS, ...CUSTOM_OPERATORS };

/** Applies an operator as json-rules-engine does: validator first, then the comparison. */
export function applyOperator(op: OperatorImpl, factValue: unknown, value: unknown): boolean {
  return (op.validate ? op.validate(factValue) : true) && op.compare(factValue, value);
}

/**
 * json-rules-engine's fact-path step, with a plain property resolver instead of JSONPath (which is
 * slow and has had a CVE): a path applies only to an object fact; on anything else the fact value
 * itself comes back, as json-rules-engine does.
 */
export function readFact(facts: Readonly<Record<string, unknown>>, fact: string, path: string | undefined): unknown {
  const value = Object.hasOwn(facts, fact) ? facts[fact] : undefined;
  if (!path) return value;
  return value !== null && typeof value === 'object' ? resolvePath(value, path) : value;
}

/** Plain dotted property lookup; own properties only, so `constructor` or `__proto__` never resolve. */
export function resolvePath(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
