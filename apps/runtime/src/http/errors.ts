/**
 * The runtime's errors: one base class with a stable SCREAMING_SNAKE code, and a small fixed set
 * of kinds that the problem middleware maps to HTTP statuses (RFC 9457).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request is malformed (400). */
export class InputError extends DomainError {}
/** No credentials, or credentials that do not verify (401). */
export class UnauthenticatedError extends DomainError {}
/** The actor may not do this (403). */
export class NotAllowedError extends DomainError {}
/** Not found, or not visible to this tenant (404: no probing of ids). */
export class NotFoundError extends DomainError {}
/** The state moved on: stale version, concurrent change, duplicate in flight (409). */
export class ConflictError extends DomainError {}
/** Well-formed but unacceptable: missing reason, reused key with another body (422). */
export class UnprocessableError extends DomainError {}
/** A service the request depends on is down, e.g. the identity provider's key endpoint (503). */
export class UnavailableError extends DomainError {}
