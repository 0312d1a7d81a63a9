import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { FINDING_CODES, type FindingCode } from '../findingCodes.js';
import { error, type RawFinding, type UnplacedFinding } from '../findings.js';
import { describeFinding } from '../sentences/describeFinding.js';
import { FINDING_PHRASES } from '../sentences/findingSentences.js';
import type { FindingParams } from '../sentences/renderSentence.js';
import { childPointer, fromPointer } from '../jsonPointer.js';
import { createAjv } from './createAjv.js';
import { DEFINITION_KINDS, definitionSchemas, type DefinitionKind } from '../schemas/index.js';

/** The one ajv instance; every kind's validator is compiled once, on first use. */
let compiled: { ajv: Ajv2020; validators: Map<DefinitionKind, ValidateFunction> } | undefined;

function validators() {
  if (!compiled) {
    const ajv = createAjv('own');
    const map = new Map<DefinitionKind, ValidateFunction>();
    for (const kind of DEFINITION_KINDS) map.set(kind, ajv.compile(definitionSchemas[kind]));
    compiled = { ajv, validators: map };
  }
  return compiled;
}

/** Whether `kind` names a definition kind. */
export function isDefinitionKind(kind: unknown): kind is DefinitionKind {
  return typeof kind === 'string' && Object.hasOwn(definitionSchemas, kind);
}

/**
 * Checks one document against its kind's schema. Returns findings with stable codes
 * (`SCHEMA_<KEYWORD>`, `UNKNOWN_KIND`); never throws.
 */
export function validateAgainstSchema(value: unknown): UnplacedFinding[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [describeFinding(error('SCHEMA_TYPE', '', 'a definition must be a JSON object', { expected: 'object' }), value)];
  }
  const kind = (value as { kind?: unknown }).kind;
  if (kind === undefined) return [describeFinding(error('SCHEMA_REQUIRED', '', 'missing property "kind"', { missing: 'kind' }), value)];
  if (!isDefinitionKind(kind)) {
    const unknown = error('UNKNOWN_KIND', '/kind', `unknown kind ${JSON.stringify(kind)}; expected one of ${DEFINITION_KINDS.join(', ')}`, { value: typeof kind === 'string' ? kind : JSON.stringify(kind), allowed: DEFINITION_KINDS.join(', ') });
    return [describeFinding(unknown, value)];
  }
  const validate = validators().validators.get(kind);
  if (!validate || validate(value)) return [];
  return relevantErrors(validate.errors ?? [], value).map((e) => describeFinding(toFinding(e, value), value));
}

/**
 * Whether a value is a valid JSON Schema (draft 2020-12) by the meta-schema. Used for the decision
 * and evidence schemas embedded in task types.
 */
export function schemaProblems(schema: unknown): string[] {
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared !== undefined && declared !== DRAFT_2020_12) {
    return [`$schema must be ${DRAFT_2020_12} (or absent), not ${JSON.stringify(declared)}`];
  }
  const { ajv } = validators();
  try {
    if (ajv.validateSchema(schema as object)) return [];
  } catch (e) {
    // ajv throws, rather than reporting, on some malformed schemas.
    return [e instanceof Error ? e.message : String(e)];
  }
  return (ajv.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** Which phrase of `form` explains a pattern, by the pattern (see `FINDING_PHRASES.form`). */
const FORM_OF_PATTERN: Record<string, keyof typeof FINDING_PHRASES.form> = {
  '^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$': 'code',
  '^[a-z][a-z0-9]*(-[a-z0-9]+)*$': 'group',
  '^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*@[1-9][0-9]*$': 'reference',
  '^P(?!$)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?)?$': 'duration',
  '^evidence(\\.[A-Za-z][A-Za-z0-9_]*(\\[\\])?)+$': 'evidencePath',
  '^([01][0-9]|2[0-3]):[0-5][0-9]$': 'time',
  '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$': 'endTime',
  '^[A-Z]{3}$': 'currency',
  '^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$': 'factPath',
  '^[A-Z][A-Za-z0-9]+$': 'event',
};

/** The values a keyword's sentence names, from ajv's error params and the document. */
function paramsOf(e: ErrorObject, document: unknown): FindingParams {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const expected = String(Array.isArray(p.type) ? p.type[0] : p.type).split(',')[0] ?? 'other';
      return { expected: Object.hasOwn(FINDING_PHRASES.valueType, expected) ? expected : 'other' };
    }
    case 'required':
      return { missing: String(p.missingProperty) };
    case 'additionalProperties':
      return { name: String(p.additionalProperty) };
    case 'enum':
      return { allowed: (p.allowedValues as unknown[]).map(String).join(', ') };
    case 'const':
      return { allowed: String(p.allowedValue) };
    case 'pattern':
      return { form: FORM_OF_PATTERN[String(p.pattern)] ?? 'other' };
    case 'format':
      return { format: Object.hasOwn(FINDING_PHRASES.format, String(p.format)) ? String(p.format) : 'other' };
    case 'minimum':
    case 'maximum':
      return { limit: Number(p.limit) };
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minProperties':
      return { count: Number(p.limit) };
    case 'uniqueItems': {
      const list = valueAt(document, e.instancePath);
      const item: unknown = Array.isArray(list) ? (list as unknown[])[Number(p.i)] : undefined;
      return { value: typeof item === 'string' || typeof item === 'number' ? item : JSON.stringify(item) };
    }
    case 'propertyNames':
      return { name: String(p.propertyName) };
    default:
      return {};
  }
}

function toFinding(e: ErrorObject, document: unknown): RawFinding {
  const keywordCode = `SCHEMA_${e.keyword.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
  // Every keyword our schemas use has its own code; SCHEMA_VIOLATION covers any other.
  const code: FindingCode = Object.hasOwn(FINDING_CODES, keywordCode) ? (keywordCode as FindingCode) : 'SCHEMA_VIOLATION';
  let pointer = e.instancePath;
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') {
    const extra = String((e.params as { additionalProperty: string }).additionalProperty);
    pointer = childPointer(pointer, extra);
    message = `unknown property "${extra}"`;
  } else if (e.keyword === 'required') {
    message = `missing property "${String((e.params as { missingProperty: string }).missingProperty)}"`;
  } else if (e.keyword === 'enum') {
    message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (e.keyword === 'oneOf') {
    message = 'must be a condition: { all: [...] }, { any: [...] }, { not: {...} } or { fact, operator, value }';
  } else if (e.keyword === 'const') {
    message = `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
  }
  return error(code, pointer, message, paramsOf(e, document));
}

/** The properties each condition branch requires and allows, to tell which branch was meant. */
const CONDITION_BRANCHES = {
  all: { required: ['all'], allowed: ['all', 'priority'] },
  any: { required: ['any'], allowed: ['any', 'priority'] },
  not: { required: ['not'], allowed: ['not', 'priority'] },
  leaf: { required: ['fact', 'operator', 'value'], allowed: ['fact', 'path', 'operator', 'value', 'params', 'priority'] },
} as const;

/**
 * Conditions are a oneOf of all/any/not/leaf, and ajv reports every branch's complaints. At a
 * condition, keep only the complaints of the branch the document evidently meant (the one whose
 * key it has) and drop the oneOf summary when something more specific was said.
 */
function relevantErrors(errors: ErrorObject[], value: unknown): ErrorObject[] {
  const conditionPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const kept = errors.filter((e) => {
    if (!conditionPaths.has(e.instancePath)) return true;
    const branch = CONDITION_BRANCHES[intendedBranch(valueAt(value, e.instancePath))];
    if (e.keyword === 'required') {
      return (branch.required as readonly string[]).includes((e.params as { missingProperty: string }).missingProperty);
    }
    if (e.keyword === 'additionalProperties') {
      return !(branch.allowed as readonly string[]).includes((e.params as { additionalProperty: string }).additionalProperty);
    }
    return true;
  });
  const specific = kept.filter((e) => e.keyword !== 'oneOf');
  const withoutSummaries = kept.filter(
    (e) => e.keyword !== 'oneOf' || !specific.some((s) => s.instancePath.startsWith(e.instancePath)),
  );
  // The same complaint arrives once per branch; keep one.
  const seen = new Set<string>();
  return withoutSummaries.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function intendedBranch(node: unknown): keyof typeof CONDITION_BRANCHES {
  if (typeof node === 'object' && node !== null) {
    if ('all' in node) return 'all';
    if ('any' in node) return 'any';
    if ('not' in node) return 'not';
  }
  return 'leaf';
}

function valueAt(value: unknown, pointer: string): unknown {
  let node = value;
  for (const key of fromPointer(pointer)) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}
