/**
 * Mandate's custom operators, registered on every json-rules-engine engine. The compiled
 * evaluator inlines json-rules-engine's built-ins and these (see `operatorSource`); it calls these
 * implementations only for the ones it does not inline.
 */

/** An operator: the fact-value validator json-rules-engine applies, and the comparison. */
export interface OperatorImpl {
  validate?: (factValue: unknown) => boolean;
  compare: (factValue: unknown, value: unknown) => boolean;
}

const toTime = (x: unknown) => (typeof x === 'string' ? Date.parse(x) : NaN);
const present = (x: unknown) => x !== undefined && x !== null && x !== '';

/** Mandate's operators (declared in the definitions' operator catalogue). */
export const CUSTOM_OPERATORS: Record<string, OperatorImpl> = {
  containsAny: { validate: Array.isArray, compare: (a, b) => Array.isArray(b) && b.some((x) => (a as unknown[]).includes(x)) },
  containsNone: { validate: Array.isArray, compare: (a, b) => Array.isArray(b) && !b.some((x) => (a as unknown[]).includes(x)) },
  before: { validate: (a) => !Number.isNaN(toTime(a)), compare: (a, b) => toTime(a) < toTime(b) },
  after: { validate: (a) => !Number.isNaN(toTime(a)), compare: (a, b) => toTime(a) > toTime(b) },
  isPresent: { compare: (a, b) => present(a) === b },
};

/** Applies an operator as json-rules-engine does: validator first, then the comparison. */
export function applyOperator(op: OperatorImpl, factValue: unknown, value: unknown): boolean {
  return (op.validate ? op.validate(factValue) : true) && op.compare(factValue, value);
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
