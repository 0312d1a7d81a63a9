/**
 * @mandate/problems: the error model of Mandate. `DomainError` and its fixed kinds, the catalogue
 * of problem codes (code -> kind, status, title, meaning) and the RFC 9457 problem document they
 * make. Pure: no I/O, no dependencies, so every package, the runtime and the client share it.
 */
export { HTTP_PROBLEM_KINDS, PROBLEM_KINDS, type DomainErrorKind, type HttpProblemKind, type ProblemKind } from './problemKinds.js';
export { PROBLEM_CODES, isDomainProblemCode, isProblemCode, type DomainProblemCode, type ProblemCode, type ProblemCodeEntry, type ProblemCodeOf } from './problemCodes.js';
export {
  ConflictError,
  DomainError,
  InputError,
  NotAllowedError,
  NotFoundError,
  PreconditionFailedError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnavailableError,
  UnprocessableError,
  domainError,
  isDomainError,
} from './DomainError.js';
export { PROBLEM_DOCUMENT_SCHEMA, domainProblem, problemDocument, problemType, type ProblemDocument } from './problemDocument.js';
export { withProblemCodesTable } from './problemCodesTable.js';
