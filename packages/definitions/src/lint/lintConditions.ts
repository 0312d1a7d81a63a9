import {
  isInstant,
  FACT_CATALOGUE,
  OPERATOR_CATALOGUE,
  isFactName,
  isOperatorName,
  type FactType,
} from '../factCatalogue.js';
import { FINDING_PHRASES } from '../sentences/findingSentences.js';
import { error, type RawFinding } from '../findings.js';
import { childPointer } from '../jsonPointer.js';
import { factTypeOfSchema, resolveEvidencePath } from './resolveEvidencePath.js';

/** What a rule may read beyond the static catalogue: the evidence schemas of the task types that use it. */
export interface ConditionContext {
  evidenceSchemas: readonly unknown[];
  /** `ID@VERSION` of the task type of each evidence schema, for messages. */
  users?: readonly string[];
}

/**
 * Checks every leaf of a json-rules-engine condition tree: the fact is in the catalogue, its path
 * is declared (evidence paths exist in the task type's evidence schema), the operator is known and
 * fits the fact's type, and the value's type fits both. json-rules-engine itself compares loosely
 * (`"5" > 1` is true), so type mistakes must be caught here, before any evaluation.
 */
export function lintConditions(condition: unknown, pointer: string, context: ConditionContext): RawFinding[] {
  const findings: RawFinding[] = [];
  walk(condition, pointer, (leaf, at) => findings.push(...lintLeaf(leaf, at, context)));
  return findings;
}

interface Leaf {
  fact: string;
  path?: unknown;
  operator: string;
  value: unknown;
}

function walk(node: unknown, pointer: string, visit: (leaf: Leaf, pointer: string) => void): void {
  if (typeof node !== 'object' || node === null) return;
  const n = node as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) {
    const list = n[key];
    if (Array.isArray(list)) list.forEach((child, i) => walk(child, childPointer(pointer, key, i), visit));
  }
  if ('not' in n) walk(n.not, childPointer(pointer, 'not'), visit);
  if (typeof n.fact === 'string' && typeof n.operator === 'string') visit(n as unknown as Leaf, pointer);
}

type Resolved = { type: FactType | undefined } | { finding: RawFinding };

const PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

function resolveFact(fact: string, path: unknown, pointer: string, context: ConditionContext): Resolved {
  if (path !== undefined && (typeof path !== 'string' || !PATH.test(path))) {
    return { finding: error('RULE_UNKNOWN_FACT_PATH', childPointer(pointer, 'path'), `a fact path is a dotted property path, not ${JSON.stringify(path)}`, { fact, path: typeof path === 'string' ? path : JSON.stringify(path), problem: 'malformed' }) };
  }
  if (!isFactName(fact)) {
    return { finding: error('RULE_UNKNOWN_FACT', childPointer(pointer, 'fact'), `unknown fact "${fact}"; known facts: ${Object.keys(FACT_CATALOGUE).join(', ')}`, { fact }) };
  }
  const entry = FACT_CATALOGUE[fact];
  if ('type' in entry) {
    if (path !== undefined) {
      return { finding: error('RULE_UNKNOWN_FACT_PATH', childPointer(pointer, 'path'), `fact "${fact}" has no paths`, { fact, path: String(path), problem: 'noPaths' }) };
    }
    return { type: entry.type };
  }
  if (path === undefined) {
    return { finding: error('RULE_UNKNOWN_FACT_PATH', pointer, `fact "${fact}" needs a path, e.g. ${Object.keys(entry.paths)[0] ?? 'a field of the evidence'}`, { fact, example: Object.keys(entry.paths)[0] ?? 'amount', problem: 'missing' }) };
  }
  if (fact === 'evidence') {
    if (context.evidenceSchemas.length === 0) return { type: undefined };
    // Every task type using the definition must have the path, or the rule silently never holds for some.
    const nodes = context.evidenceSchemas.map((schema) => resolveEvidencePath(schema, path.split('.')));
    const missing = nodes.findIndex((node) => node === undefined);
    if (missing >= 0) {
      const user = context.users?.[missing];
      return { finding: error('RULE_UNKNOWN_FACT_PATH', childPointer(pointer, 'path'), `evidence.${path} is not in the evidence schema of ${user ?? 'a task type using this definition'}`, { fact, path, taskType: user ?? '?', problem: 'notInEvidence' }) };
    }
    const types = new Set(nodes.map((node) => (node ? factTypeOfSchema(node) : undefined)));
    return { type: types.size === 1 ? [...types][0] : undefined };
  }
  const paths = entry.paths as Record<string, FactType>;
  if (!Object.hasOwn(paths, path)) {
    return { finding: error('RULE_UNKNOWN_FACT_PATH', childPointer(pointer, 'path'), `fact "${fact}" has no path "${path}"; declared: ${Object.keys(paths).join(', ')}`, { fact, path, problem: 'undeclared' }) };
  }
  return { type: paths[path] };
}

function lintLeaf(leaf: Leaf, pointer: string, context: ConditionContext): RawFinding[] {
  const fact = resolveFact(leaf.fact, leaf.path, pointer, context);
  if ('finding' in fact) return [fact.finding];
  if (!isOperatorName(leaf.operator)) {
    return [error('RULE_UNKNOWN_OPERATOR', childPointer(pointer, 'operator'), `unknown operator "${leaf.operator}"; known operators: ${Object.keys(OPERATOR_CATALOGUE).join(', ')}`, { operator: leaf.operator })];
  }
  const factType = fact.type;
  if (factType === undefined) return [];
  const spec = OPERATOR_CATALOGUE[leaf.operator];
  if (!factFits(spec.fact, factType)) {
    return [error('RULE_OPERATOR_TYPE_MISMATCH', childPointer(pointer, 'operator'), `operator "${leaf.operator}" does not apply to ${describeFact(leaf)} of type ${factType}`, { operator: leaf.operator, fact: describeFact(leaf), factType: typeWord(factType) })];
  }

  let valueType: string | undefined;
  if (isFactReference(leaf.value)) {
    const other = resolveFact(leaf.value.fact, leaf.value.path, childPointer(pointer, 'value'), context);
    if ('finding' in other) return [other.finding];
    valueType = other.type;
    if (valueType === undefined) return [];
  } else {
    valueType = typeOfConstant(leaf.value, factType);
  }
  const expected = expectedValueType(spec.value, factType);
  if (!valueFits(expected, valueType)) {
    return [error('RULE_VALUE_TYPE_MISMATCH', childPointer(pointer, 'value'), `${describeFact(leaf)} is ${factType}; operator "${leaf.operator}" needs a value of type ${expected}, got ${valueType ?? 'an object'}`, { fact: describeFact(leaf), operator: leaf.operator, expected: typeWord(expected) })];
  }
  return [];
}

/** The `valueType` phrase key of a fact or value type (`string[]` -> `textList`). */
function typeWord(type: string): string {
  const key = ({ 'string[]': 'textList', 'number[]': 'numberList', 'boolean[]': 'list', 'date-time': 'dateTime', 'date-time[]': 'list' } as Record<string, string>)[type] ?? type;
  return Object.hasOwn(FINDING_PHRASES.valueType, key) ? key : 'other';
}

function describeFact(leaf: Leaf): string {
  return typeof leaf.path === 'string' ? `${leaf.fact}.${leaf.path}` : leaf.fact;
}

function factFits(wanted: string, actual: FactType): boolean {
  if (wanted === 'any') return true;
  if (wanted === 'scalar') return actual !== 'string[]';
  return wanted === actual;
}

function expectedValueType(spec: string, factType: FactType): string {
  switch (spec) {
    case 'same':
      return factType;
    case 'array-of-fact':
      return factType === 'string' || factType === 'date-time' ? 'string[]' : `${factType}[]`;
    case 'element':
      return 'string';
    default:
      return spec;
  }
}

function valueFits(expected: string, actual: string | undefined): boolean {
  if (actual === expected) return true;
  // An empty array fits any array type; a date-time constant is also a string.
  if (actual === 'empty[]' && expected.endsWith('[]')) return true;
  return expected === 'string' && actual === 'date-time';
}

function typeOfConstant(value: unknown, factType: FactType): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : undefined;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') {
    return factType === 'date-time' && isInstant(value) ? 'date-time' : 'string';
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'empty[]';
    for (const type of ['string', 'number', 'boolean'] as const) {
      if (value.every((v) => typeof v === type)) return `${type}[]`;
    }
    return 'mixed[]';
  }
  return undefined;
}

/** A value naming another fact, as json-rules-engine reads it: any object with a `fact` member. */
function isFactReference(value: unknown): value is { fact: string; path?: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'fact');
}
