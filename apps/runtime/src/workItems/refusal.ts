import type { Violation } from '@mandate/policy';
import { ConflictError, NotAllowedError, UnprocessableError, type DomainError } from '../http/errors.js';

/** The HTTP meaning of a policy check: stale or moved on is a conflict, who-may-not is forbidden, the rest is unprocessable. */
const KIND_OF_CHECK: Record<string, 'conflict' | 'forbidden'> = {
  STALE_BUSINESS_OBJECT: 'conflict',
  INVALID_STATE: 'conflict',
  FOUR_EYES_VIOLATION: 'forbidden',
  AUTHORITY_LIMIT_EXCEEDED: 'forbidden',
  NOT_ASSIGNEE: 'forbidden',
  NOT_A_CANDIDATE: 'forbidden',
  NOT_A_PARTICIPANT: 'forbidden',
  NOT_THE_DELEGATE: 'forbidden',
  TENANT_MISMATCH: 'forbidden',
  EVIDENCE_REQUIRED: 'forbidden',
  ELEVATED_ROLE_REQUIRED: 'forbidden',
  MANAGER_AUTHORITY_REQUIRED: 'forbidden',
  FORBIDDEN_ACTION: 'forbidden',
};

/** The error that refuses a command for its first violation, carrying all of them. */
export function refusal(violations: Violation[]): DomainError {
  const first = violations[0]!;
  const details = { violations };
  const kind = KIND_OF_CHECK[first.code];
  if (kind === 'conflict') return new ConflictError(first.code, first.message, details);
  if (kind === 'forbidden') return new NotAllowedError(first.code, first.message, details);
  return new UnprocessableError(first.code, first.message, details);
}
