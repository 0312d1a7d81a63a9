import type { Problem as WireProblem, ProblemViolation } from '@mandate/contract';
import type { ProblemCode } from '@mandate/problems';

/**
 * The code of a {@link Problem}: one of the runtime's catalogue (docs/problems.md), or
 * `HTTP_<status>` for an error response that is no problem document.
 */
export type MandateProblemCode = ProblemCode | `HTTP_${number}`;

/** An RFC 9457 problem document as the runtime sends it (the contract's), its code typed by the catalogue. */
export type Problem = WireProblem & { code: MandateProblemCode };

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail']);

/**
 * A non-2xx answer of the runtime. A problem+json body keeps its `code`; any other error response
 * gets the code `HTTP_<status>`. Network failures are not problems: they propagate as thrown by
 * `fetch`.
 *
 * @example
 * ```ts
 * try {
 *   await client.decide(id, command);
 * } catch (e) {
 *   if (e instanceof MandateProblem && e.code === 'STALE_BUSINESS_OBJECT') reload();
 *   else throw e;
 * }
 * ```
 */
export class MandateProblem extends Error {
  override readonly name = 'MandateProblem';
  /** The HTTP status. */
  readonly status: number;
  /** Stable SCREAMING_SNAKE code of the catalogue (docs/problems.md), e.g. `FOUR_EYES_VIOLATION`, or `HTTP_<status>`. */
  readonly code: MandateProblemCode;
  readonly title: string;
  readonly detail: string;
  /** The problem type URI (`about:blank` when the body was not a problem document). */
  readonly type: string;
  /** Why a body or a decision was refused, when the runtime says. */
  readonly violations?: ProblemViolation[];
  /** Every failed policy check of a refused action, when the runtime says. */
  readonly failedChecks?: string[];
  /** Members beyond the RFC 9457 ones and `code`, e.g. `violations`, `failedChecks`, `requiredFields`. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** The `X-Request-Id` of the response: what the runtime's logs carry. */
  readonly requestId?: string;
  /** The Idempotency-Key the command was sent with: retry with it, never with a new one. */
  readonly idempotencyKey?: string;

  constructor(problem: Problem, context: { requestId?: string; idempotencyKey?: string } = {}) {
    super(`${problem.code}: ${problem.detail}`);
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.extensions = Object.fromEntries(Object.entries(problem).filter(([key]) => !STANDARD_MEMBERS.has(key)));
    if (Array.isArray(problem.violations)) this.violations = problem.violations;
    if (Array.isArray(problem.failedChecks)) this.failedChecks = problem.failedChecks;
    if (context.requestId) this.requestId = context.requestId;
    if (context.idempotencyKey) this.idempotencyKey = context.idempotencyKey;
  }

  /** The problem document, as received (or as made up for a non-problem error response). */
  toProblem(): Problem {
    return { ...this.extensions, type: this.type, title: this.title, status: this.status, code: this.code, detail: this.detail };
  }
}
