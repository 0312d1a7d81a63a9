/**
 * The runtime's errors are the kinds of `@mandate/problems`: one base class with a catalogued
 * code, one class per kind, mapped to HTTP statuses (RFC 9457) by the problem middleware.
 */
export { ConflictError, DomainError, InputError, NotAllowedError, NotFoundError, PreconditionFailedError, TooManyRequestsError, UnauthenticatedError, UnavailableError, UnprocessableError } from '@mandate/problems';
