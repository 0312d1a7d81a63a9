import { MappingError } from './compileMapping.js';
import type { TaskBinding } from './parseBindings.js';

/** The business object a work item is about, at a version (as the runtime's create request takes it). */
export interface BusinessObjectRef {
  type: string;
  id: string;
  version: number;
  revision?: number;
  snapshot?: Record<string, unknown>;
}

/**
 * The work item a bound user task asks for: the runtime's create request without `callerRef`,
 * which the engine adapter adds. A pinned version and an inline expiry stay on the binding.
 */
export interface WorkItemRequest {
  taskType: string;
  title?: string;
  businessObject: BusinessObjectRef;
  evidence: Record<string, unknown>;
  requestedBy?: string;
  candidateGroups?: string[];
  region?: string;
  productFamily?: string;
  /** ISO 8601 instant: an item still open then expires (e.g. a quote's validity end). */
  expiresAt?: string;
}

/** The keys an input mapping may produce. */
export const INPUT_MAPPING_KEYS = ['businessObject', 'evidence', 'title', 'requestedBy', 'region', 'productFamily', 'expiresAt'] as const;

const CODE = /^[A-Z][A-Z0-9_]{0,79}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const BUSINESS_OBJECT_KEYS = ['type', 'id', 'version', 'revision', 'snapshot'];

/**
 * Checks an input mapping's result and joins it with the binding: the task type, and for an inline
 * binding its title and candidate groups. A title from the mapping wins over the inline title.
 * Throws {@link MappingError} `MAPPING_RESULT` listing every problem.
 *
 * @example
 * workItemRequest({ kind: 'template', taskType: 'DISCOUNT_APPROVAL' }, await evaluateMapping(input, variables));
 */
export function workItemRequest(binding: TaskBinding, mapped: Readonly<Record<string, unknown>>): WorkItemRequest {
  const problems: string[] = [];
  for (const key of Object.keys(mapped)) {
    if (!(INPUT_MAPPING_KEYS as readonly string[]).includes(key)) problems.push(`unknown key ${key} (expected ${INPUT_MAPPING_KEYS.join(', ')})`);
  }
  const bo = mapped.businessObject;
  if (!isObject(bo)) problems.push(`businessObject must be an object with type, id and version (got ${describe(bo)})`);
  else {
    if (typeof bo.type !== 'string' || !CODE.test(bo.type)) problems.push(`businessObject.type must be a SCREAMING_SNAKE code (got ${describe(bo.type)})`);
    if (typeof bo.id !== 'string' || bo.id.length === 0 || bo.id.length > 120) problems.push(`businessObject.id must be a string of 1 to 120 characters (got ${describe(bo.id)})`);
    if (!isCount(bo.version)) problems.push(`businessObject.version must be an integer >= 0 (got ${describe(bo.version)})`);
    if (bo.revision !== undefined && !isCount(bo.revision)) problems.push(`businessObject.revision must be an integer >= 0 (got ${describe(bo.revision)})`);
    if (bo.snapshot !== undefined && !isObject(bo.snapshot)) problems.push(`businessObject.snapshot must be an object (got ${describe(bo.snapshot)})`);
    for (const key of Object.keys(bo)) if (!BUSINESS_OBJECT_KEYS.includes(key)) problems.push(`unknown key businessObject.${key} (expected ${BUSINESS_OBJECT_KEYS.join(', ')})`);
  }
  if (!isObject(mapped.evidence)) problems.push(`evidence must be an object (got ${describe(mapped.evidence)})`);
  for (const key of ['title', 'requestedBy', 'region', 'productFamily'] as const) {
    const value = mapped[key];
    if (value !== undefined && (typeof value !== 'string' || value.length === 0)) problems.push(`${key} must be a non-empty string (got ${describe(value)})`);
  }
  if (mapped.expiresAt !== undefined && (typeof mapped.expiresAt !== 'string' || !INSTANT.test(mapped.expiresAt) || Number.isNaN(Date.parse(mapped.expiresAt)))) {
    problems.push(`expiresAt must be an ISO 8601 instant with its offset (got ${describe(mapped.expiresAt)})`);
  }
  if (problems.length) throw new MappingError('MAPPING_RESULT', `the input mapping's result is not a work item for ${binding.taskType}: ${problems.join('; ')}`);

  const request: WorkItemRequest = {
    taskType: binding.taskType,
    businessObject: mapped.businessObject as BusinessObjectRef,
    evidence: mapped.evidence as Record<string, unknown>,
  };
  const title = (mapped.title as string | undefined) ?? (binding.kind === 'inline' ? binding.title : undefined);
  if (title !== undefined) request.title = title;
  for (const key of ['requestedBy', 'region', 'productFamily', 'expiresAt'] as const) {
    const value = mapped[key];
    if (typeof value === 'string') request[key] = value;
  }
  if (binding.kind === 'inline' && binding.candidateGroups) request.candidateGroups = [...binding.candidateGroups];
  return request;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2147483647;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
