import type { IdempotencyScope, KnexIdempotencyStore, WriteStatement } from '@mandate/store';
import { ConflictError, UnprocessableError } from '../http/errors.js';

/** How long a duplicate waits for the request that holds its key. */
export const IN_FLIGHT_WAIT_MS = 5_000;

/** A command's stored answer: replayed byte for byte for the same key and body. */
export interface CommandResponse {
  status: number;
  body: string;
}

/**
 * Runs a command under an Idempotency-Key (when given). The command completes the key inside its
 * own write; when it fails nothing was written, so the key is released for a retry.
 *
 * The command's first step is a read, and the key's claim is sent with it: one statement instead
 * of two. `read` sends the claim it is given with its read and says whether the claim took; it
 * must not fail once its statement ran (what it read is mapped inside the command). When the
 * claim did not take (the key was seen before, or `read` could not send it), `claimSeparately`
 * tells replay, mismatch and in flight apart and, for a released key, reads again.
 *
 * A claim can take after the read's snapshot was taken (the holder released the key between the
 * two); the item read may then miss that holder's last commits, which the write's row-version
 * guard turns into a 409, never into a wrong write.
 */
export async function runIdempotentAfterRead<T>(
  store: KnexIdempotencyStore,
  scope: IdempotencyScope | undefined,
  request: unknown,
  now: string,
  read: (claim?: WriteStatement) => Promise<{ value: T; claimed: boolean }>,
  command: (read: T) => Promise<CommandResponse>,
): Promise<CommandResponse> {
  if (!scope) return command((await read()).value);
  const first = await read(store.claimStatement(scope, request, now));
  if (first.claimed) return releasingOnFailure(store, scope, () => command(first.value));
  return claimSeparately(store, scope, request, now, async () => command((await read()).value));
}

/**
 * The key's claim on its own statement, for a key seen before: the same body replays the stored
 * response, another body is 422, a duplicate waits up to IN_FLIGHT_WAIT_MS for the first to
 * finish and is 409 if it is still running then; a key released by a failed command is claimed
 * again and the command runs.
 */
async function claimSeparately(store: KnexIdempotencyStore, scope: IdempotencyScope, request: unknown, now: string, command: () => Promise<CommandResponse>): Promise<CommandResponse> {
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
  return releasingOnFailure(store, scope, command);
}

/** Runs a claimed command; when it fails nothing was written, so the key is released for a retry. */
async function releasingOnFailure(store: KnexIdempotencyStore, scope: IdempotencyScope, command: () => Promise<CommandResponse>): Promise<CommandResponse> {
  try {
    return await command();
  } catch (error) {
    await store.release(scope);
    throw error;
  }
}
