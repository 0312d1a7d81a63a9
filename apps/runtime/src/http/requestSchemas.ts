/**
 * Request validation: the contract's JSON Schemas (`@mandate/contract`) compiled with ajv. A body,
 * query or path that does not match is a 400 with every violation.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { requestSchemas } from '@mandate/contract';
import { createAjv } from '@mandate/definitions';
import { InputError } from '@mandate/problems';
import { isInstant } from './isInstant.js';

const ajv = createAjv('own');
ajv.addFormat('instant', { type: 'string', validate: isInstant });

export { requestSchemas };

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

/** Returns the path parameters typed when they match the schema; else a 400. */
export function validParams<T>(schema: object, params: unknown): T {
  const violations = violationsOf(schema, params);
  if (!violations) return params as T;
  throw new InputError('INVALID_PATH', `the path does not match: ${violations.map((v) => `${v.pointer === '/' ? '' : v.pointer.slice(1)} ${v.message}`).slice(0, 3).join('; ')}`, { violations });
}

/** Returns the body typed when it matches the schema; else a 400 with every violation. */
export function validBody<T>(schema: object, body: unknown): T {
  const violations = violationsOf(schema, body);
  if (!violations) return body as T;
  throw new InputError('INVALID_REQUEST_BODY', `the request body does not match the schema: ${violations.map((v) => `${v.pointer} ${v.message}`).slice(0, 3).join('; ')}`, { violations });
}
