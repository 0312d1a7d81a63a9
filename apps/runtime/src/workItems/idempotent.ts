import { isKeyTaken, type DbIdempotencyKeyRow, type IdempotencyLookup, type IdempotencyScope, type IdempotencyStore, type ReadStatement } from '@mandate/store';
import { ConflictError, DomainError, UnprocessableError } from '@mandate/problems';

/** How long a duplicate waits for a key an earlier version of the runtime claimed (see `ABANDONED_CLAIM_MS`). */
export const IN_FLIGHT_WAIT_MS = 5_000;

/** A command's stored answer: replayed byte for byte for the same key and body. */
export interface CommandResponse {
  status: number;
  body: string;
}

/**
 * Runs a command under an Idempotency-Key (when given). Nothing is claimed before the command
 * runs: the command writes the key, with its response, in its own write (`recordStatement`), so
 * a crash or a lost connection at any point leaves either the whole command or nothing, and a
 * retry with the same key runs or replays, never waits for a request that is gone.
 *
 * The command's first step is a read, and the key's lookup is sent with it: one statement, one
 * snapshot. `read` sends the lookup it is given with its read and returns the key's row (null:
 * none) or no `key` when it could not send it (then the key is looked up on its own). A key seen
 * before replays (same body), is 422 (another body) or, claimed by an earlier version, waits.
 *
 * Two copies that race both run: the item's row version lets one write, the other's write fails
 * (`CONCURRENT_CHANGE`, or the key's insert meets the winner's key) and it replays the winner's
 * answer. The snapshot is shared, so a copy that reads the winner's item also reads its key.
 */
export async function runIdempotentAfterRead<T>(
  store: IdempotencyStore,
  scope: IdempotencyScope | undefined,
  request: unknown,
  now: string,
  read: (lookup?: ReadStatement) => Promise<{ value: T; key?: DbIdempotencyKeyRow | null }>,
  command: (read: T) => Promise<CommandResponse>,
): Promise<CommandResponse> {
  if (!scope) return command((await read()).value);
  const first = await read(store.lookupStatement(scope));
  const seen = first.key === undefined ? await store.lookup(scope, request, now) : await store.lookupFrom(first.key ?? undefined, scope, request, now);
  if (seen.kind === 'new') return replayingLostRace(store, scope, request, now, () => command(first.value));
  return answerSeen(store, scope, request, now, seen, async () => command((await read()).value));
}

/**
 * A key seen before: the same body replays the stored response, another body is 422. A claim of
 * an earlier version is waited for up to IN_FLIGHT_WAIT_MS (it completes, or is abandoned, or
 * the wait ends in 409); a key that became free meanwhile runs the command.
 */
async function answerSeen(store: IdempotencyStore, scope: IdempotencyScope, request: unknown, now: string, seen: IdempotencyLookup, command: () => Promise<CommandResponse>): Promise<CommandResponse> {
  const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
  while (seen.kind === 'in_flight' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen = await store.lookup(scope, request, now);
  }
  if (seen.kind === 'new') return replayingLostRace(store, scope, request, now, command);
  return answerOf(seen);
}

function answerOf(seen: Exclude<IdempotencyLookup, { kind: 'new' }>): CommandResponse {
  if (seen.kind === 'replay') return { status: seen.status, body: seen.body };
  if (seen.kind === 'mismatch') throw new UnprocessableError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request body');
  throw new ConflictError('IDEMPOTENCY_KEY_IN_FLIGHT', 'a request with this Idempotency-Key is still running');
}

/**
 * Runs the command; when its write lost to a copy with the same key, answers what the copy
 * answered. Any other failure (and a failure to look the key up) keeps the command's own error.
 */
async function replayingLostRace(store: IdempotencyStore, scope: IdempotencyScope, request: unknown, now: string, command: () => Promise<CommandResponse>): Promise<CommandResponse> {
  try {
    return await command();
  } catch (error) {
    const lostRace = isKeyTaken(error) || (error instanceof DomainError && error.code === 'CONCURRENT_CHANGE');
    if (!lostRace) throw error;
    let seen: IdempotencyLookup;
    try {
      seen = await store.lookup(scope, request, now);
    } catch {
      throw error;
    }
    if (seen.kind === 'new') throw isKeyTaken(error) ? new ConflictError('CONCURRENT_CHANGE', 'the work item changed meanwhile; reload and retry', {}, { cause: error }) : error;
    return answerOf(seen);
  }
}
