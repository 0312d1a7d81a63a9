import type { ReadStatement, WriteStatement } from '../statements.js';
import type { StoreTransaction } from '../StoreTransaction.js';

/** Who sent a command with which key on which route. */
export interface IdempotencyScope {
  tenantId: string;
  principal: string;
  route: string;
  key: string;
}

/** What an earlier use of a key says about a command that carries it. */
export type IdempotencyLookup =
  /** Not seen (or seen so long ago that it no longer counts): run the command, and record its response in the command's own write. */
  | { kind: 'new' }
  /** Seen and finished with the same body: send this response again, unchanged. */
  | { kind: 'replay'; status: number; body: string }
  /** Seen with another body: refuse (422). */
  | { kind: 'mismatch' }
  /** Claimed by an earlier version of the runtime, which claimed before writing, and not yet abandoned: refuse (409). */
  | { kind: 'in_flight' };

/** A key's row as `lookupStatement` reads it (beside another read: timestamps may come back as text). */
export interface DbIdempotencyKeyRow {
  request_hash: string;
  status: string;
  response_status: number | null;
  response_body: string | null;
  created_at: Date | string;
  expires_at: Date | string;
}

/**
 * Idempotency keys scoped to (tenant, principal, route): a replay returns the stored response byte
 * for byte, another body with the same key is a mismatch, and another user's key is a different
 * key. A key is written once, already completed, by the command's own write, so a command that
 * never committed leaves nothing behind and its retry runs.
 */
export interface IdempotencyStore {
  /** What the key's earlier use says, in a statement of its own (the slow path: a key seen before, a race lost). */
  lookup(scope: IdempotencyScope, body: unknown, now: string): Promise<IdempotencyLookup>;
  /** The key's row, not yet sent, for a command that reads it with its first read (one statement for both): hand what it returned to `lookupFrom`. */
  lookupStatement(scope: IdempotencyScope): ReadStatement;
  /** What a key's row (or its absence) says; a row past its retention, or an abandoned claim, is deleted and the key is new. */
  lookupFrom(row: DbIdempotencyKeyRow | undefined, scope: IdempotencyScope, body: unknown, now: string): Promise<IdempotencyLookup>;
  /** The key with its response, not yet sent: one write of the command, so the key exists exactly when the command committed. */
  recordStatement(scope: IdempotencyScope, body: unknown, now: string, status: number, response: string): WriteStatement;
  /** The same insert, sent in the caller's transaction. */
  record(tx: StoreTransaction, scope: IdempotencyScope, body: unknown, now: string, status: number, response: string): Promise<void>;
  /** Deletes up to `limit` expired keys, oldest first; returns how many (fewer than `limit`: none are left). */
  purgeExpired(now: string, limit?: number): Promise<number>;
}
