import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { affectedRows } from '../affectedRows.js';
import { canonicalJson } from '../canonicalJson.js';
import { prepared } from '../prepared.js';
import type { WriteStatement } from '../writeTogether.js';

/** Who sent a command with which key on which route. */
export interface IdempotencyScope {
  tenantId: string;
  principal: string;
  route: string;
  key: string;
}

/** What to do with a command that carries an idempotency key. */
export type IdempotencyClaim =
  /** First time: run the command, then `complete` with its response. */
  | { kind: 'new' }
  /** Seen and finished with the same body: send this response again, unchanged. */
  | { kind: 'replay'; status: number; body: string }
  /** Seen with another body: refuse (422). */
  | { kind: 'mismatch' }
  /** Seen and still running: refuse (409). */
  | { kind: 'in_flight' };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The claim: a new key in flight, or nothing when the key exists; its transaction (the statement) commits asynchronously. */
const CLAIM = `insert into idempotency_key (tenant_id, principal, route, key, request_hash, status, created_at, expires_at)
  select ?, ?, ?, ?, ?, 'IN_FLIGHT', ?, ? from (select set_config('synchronous_commit', 'off', true)) as async_commit
  on conflict (tenant_id, principal, route, key) do nothing
  returning key`;

/** sha256 of the canonical request body. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}

/**
 * Idempotency keys scoped to (tenant, principal, route): a replay returns the stored response byte
 * for byte, another body with the same key is a mismatch, a duplicate still running is in flight,
 * and another user's key is a different key. Keys are kept for `retentionMs` (at least 24 h).
 */
export class KnexIdempotencyStore {
  constructor(
    private readonly knex: Knex,
    private readonly retentionMs = DAY_MS,
  ) {
    if (retentionMs < DAY_MS) throw new Error('idempotency keys are kept at least 24 hours');
  }

  /**
   * Records the key as in flight, or says what the earlier use of it was. Runs in its own
   * statement, committed without waiting for the WAL flush (`synchronous_commit` off for that
   * statement alone): the command's own commit flushes the WAL up to itself, this claim
   * included, so a claim lost in a database crash is one whose command never committed, which a
   * retry may run again. A command waits for one flush, not two.
   */
  async claim(scope: IdempotencyScope, body: unknown, now: string): Promise<IdempotencyClaim> {
    const hash = requestHash(body);
    const { rows: inserted } = await prepared(this.claimStatement(scope, body, now, hash) as Knex.Raw<{ rows: { key: string }[] }>);
    if (inserted.length === 1) return { kind: 'new' };
    const row = await this.knex('idempotency_key')
      .where({ tenant_id: scope.tenantId, principal: scope.principal, route: scope.route, key: scope.key })
      .first<{ request_hash: string; status: string; response_status: number | null; response_body: string | null; expires_at: Date | string }>();
    if (!row) return this.claim(scope, body, now); // expired and purged in between
    if (new Date(row.expires_at).getTime() <= Date.parse(now)) {
      // Only while still expired: two requests that found it expired must not both claim it anew.
      await this.knex('idempotency_key').where({ tenant_id: scope.tenantId, principal: scope.principal, route: scope.route, key: scope.key }).andWhere('expires_at', '<=', now).del();
      return this.claim(scope, body, now);
    }
    if (row.request_hash !== hash) return { kind: 'mismatch' };
    if (row.status !== 'COMPLETED' || row.response_status === null || row.response_body === null) return { kind: 'in_flight' };
    return { kind: 'replay', status: row.response_status, body: row.response_body };
  }

  /**
   * The claim's insert, not yet sent, for a command that sends it with its first read: it returns
   * one row when it claimed the key and none when the key was seen before (then `claim` tells
   * replay, mismatch and in flight apart). It turns `synchronous_commit` off for the statement
   * (and transaction) it is part of: send it only with reads, never with writes that must be durable.
   */
  claimStatement(scope: IdempotencyScope, body: unknown, now: string, hash = requestHash(body)): Knex.Raw {
    return this.knex.raw(CLAIM, [scope.tenantId, scope.principal, scope.route, scope.key, hash, now, new Date(Date.parse(now) + this.retentionMs).toISOString()]);
  }

  /** Stores the response of a claimed key, in the command's transaction (so it commits with it). */
  async complete(trx: Knex.Transaction, scope: IdempotencyScope, status: number, body: string): Promise<void> {
    await this.completeStatement(trx, scope, status, body);
  }

  /** The same update, not yet sent: one write of a command that commits in one statement (`writeTogether`). */
  completeStatement(db: Knex | Knex.Transaction, scope: IdempotencyScope, status: number, body: string): WriteStatement {
    return db('idempotency_key')
      .where({ tenant_id: scope.tenantId, principal: scope.principal, route: scope.route, key: scope.key })
      .update({ status: 'COMPLETED', response_status: status, response_body: body });
  }

  /** Forgets a claim whose command failed before writing anything, so a retry can run it. */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.knex('idempotency_key').where({ tenant_id: scope.tenantId, principal: scope.principal, route: scope.route, key: scope.key, status: 'IN_FLIGHT' }).del();
  }

  /** Deletes up to `limit` expired keys, oldest first; returns how many (fewer than `limit`: none are left). */
  async purgeExpired(now: string, limit = 10_000): Promise<number> {
    const batch = this.knex('idempotency_key').select('tenant_id', 'principal', 'route', 'key').where('expires_at', '<=', now).orderBy('expires_at').limit(limit);
    return affectedRows(await this.knex('idempotency_key').whereIn(['tenant_id', 'principal', 'route', 'key'], batch).andWhere('expires_at', '<=', now).del());
  }
}
