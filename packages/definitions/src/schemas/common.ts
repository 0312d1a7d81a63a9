/**
 * Building blocks shared by every definition kind's JSON Schema.
 *
 * Each kind's schema is self-contained (it embeds these `$defs`), so a schema file can be handed to
 * an editor, a form renderer or another validator without resolving references across files.
 */

/** The `$id` prefix of every Mandate schema; stable across releases. */
export const SCHEMA_BASE_URI = 'https://schemas.mandate.dev/definitions/';

/** The lifecycle states a definition version passes through. */
export const DEFINITION_STATUSES = ['draft', 'in_review', 'published', 'retired'] as const;

/** Work item states the action policy can name (the runtime's state machine). */
export const WORK_ITEM_STATES = [
  'available',
  'claimed',
  'delegated',
  'escalated',
  'decided',
  'completed',
  'cancelled',
  'obsolete',
  'expired',
] as const;

/** The form of every code and definition id (SCREAMING_SNAKE), as the schemas' `Code` pattern. */
export const CODE_PATTERN = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

const screamingSnake = CODE_PATTERN.source;

/** Shared `$defs`, embedded in each kind's schema. */
export const commonDefs = {
  Code: {
    type: 'string',
    pattern: screamingSnake,
    maxLength: 80,
    description: 'A stable SCREAMING_SNAKE identifier.',
  },
  Role: {
    type: 'string',
    pattern: screamingSnake,
    maxLength: 80,
    description: 'An actor role, e.g. FINANCE_APPROVER.',
  },
  Group: {
    type: 'string',
    pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
    maxLength: 80,
    description: 'A candidate group, kebab-case, e.g. regional-sales-directors.',
  },
  Reference: {
    type: 'string',
    pattern: '^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*@[1-9][0-9]*$',
    maxLength: 100,
    description: 'A pinned reference to another definition: ID@VERSION.',
  },
  Duration: {
    type: 'string',
    pattern: '^P(?!$)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?)?$',
    description: 'An ISO 8601 duration in days, hours and minutes, e.g. PT8H, P1DT4H, PT30M.',
  },
  EvidencePath: {
    type: 'string',
    pattern: '^evidence(\\.[A-Za-z][A-Za-z0-9_]*(\\[\\])?)+$',
    maxLength: 200,
    description: 'A dotted path into the work item evidence; `[]` steps into every array element.',
  },
  Condition: {
    description: 'A json-rules-engine condition: a leaf comparison or a nested all/any/not.',
    oneOf: [
      { $ref: '#/$defs/AllCondition' },
      { $ref: '#/$defs/AnyCondition' },
      { $ref: '#/$defs/NotCondition' },
      { $ref: '#/$defs/LeafCondition' },
    ],
  },
  AllCondition: {
    type: 'object',
    required: ['all'],
    additionalProperties: false,
    properties: {
      all: { type: 'array', items: { $ref: '#/$defs/Condition' }, minItems: 1, maxItems: 100 },
    },
  },
  AnyCondition: {
    type: 'object',
    required: ['any'],
    additionalProperties: false,
    properties: {
      any: { type: 'array', items: { $ref: '#/$defs/Condition' }, minItems: 1, maxItems: 100 },
    },
  },
  NotCondition: {
    type: 'object',
    required: ['not'],
    additionalProperties: false,
    properties: {
      not: { $ref: '#/$defs/Condition' },
    },
  },
  LeafCondition: {
    type: 'object',
    required: ['fact', 'operator', 'value'],
    additionalProperties: false,
    properties: {
      fact: { type: 'string', minLength: 1, maxLength: 100 },
      path: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$', maxLength: 200 },
      operator: { type: 'string', minLength: 1, maxLength: 60 },
      value: {
        description: 'A constant, or { fact, path } to compare against another fact.',
      },
      params: { type: 'object', additionalProperties: true },
    },
  },
  TopLevelCondition: {
    description: 'The root of a rule: all, any or not.',
    oneOf: [
      { $ref: '#/$defs/AllCondition' },
      { $ref: '#/$defs/AnyCondition' },
      { $ref: '#/$defs/NotCondition' },
    ],
  },
} as const;

/** The base properties every definition carries, with `kind` fixed to one value. */
export function baseProperties(kind: string) {
  return {
    $schema: { type: 'string' },
    kind: { const: kind },
    id: { $ref: '#/$defs/Code' },
    version: { type: 'integer', minimum: 1, description: 'Positive integer, one per published change.' },
    status: { enum: DEFINITION_STATUSES },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
  } as const;
}

/** The base required properties. */
export const baseRequired = ['kind', 'id', 'version', 'status', 'title'] as const;

/** A json-rules-engine rule whose event is fixed to `eventType` with the given params schema. */
export function ruleSchema(eventType: string, paramsSchema: object, description: string) {
  return {
    type: 'object',
    description,
    required: ['name', 'conditions', 'event'],
    additionalProperties: false,
    properties: {
      name: { $ref: '#/$defs/Code' },
      description: { type: 'string', maxLength: 1000 },
      priority: { type: 'integer', minimum: 1, description: 'Higher runs first (json-rules-engine).' },
      conditions: { $ref: '#/$defs/TopLevelCondition' },
      event: {
        type: 'object',
        required: ['type', 'params'],
        additionalProperties: false,
        properties: { type: { const: eventType }, params: paramsSchema },
      },
    },
  } as const;
}

/** Wraps a kind's properties into a complete, self-contained draft 2020-12 schema. */
export function definitionSchema(
  kind: string,
  description: string,
  properties: Record<string, unknown>,
  required: readonly string[],
  defs: Record<string, unknown> = {},
) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${SCHEMA_BASE_URI}${kind}.schema.json`,
    title: kind,
    description,
    type: 'object',
    required: [...baseRequired, ...required],
    additionalProperties: false,
    properties: { ...baseProperties(kind), ...properties },
    $defs: { ...commonDefs, ...defs },
  };
}
