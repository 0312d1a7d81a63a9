/**
 * The kinds of problem, each with its HTTP status and RFC 9457 `title`. A problem code has exactly
 * one kind (see `PROBLEM_CODES`), so a code always answers with the same status and title.
 */
export const PROBLEM_KINDS = {
  /** The request is malformed: a body, query, path or header that does not match. */
  input: { status: 400, title: 'Bad request' },
  /** No credentials, or credentials that do not verify. */
  unauthenticated: { status: 401, title: 'Unauthenticated' },
  /** The actor may not do this. */
  notAllowed: { status: 403, title: 'Not allowed' },
  /** Not found, or not visible to this tenant (no probing of ids). */
  notFound: { status: 404, title: 'Not found' },
  /** The state moved on: a stale version, a concurrent change, a duplicate in flight. */
  conflict: { status: 409, title: 'Conflict' },
  /** A condition the request states about the current state (e.g. `If-Match`) does not hold. */
  preconditionFailed: { status: 412, title: 'Precondition failed' },
  /** The body is larger than the limit (answered by the HTTP layer, before any code runs). */
  payloadTooLarge: { status: 413, title: 'Payload too large' },
  /** The body is not JSON (answered by the HTTP layer, before any code runs). */
  unsupportedMediaType: { status: 415, title: 'Unsupported media type' },
  /** Well-formed but unacceptable: a missing reason, a key reused with another body, an invalid definition. */
  unprocessable: { status: 422, title: 'Unprocessable' },
  /** Over a rate limit; `Retry-After` says when to come back. */
  tooManyRequests: { status: 429, title: 'Too many requests' },
  /** The server failed; the error is logged, never sent (answered by the HTTP layer only). */
  internal: { status: 500, title: 'Internal error' },
  /** Something the request depends on is down (database, identity provider, workflow engine); retry later. */
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A kind of problem: `input`, `notFound`, `conflict`, ... */
export type ProblemKind = keyof typeof PROBLEM_KINDS;

/** The kinds only the HTTP layer answers (the body reader, the error middleware); no `DomainError` carries them. */
export const HTTP_PROBLEM_KINDS = ['payloadTooLarge', 'unsupportedMediaType', 'internal'] as const satisfies readonly ProblemKind[];

/** A kind only the HTTP layer answers. */
export type HttpProblemKind = (typeof HTTP_PROBLEM_KINDS)[number];

/** The kinds a `DomainError` carries: one class each. */
export type DomainErrorKind = Exclude<ProblemKind, HttpProblemKind>;
