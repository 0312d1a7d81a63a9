import type { Violation } from '@mandate/policy';
import { domainError, isDomainProblemCode, type DomainError } from '@mandate/problems';

/**
 * The error that refuses a command for its first violation, carrying all of them. The kind is the
 * code's catalogued one (stale or moved on is a conflict, who-may-not is forbidden, the rest is
 * unprocessable). A reason the definitions declare themselves (an action policy's
 * `disabledReason`) is no catalogued code: it refuses as `CONDITION_NOT_MET` and stays the first
 * violation's code.
 */
export function refusal(violations: Violation[]): DomainError {
  const first = violations[0]!;
  return domainError(isDomainProblemCode(first.code) ? first.code : 'CONDITION_NOT_MET', first.message, { violations });
}
