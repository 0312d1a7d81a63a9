import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { InputError } from './errors.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });

const code = { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,79}$' } as const;

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
      title: { type: 'string', minLength: 1, maxLength: 200 },
      businessObject,
      evidence: { type: 'object', maxProperties: 200 },
      requestedBy: { type: 'string', minLength: 1, maxLength: 200 },
      candidateGroups: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,79}$' } },
      region: { type: 'string', minLength: 1, maxLength: 40 },
      productFamily: { type: 'string', minLength: 1, maxLength: 80 },
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
  devToken: {
    type: 'object',
    additionalProperties: false,
    required: ['userId'],
    properties: { userId: { type: 'string', pattern: '^[a-z]{1,40}$' } },
  },
} as const;

const compiled = new Map<object, ValidateFunction>();

/** Returns the body typed when it matches the schema; else a 400 with every violation. */
export function validBody<T>(schema: object, body: unknown): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(body)) return body as T;
  const violations = (validate.errors ?? []).map((e) => ({ pointer: e.instancePath || '/', message: e.message ?? 'is invalid', ...(e.keyword === 'additionalProperties' ? { property: (e.params as { additionalProperty: string }).additionalProperty } : {}) }));
  throw new InputError('INVALID_REQUEST_BODY', `the request body does not match the schema: ${violations.map((v) => `${v.pointer} ${v.message}`).slice(0, 3).join('; ')}`, { violations });
}
