import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { WORK_ITEM_STATES } from '@mandate/definitions';
import { InputError } from './errors.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });

const code = { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,79}$' } as const;
/** A person (`sub`, or `iss|sub`). */
const reference = { type: 'string', pattern: '^[A-Za-z0-9_.@|:/-]{1,200}$' } as const;
/** An id from another system: a business object, business key or workflow reference. */
const externalId = { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,120}$' } as const;
const integerText = { type: 'string', pattern: '^-?[0-9]{1,9}$' } as const;
/** An RFC 3339 instant with an offset. */
const instantText = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})$' } as const;

/** A business object reference with its version and, optionally, the facts the policy reads. */
const businessObject = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'id', 'version'],
  properties: {
    type: code,
    id: { type: 'string', minLength: 1, maxLength: 120 },
    version: { type: 'integer', minimum: 0, maximum: 2147483647 },
    revision: { type: 'integer', minimum: 0, maximum: 2147483647 },
    snapshot: { type: 'object', maxProperties: 100 },
  },
} as const;

/** JSON Schemas of request bodies: every body is validated before anything else runs. */
export const requestSchemas = {
  createWorkItem: {
    type: 'object',
    additionalProperties: false,
    required: ['taskType', 'businessObject', 'evidence'],
    properties: {
      taskType: code,
      taskTypeVersion: { type: 'integer', minimum: 1, maximum: 100000 },
      title: { type: 'string', minLength: 1, maxLength: 200 },
      businessObject,
      evidence: { type: 'object', maxProperties: 200 },
      requestedBy: { type: 'string', minLength: 1, maxLength: 200 },
      candidateGroups: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,79}$' } },
      region: { type: 'string', minLength: 1, maxLength: 40 },
      productFamily: { type: 'string', minLength: 1, maxLength: 80 },
      callerRef: {
        type: 'object',
        additionalProperties: false,
        required: ['engine', 'processKey', 'processInstanceId', 'activityId', 'taskId'],
        description: 'The workflow activation waiting for the decision; a second create with the same reference returns the first item.',
        properties: Object.fromEntries(['engine', 'processKey', 'processInstanceId', 'activityId', 'taskId'].map((name) => [name, externalId])),
      },
    },
  },
  decide: {
    type: 'object',
    additionalProperties: false,
    required: ['decision', 'expectedBusinessObjectVersion'],
    properties: {
      decision: code,
      reasonCode: code,
      comment: { type: 'string', maxLength: 4000 },
      acknowledged: { type: 'boolean' },
      expectedBusinessObjectVersion: { type: 'integer', minimum: 0, maximum: 2147483647 },
      form: { type: 'object', maxProperties: 100 },
    },
  },
  businessEvent: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'businessObject'],
    properties: {
      type: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]{1,79}$' },
      businessObject,
      evidence: { type: 'object', maxProperties: 200 },
    },
  },
  lifecycle: {
    type: 'object',
    additionalProperties: false,
    properties: {
      reasonCode: code,
      comment: { type: 'string', minLength: 1, maxLength: 4000 },
      delegateTo: { type: 'string', pattern: '^[A-Za-z0-9_.@|-]{1,200}$' },
      assignee: { type: 'string', pattern: '^[A-Za-z0-9_.@|-]{1,200}$' },
    },
  },
  recoveryAction: {
    type: 'object',
    additionalProperties: false,
    properties: {
      reasonCode: code,
      comment: { type: 'string', minLength: 1, maxLength: 4000 },
      acknowledged: { type: 'boolean' },
      evidence: { type: 'object', minProperties: 1, maxProperties: 50 },
      expectedBusinessObjectVersion: { type: 'integer', minimum: 0, maximum: 2147483647 },
    },
  },
  /** Query strings arrive as text: each parameter has its pattern, unknown ones are refused. */
  workItemQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { enum: WORK_ITEM_STATES },
      taskType: code,
      assignee: reference,
      candidateGroup: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,79}$' },
      businessObjectId: externalId,
      priorityMin: integerText,
      overdue: { enum: ['true', 'false'] },
      limit: { type: 'string', pattern: '^(?:[1-9]|[1-9][0-9]|1[0-9][0-9]|200)$' },
      cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,400}$' },
    },
  },
  auditQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      workItemId: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' },
      businessObjectType: code,
      businessObjectId: externalId,
      actor: reference,
      from: instantText,
      to: instantText,
      after: { type: 'string', pattern: '^[0-9]{1,15}$' },
      limit: { type: 'string', pattern: '^(?:[1-9][0-9]{0,2}|1000)$' },
    },
    dependentRequired: { businessObjectId: ['businessObjectType'], businessObjectType: ['businessObjectId'] },
  },
  startProcess: {
    type: 'object',
    additionalProperties: false,
    properties: {
      businessKey: externalId,
      variables: { type: 'object', maxProperties: 200 },
    },
  },
  devToken: {
    type: 'object',
    additionalProperties: false,
    required: ['userId'],
    properties: { userId: { type: 'string', pattern: '^[a-z]{1,40}$' } },
  },
} as const;

const compiled = new Map<object, ValidateFunction>();

function violationsOf(schema: object, value: unknown) {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return undefined;
  return (validate.errors ?? []).map((e) => ({ pointer: e.instancePath || '/', message: e.message ?? 'is invalid', ...(e.keyword === 'additionalProperties' ? { property: (e.params as { additionalProperty: string }).additionalProperty } : {}) }));
}

/** Returns the query typed when it matches the schema (repeated parameters never do); else a 400. */
export function validQuery<T>(schema: object, query: unknown): T {
  const violations = violationsOf(schema, query);
  if (!violations) return query as T;
  throw new InputError('INVALID_QUERY', `the query does not match the schema: ${violations.map((v) => `${v.pointer === '/' ? '' : v.pointer.slice(1)}${v.property ?? ''} ${v.message}`).slice(0, 3).join('; ')}`, { violations });
}

/** Returns the body typed when it matches the schema; else a 400 with every violation. */
export function validBody<T>(schema: object, body: unknown): T {
  const violations = violationsOf(schema, body);
  if (!violations) return body as T;
  throw new InputError('INVALID_REQUEST_BODY', `the request body does not match the schema: ${violations.map((v) => `${v.pointer} ${v.message}`).slice(0, 3).join('; ')}`, { violations });
}
