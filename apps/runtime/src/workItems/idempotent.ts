import type { IdempotencyScope, KnexIdempotencyStore } from '@mandate/store';
import { ConflictError, UnprocessableError } from '../http/errors.js';

/** How long a duplicate waits for the request that holds its key. */
export const IN_FLIGHT_WAIT_MS = 5_000;

/** A command's stored answer: replayed byte for byte for the same key and body. */
export interface CommandResponse {
  status: number;
  body: string;
}

/**
 * Runs a command under an Idempotency-Key (when given): the same body replays the stored
 * response, another body is 422, a duplicate waits up to IN_FLIGHT_WAIT_MS for the first to
 * finish and is 409 if it is still running then. The command completes the key
 * inside its own transaction; when it fails nothing was written, so the key is released for a retry.
 */
export async function runIdempotent(store: KnexIdempotencyStore, scope: IdempotencyScope | undefined, request: unknown, now: string, command: () => Promise<CommandResponse>): Promise<CommandResponse> {
  if (scope) {
    let claim = await store.claim(scope, request, now);
    // A retry that overtakes the first request (a double click, a client timeout) waits for its answer.
    const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
    while (claim.kind === 'in_flight' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      claim = await store.claim(scope, request, now);
    }
    if (claim.kind === 'replay') return { status: claim.status, body: claim.body };
    if (claim.kind === 'mismatch') throw new UnprocessableError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request body');
    if (claim.kind === 'in_flight') throw new ConflictError('IDEMPOTENCY_KEY_IN_FLIGHT', 'a request with this Idempotency-Key is still running');
  }
  try {
    return await command();
  } catch (error) {
    if (scope) await store.release(scope);
    throw error;
  }
}
