import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { affectedRows } from '../affectedRows.js';
import { canonicalJson } from '../canonicalJson.js';
import { prepared } from '../prepared.js';
import { asReadStatement, asWriteStatement, knexStatementOf, type ReadStatement, type WriteStatement } from '../statements.js';
import { knexOf, type StoreTransaction } from '../StoreTransaction.js';
import type { DbIdempotencyKeyRow, IdempotencyLookup, IdempotencyScope, IdempotencyStore } from './IdempotencyStore.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Earlier versions claimed a key (`IN_FLIGHT`) in a statement of its own before the command's
 * write, and a crash between the two left the claim behind for 24 hours. No request of those
 * versions ran this long, so an older claim is abandoned and the key is free again.
 */
export const ABANDONED_CLAIM_MS = 2 * 60_000;

/** sha256 of the canonical request body. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}

/**
 * Idempotency keys scoped to (tenant, principal, route): a replay returns the stored response byte
 * for byte, another body with the same key is a mismatch, and another user's key is a different
 * key. Keys are kept for `retentionMs` (at least 24 h).
 *
 * A key is written once, already completed, by the command's own write (`recordStatement`), so a
 * command that never committed (a crash, a lost connection, a refusal) leaves nothing behind and
 * its retry runs. Two copies that race both run; the item's row version lets one of them write,
 * and the other finds the winner's key and replays it.
 */
export class KnexIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly knex: Knex,
    private readonly retentionMs = DAY_MS,
  ) {
    if (retentionMs < DAY_MS) throw new Error('idempotency keys are kept at least 24 hours');
  }

  /** What the key's earlier use says, in a statement of its own (the slow path: a key seen before, a race lost). */
  async lookup(scope: IdempotencyScope, body: unknown, now: string): Promise<IdempotencyLookup> {
    const { rows } = await prepared(knexStatementOf(this.lookupStatement(scope)) as Knex.Raw<{ rows: DbIdempotencyKeyRow[] }>);
    return this.lookupFrom(rows[0], scope, body, now);
  }

  /**
   * The key's row, not yet sent, for a command that reads it with its first read (one statement
   * for both): hand what it returned to `lookupFrom`.
   */
  lookupStatement(scope: IdempotencyScope): ReadStatement {
    return asReadStatement(
      this.knex.raw(
        `select request_hash, status, response_status, response_body, created_at, expires_at from idempotency_key where tenant_id = ? and principal = ? and route = ? and key = ?`,
        [scope.tenantId, scope.principal, scope.route, scope.key],
      ),
    );
  }

  /**
   * What a key's row (or its absence) says. A row past its retention, or an abandoned claim of an
   * earlier version, is deleted (only while still so: two requests that found it so must not both
   * delete a fresh one) and the key is new.
   */
  async lookupFrom(row: DbIdempotencyKeyRow | undefined, scope: IdempotencyScope, body: unknown, now: string): Promise<IdempotencyLookup> {
    if (!row) return { kind: 'new' };
    const at = Date.parse(now);
    const expired = new Date(row.expires_at).getTime() <= at;
    const abandoned = row.status === 'IN_FLIGHT' && new Date(row.created_at).getTime() <= at - ABANDONED_CLAIM_MS;
    if (expired || abandoned) {
      const where = this.knex('idempotency_key').where(this.keyOf(scope));
      await (expired ? where.andWhere('expires_at', '<=', now) : where.andWhere({ status: 'IN_FLIGHT' }).andWhere('created_at', '<=', new Date(at - ABANDONED_CLAIM_MS).toISOString())).del();
      return { kind: 'new' };
    }
    if (row.request_hash !== requestHash(body)) return { kind: 'mismatch' };
    if (row.status !== 'COMPLETED' || row.response_status === null || row.response_body === null) return { kind: 'in_flight' };
    return { kind: 'replay', status: row.response_status, body: row.response_body };
  }

  /**
   * The key with its response, not yet sent: one write of the command (`writeTogether`, or its
   * transaction), so the key exists exactly when the command committed. A plain insert: when the
   * key was written meanwhile (a racing copy won), it fails the command's statement, nothing is
   * written, and `isKeyTaken` recognises the error.
   */
  recordStatement(scope: IdempotencyScope, body: unknown, now: string, status: number, response: string): WriteStatement {
    return asWriteStatement(this.insertOf(this.knex, scope, body, now, status, response));
  }

  /** The same insert, sent in the caller's transaction. */
  async record(tx: StoreTransaction, scope: IdempotencyScope, body: unknown, now: string, status: number, response: string): Promise<void> {
    await this.insertOf(knexOf(tx), scope, body, now, status, response);
  }

  private insertOf(db: Knex, scope: IdempotencyScope, body: unknown, now: string, status: number, response: string) {
    return db('idempotency_key').insert({ ...this.keyOf(scope), request_hash: requestHash(body), status: 'COMPLETED', response_status: status, response_body: response, created_at: now, expires_at: new Date(Date.parse(now) + this.retentionMs).toISOString() });
  }

  /** Deletes up to `limit` expired keys, oldest first; returns how many (fewer than `limit`: none are left). */
  async purgeExpired(now: string, limit = 10_000): Promise<number> {
    const batch = this.knex('idempotency_key').select('tenant_id', 'principal', 'route', 'key').where('expires_at', '<=', now).orderBy('expires_at').limit(limit);
    return affectedRows(await this.knex('idempotency_key').whereIn(['tenant_id', 'principal', 'route', 'key'], batch).andWhere('expires_at', '<=', now).del());
  }

  private keyOf(scope: IdempotencyScope) {
    return { tenant_id: scope.tenantId, principal: scope.principal, route: scope.route, key: scope.key };
  }
}

/** Whether a command's write failed because its key was written first (by a racing copy, or an earlier version's claim). */
export function isKeyTaken(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; table?: unknown; message?: unknown };
  return e?.code === '23505' && (e.constraint === 'idempotency_key_pkey' || e.table === 'idempotency_key' || (typeof e.message === 'string' && e.message.includes('idempotency_key_pkey')));
}
