import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { domainProblem, isDomainError, problemDocument, type ProblemCode, type ProblemDocument } from '@mandate/problems';
import { isDatabaseUnavailable } from '@mandate/store';

type Response = Parameters<ErrorRequestHandler>[2];

function send(res: Response, problem: ProblemDocument): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/**
 * Sends the RFC 9457 problem document of a catalogued code: status and title from its kind, unless
 * `status` overrides the status (the body reader's own 4xx).
 */
export function sendProblem(res: Response, code: ProblemCode, detail: string, extra: Record<string, unknown> = {}, status?: number): void {
  send(res, problemDocument(code, detail, extra, status));
}

/** Seconds a caller should wait before retrying a request the database could not serve. */
export const DATABASE_RETRY_AFTER_SECONDS = 1;

/**
 * Turns every error into problem+json. A domain error (every package's errors are) by its kind,
 * nothing else; then what is not ours: body-parser errors by their status, a database that could
 * not be reached or dropped the connection as 503 with `Retry-After` (the command wrote nothing or
 * everything, and a retry with the same Idempotency-Key is safe), anything else as a 500 without
 * internals (it is logged, never sent).
 */
export const problemMiddleware = (logger: Logger): ErrorRequestHandler => (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  if (isDomainError(error)) {
    const problem = domainProblem(error);
    // The caller only sees the code; operators need the cause (e.g. why the key endpoint failed).
    if (problem.status >= 500) logger.error({ err: error, reqId: (req as { id?: unknown }).id }, error.message);
    return send(res, problem);
  }
  const status = (error as { status?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  if (status === 413) return sendProblem(res, 'PAYLOAD_TOO_LARGE', 'the request body is larger than the limit');
  if (status === 400 && type === 'entity.parse.failed') return sendProblem(res, 'MALFORMED_JSON', 'the request body is not valid JSON');
  if (typeof status === 'number' && status >= 400 && status < 500) return sendProblem(res, 'BAD_REQUEST', 'the request could not be read', {}, status);
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error, reqId: (req as { id?: unknown }).id }, 'the database is unavailable');
    res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return sendProblem(res, 'DATABASE_UNAVAILABLE', 'the database did not answer; retry shortly (under the same Idempotency-Key a command runs at most once)');
  }
  logger.error({ err: error, reqId: (req as { id?: unknown }).id }, 'unhandled error');
  return sendProblem(res, 'INTERNAL_ERROR', 'the server failed; the error is logged');
};
