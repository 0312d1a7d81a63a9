import { PROBLEM_CODES, type DomainProblemCode, type ProblemCodeOf } from './problemCodes.js';
import type { DomainErrorKind } from './problemKinds.js';

/**
 * The one base of every error Mandate throws on purpose: a stable SCREAMING_SNAKE `code` from the
 * catalogue, a kind that fixes the HTTP status, and `details` that become the problem's extension
 * members. A kind's class accepts only that kind's codes, so a typo or a code of another kind
 * fails the typecheck. Package errors extend the class of their kind.
 *
 * @example
 * ```ts
 * throw new NotFoundError('WORK_ITEM_NOT_FOUND', `no work item ${id}`);
 * // the HTTP layer answers 404 { type, title: 'Not found', status: 404, code: 'WORK_ITEM_NOT_FOUND', detail }
 * ```
 */
export abstract class DomainError<K extends DomainErrorKind = DomainErrorKind> extends Error {
  /** The kind, which fixes the HTTP status and title (`PROBLEM_KINDS`). */
  abstract readonly kind: K;

  constructor(
    /** The catalogued code (`PROBLEM_CODES`). */
    readonly code: ProblemCodeOf<K>,
    /** The problem's `detail`; the code's catalogued sentence when left out. */
    message?: string,
    /** Extension members of the problem document, e.g. `violations`. */
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: ErrorOptions,
  ) {
    super(message ?? PROBLEM_CODES[code].sentence, options);
    this.name = new.target.name;
  }
}

/** Whether `value` is a domain error (of any kind); unlike `instanceof`, it narrows to `DomainError` itself. */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** The request is malformed (400). */
export class InputError extends DomainError<'input'> {
  readonly kind = 'input';
}

/** No credentials, or credentials that do not verify (401). */
export class UnauthenticatedError extends DomainError<'unauthenticated'> {
  readonly kind = 'unauthenticated';
}

/** The actor may not do this (403). */
export class NotAllowedError extends DomainError<'notAllowed'> {
  readonly kind = 'notAllowed';
}

/** Not found, or not visible to this tenant (404: no probing of ids). */
export class NotFoundError extends DomainError<'notFound'> {
  readonly kind = 'notFound';
}

/** The state moved on: stale version, concurrent change, duplicate in flight (409). */
export class ConflictError extends DomainError<'conflict'> {
  readonly kind = 'conflict';
}

/** A condition the request states about the current state does not hold (412). */
export class PreconditionFailedError extends DomainError<'preconditionFailed'> {
  readonly kind = 'preconditionFailed';
}

/** Well-formed but unacceptable: missing reason, reused key with another body (422). */
export class UnprocessableError extends DomainError<'unprocessable'> {
  readonly kind = 'unprocessable';
}

/** Over a rate limit (429). */
export class TooManyRequestsError extends DomainError<'tooManyRequests'> {
  readonly kind = 'tooManyRequests';
}

/** A service the request depends on is down, e.g. the identity provider's key endpoint (503). */
export class UnavailableError extends DomainError<'unavailable'> {
  readonly kind = 'unavailable';
}

type KindClass<K extends DomainErrorKind> = new (code: ProblemCodeOf<K>, message?: string, details?: Readonly<Record<string, unknown>>, options?: ErrorOptions) => DomainError<K>;

const CLASS_OF_KIND: { [K in DomainErrorKind]: KindClass<K> } = {
  input: InputError,
  unauthenticated: UnauthenticatedError,
  notAllowed: NotAllowedError,
  notFound: NotFoundError,
  conflict: ConflictError,
  preconditionFailed: PreconditionFailedError,
  unprocessable: UnprocessableError,
  tooManyRequests: TooManyRequestsError,
  unavailable: UnavailableError,
};

/**
 * The error of a code known only at run time (e.g. the first violation of a policy verdict), of
 * the class its catalogued kind names.
 */
export function domainError(code: DomainProblemCode, message?: string, details?: Readonly<Record<string, unknown>>, options?: ErrorOptions): DomainError {
  const Kind = CLASS_OF_KIND[PROBLEM_CODES[code].kind as DomainErrorKind] as KindClass<DomainErrorKind>;
  return new Kind(code, message, details, options);
}
