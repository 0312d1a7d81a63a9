import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalJson } from '../canonicalJson.js';
import type { WriteStatement } from '../writeTogether.js';

/** One audit event as the domain writes it (seed section 24). */
export interface AuditEventInput {
  tenantId: string;
  eventType: string;
  workItemId?: string;
  businessObject?: { type: string; id: string };
  actor?: string;
  payload: Record<string, unknown>;
  /** ISO 8601 instant. */
  occurredAt: string;
}

/** A stored audit event with its place in the chain. */
export interface AuditEvent extends AuditEventInput {
  sequence: number;
  prevHash: string;
  hash: string;
}

/** The outcome of walking a tenant's chain. */
export type ChainVerification = { ok: true; events: number } | { ok: false; events: number; brokenAt: number; reason: string };

const GENESIS = '0'.repeat(64);

interface DbAuditEventRow {
  id: string | number;
  tenant_id: string;
  sequence: string | number | null;
  event_type: string;
  work_item_id: string | null;
  business_object_type: string | null;
  business_object_id: string | null;
  actor: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date | string;
  prev_hash: string | null;
  hash: string | null;
}

/** What is hashed: every field of the event except the hash itself, canonically. */
function contentOf(event: AuditEventInput & { sequence: number }): string {
  return canonicalJson({
    tenantId: event.tenantId,
    sequence: event.sequence,
    eventType: event.eventType,
    workItemId: event.workItemId ?? null,
    businessObject: event.businessObject ?? null,
    actor: event.actor ?? null,
    payload: event.payload,
    occurredAt: new Date(event.occurredAt).toISOString(),
  });
}

function hashOf(prevHash: string, event: AuditEventInput & { sequence: number }): string {
  return createHash('sha256').update(prevHash).update(contentOf(event)).digest('hex');
}

/** A committed event not yet in the chain. */
type UnsealedRow = Omit<DbAuditEventRow, 'sequence' | 'prev_hash' | 'hash'>;

const inputOf = (row: UnsealedRow): AuditEventInput => {
  const input: AuditEventInput = { tenantId: row.tenant_id, eventType: row.event_type, payload: row.payload, occurredAt: new Date(row.occurred_at).toISOString() };
  if (row.work_item_id) input.workItemId = row.work_item_id;
  if (row.business_object_type && row.business_object_id) input.businessObject = { type: row.business_object_type, id: row.business_object_id };
  if (row.actor) input.actor = row.actor;
  return input;
};

/** Events sealed per transaction. */
const SEAL_BATCH = 500;

/** A sealed row as an event (list and verify read sealed rows only). */
function toEvent(row: DbAuditEventRow): AuditEvent {
  return { ...inputOf(row), sequence: Number(row.sequence), prevHash: row.prev_hash ?? '', hash: row.hash ?? '' };
}

/** Filters of an audit query (seed section 25: `GET /audit`). */
export interface AuditFilter {
  workItemId?: string;
  /** A business object by its id, of one type when `type` is given. */
  businessObject?: { type?: string; id: string };
  actor?: string;
  from?: string;
  to?: string;
  /** Events after this sequence number: the cursor of the next page. */
  afterSequence?: number;
  limit?: number;
}

/**
 * The audit log: append-only evidence, hash-chained per tenant so that editing or deleting a row
 * is detectable. A command appends its event in its own transaction, unsealed; `seal` chains
 * committed events afterwards, one tenant at a time under a transaction-scoped advisory lock (so
 * several runtime instances may seal at once), and every read and verification seals first. Why
 * not chain inside the command: see migration 20261124175100.
 */
export class KnexAuditLog {
  constructor(private readonly knex: Knex) {}

  /** Appends an event inside the caller's transaction (the one that writes the decision). */
  async append(trx: Knex.Transaction, input: AuditEventInput): Promise<void> {
    await this.appendStatement(trx, input);
  }

  /** The append, not yet sent: one write of a command that commits in one statement (`writeTogether`). */
  appendStatement(db: Knex | Knex.Transaction, input: AuditEventInput): WriteStatement {
    return db('audit_event').insert({
      tenant_id: input.tenantId,
      event_type: input.eventType,
      work_item_id: input.workItemId ?? null,
      business_object_type: input.businessObject?.type ?? null,
      business_object_id: input.businessObject?.id ?? null,
      actor: input.actor ?? null,
      payload: JSON.stringify(input.payload),
      occurred_at: input.occurredAt,
    });
  }

  /**
   * Chains the committed unsealed events of one tenant (or of every tenant that has some), in
   * insert order, each after the tenant's last sealed event. Returns how many it sealed.
   */
  async seal(tenantId?: string, now: () => string = () => new Date().toISOString()): Promise<number> {
    const tenants = tenantId !== undefined ? [tenantId] : await this.knex('audit_event').whereNull('sequence').distinct().pluck<string[]>('tenant_id');
    let sealed = 0;
    for (const tenant of tenants) {
      for (;;) {
        const batch = await this.sealBatch(tenant, now());
        sealed += batch;
        if (batch < SEAL_BATCH) break;
      }
    }
    return sealed;
  }

  private sealBatch(tenantId: string, now: string): Promise<number> {
    return this.knex.transaction(async (trx) => {
      await trx.raw(`select pg_advisory_xact_lock(hashtext('audit:' || ?))`, [tenantId]);
      const rows = await trx<UnsealedRow>('audit_event').where({ tenant_id: tenantId }).whereNull('sequence').orderBy('id', 'asc').limit(SEAL_BATCH);
      if (!rows.length) return 0;
      const tail = await trx<DbAuditEventRow>('audit_event').where({ tenant_id: tenantId }).whereNotNull('sequence').orderBy('sequence', 'desc').first('sequence', 'hash');
      let sequence = tail ? Number(tail.sequence) : 0;
      let prevHash = tail?.hash ?? GENESIS;
      const links: (string | number)[] = [];
      for (const row of rows) {
        sequence++;
        const hash = hashOf(prevHash, { ...inputOf(row), sequence });
        links.push(row.id, sequence, prevHash, hash);
        prevHash = hash;
      }
      const values = rows.map(() => '(?::bigint, ?::bigint, ?, ?)').join(', ');
      await trx.raw(
        `update audit_event e set sequence = v.sequence, prev_hash = v.prev_hash, hash = v.hash, sealed_at = ? from (values ${values}) as v (id, sequence, prev_hash, hash) where e.id = v.id`,
        [now, ...links],
      );
      return rows.length;
    });
  }

  /** Events of a tenant, filtered, in chain order. */
  async list(tenantId: string, filter: AuditFilter = {}): Promise<AuditEvent[]> {
    await this.seal(tenantId);
    const query = this.knex<DbAuditEventRow>('audit_event').where({ tenant_id: tenantId }).whereNotNull('sequence');
    if (filter.workItemId) void query.andWhere({ work_item_id: filter.workItemId });
    if (filter.businessObject) void query.andWhere({ business_object_id: filter.businessObject.id, ...(filter.businessObject.type ? { business_object_type: filter.businessObject.type } : {}) });
    if (filter.actor) void query.andWhere({ actor: filter.actor });
    if (filter.from) void query.andWhere('occurred_at', '>=', filter.from);
    if (filter.to) void query.andWhere('occurred_at', '<', filter.to);
    if (filter.afterSequence !== undefined) void query.andWhere('sequence', '>', filter.afterSequence);
    const rows = await query.orderBy('sequence', 'asc').limit(filter.limit ?? 500);
    return rows.map(toEvent);
  }

  /** Walks a tenant's chain and names the first sequence whose content or link does not hold. */
  async verify(tenantId: string): Promise<ChainVerification> {
    await this.seal(tenantId);
    const rows = await this.knex<DbAuditEventRow>('audit_event').where({ tenant_id: tenantId }).whereNotNull('sequence').orderBy('sequence', 'asc');
    let prevHash = GENESIS;
    let expected = 1;
    for (const row of rows) {
      const event = toEvent(row);
      if (event.sequence !== expected) return { ok: false, events: rows.length, brokenAt: expected, reason: `sequence ${expected} is missing` };
      if (event.prevHash !== prevHash) return { ok: false, events: rows.length, brokenAt: event.sequence, reason: 'link to the previous event does not match' };
      if (hashOf(prevHash, event) !== event.hash) return { ok: false, events: rows.length, brokenAt: event.sequence, reason: 'content does not match its hash' };
      prevHash = event.hash;
      expected++;
    }
    return { ok: true, events: rows.length };
  }
}
