import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '@mandate/store';
import { ConflictError, DomainError, InputError, NotAllowedError, NotFoundError, UnauthenticatedError, UnavailableError, UnprocessableError } from './errors.js';

const STATUS: [new (...args: never[]) => DomainError, number, string][] = [
  [InputError, 400, 'Bad request'],
  [UnauthenticatedError, 401, 'Unauthenticated'],
  [NotAllowedError, 403, 'Not allowed'],
  [NotFoundError, 404, 'Not found'],
  [ConflictError, 409, 'Conflict'],
  [UnprocessableError, 422, 'Unprocessable'],
  [UnavailableError, 503, 'Service unavailable'],
];

/** Sends an RFC 9457 problem document. */
export function sendProblem(res: Parameters<ErrorRequestHandler>[2], status: number, title: string, code: string, detail: string, extra: Record<string, unknown> = {}): void {
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: `https://mandate.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title, status, code, detail, ...extra }));
}

/** Seconds a caller should wait before retrying a request the database could not serve. */
export const DATABASE_RETRY_AFTER_SECONDS = 1;

/**
 * Turns every error into problem+json: domain errors by kind, body-parser errors by their status,
 * a database that could not be reached or dropped the connection as 503 with `Retry-After` (the
 * command wrote nothing or everything, and a retry with the same Idempotency-Key is safe),
 * anything else as a 500 without internals (it is logged, never sent).
 */
export const problemMiddleware = (logger: Logger): ErrorRequestHandler => (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof DomainError) {
    const [, status, title] = STATUS.find(([kind]) => error instanceof kind) ?? [DomainError, 500, 'Internal error'];
    // The caller only sees the code; operators need the cause (e.g. why the key endpoint failed).
    if (status >= 500) logger.error({ err: error, reqId: (req as { id?: unknown }).id }, error.message);
    return sendProblem(res, status, title, error.code, error.message, error.details);
  }
  const status = (error as { status?: unknown }).status;
  const type = (error as { type?: unknown }).type;
  if (status === 413) return sendProblem(res, 413, 'Payload too large', 'PAYLOAD_TOO_LARGE', 'the request body is larger than the limit');
  if (status === 400 && type === 'entity.parse.failed') return sendProblem(res, 400, 'Bad request', 'MALFORMED_JSON', 'the request body is not valid JSON');
  if (typeof status === 'number' && status >= 400 && status < 500) return sendProblem(res, status, 'Bad request', 'BAD_REQUEST', 'the request could not be read');
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error, reqId: (req as { id?: unknown }).id }, 'the database is unavailable');
    res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return sendProblem(res, 503, 'Service unavailable', 'DATABASE_UNAVAILABLE', 'the database did not answer; retry shortly (under the same Idempotency-Key a command runs at most once)');
  }
  logger.error({ err: error, reqId: (req as { id?: unknown }).id }, 'unhandled error');
  return sendProblem(res, 500, 'Internal error', 'INTERNAL_ERROR', 'the server failed; the error is logged');
};
