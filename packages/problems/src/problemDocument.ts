import type { DomainError } from './DomainError.js';
import { PROBLEM_CODES, type ProblemCode } from './problemCodes.js';
import { PROBLEM_KINDS } from './problemKinds.js';

/** An RFC 9457 problem document as the runtime sends it: the standard members, `code`, and extension members. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  [extension: string]: unknown;
}

/** The problem type URI of a code, e.g. `https://mandate.dev/problems/four-eyes-violation`. */
export function problemType(code: ProblemCode): string {
  return `https://mandate.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * The problem document of a code: status and title from its catalogued kind, unless `status`
 * overrides it (the body reader's own 4xx under `BAD_REQUEST`). Extension members come last, as
 * they always have.
 */
export function problemDocument(code: ProblemCode, detail: string, extra: Readonly<Record<string, unknown>> = {}, status?: number): ProblemDocument {
  const kind = PROBLEM_KINDS[PROBLEM_CODES[code].kind];
  return { type: problemType(code), title: kind.title, status: status ?? kind.status, code, detail, ...extra };
}

/** The problem document of a domain error: status and title by its kind, `detail` its message, `details` as extension members. */
export function domainProblem(error: DomainError): ProblemDocument {
  const { status, title } = PROBLEM_KINDS[error.kind];
  return { type: problemType(error.code), title, status, code: error.code, detail: error.message, ...error.details };
}

/** The JSON Schema of a problem document, its `code` one of the catalogue (for an OpenAPI `components.schemas.Problem`). */
export const PROBLEM_DOCUMENT_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', enum: Object.keys(PROBLEM_CODES) },
    detail: { type: 'string' },
    violations: { type: 'array' },
  },
} as const;
