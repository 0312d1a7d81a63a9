import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalJson } from '../canonicalJson.js';

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
  tenant_id: string;
  sequence: string | number;
  event_type: string;
  work_item_id: string | null;
  business_object_type: string | null;
  business_object_id: string | null;
  actor: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date | string;
  prev_hash: string;
  hash: string;
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

const sha256 = (prevHash: string, content: string) => createHash('sha256').update(prevHash).update(content).digest('hex');

function hashOf(prevHash: string, event: AuditEventInput & { sequence: number }): string {
  return sha256(prevHash, contentOf(event));
}

/**
 * The hashed content around its sequence number, which only the database knows at insert time:
 * `content = before + sequence + after`. Keys are sorted, and after `sequence` come only
 * `tenantId` and `workItemId` (JSON strings or null), so the last `"sequence":0,` is the field's.
 */
function contentAroundSequence(event: AuditEventInput): [before: string, after: string] {
  const content = contentOf({ ...event, sequence: 0 });
  const at = content.lastIndexOf('"sequence":0,');
  return [content.slice(0, at + '"sequence":'.length), content.slice(at + '"sequence":0'.length)];
}

/**
 * The append in one statement: `audit_chain_lock` takes the tenant's lock and returns the tail as
 * committed after it (see its migration); the row is the next link, hashed in SQL exactly as
 * `hashOf` hashes it (sha256 over the UTF-8 of prev_hash, then the canonical content).
 */
const APPEND = `insert into audit_event (tenant_id, sequence, event_type, work_item_id, business_object_type, business_object_id, actor, payload, occurred_at, prev_hash, hash)
  select ?, t.last_sequence + 1, ?, ?, ?, ?, ?, ?::jsonb, ?, t.last_hash, encode(sha256(convert_to(t.last_hash || ? || (t.last_sequence + 1)::text || ?, 'UTF8')), 'hex')
  from audit_chain_lock(?) t
  returning sequence, prev_hash, hash`;

function toEvent(row: DbAuditEventRow): AuditEvent {
  const event: AuditEvent = {
    tenantId: row.tenant_id,
    sequence: Number(row.sequence),
    eventType: row.event_type,
    payload: row.payload,
    occurredAt: new Date(row.occurred_at).toISOString(),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
  if (row.work_item_id) event.workItemId = row.work_item_id;
  if (row.business_object_type && row.business_object_id) event.businessObject = { type: row.business_object_type, id: row.business_object_id };
  if (row.actor) event.actor = row.actor;
  return event;
}

/** Filters of an audit query (seed section 25: `GET /audit`). */
export interface AuditFilter {
  workItemId?: string;
  businessObject?: { type: string; id: string };
  actor?: string;
  from?: string;
  to?: string;
  /** Events after this sequence number: the cursor of the next page. */
  afterSequence?: number;
  limit?: number;
}

/**
 * The audit log: append-only evidence, hash-chained per tenant so that editing or deleting a row
 * is detectable. Appends take a transaction-scoped advisory lock per tenant, so concurrent writers
 * (several runtime instances) extend the chain one at a time; the lock is held until the caller's
 * transaction ends, so append last in it.
 */
export class KnexAuditLog {
  constructor(private readonly knex: Knex) {}

  /** Appends an event inside the caller's transaction (the one that writes the decision). */
  async append(trx: Knex.Transaction, input: AuditEventInput): Promise<AuditEvent> {
    const [before, after] = contentAroundSequence(input);
    const result = await trx.raw<{ rows: Pick<DbAuditEventRow, 'sequence' | 'prev_hash' | 'hash'>[] }>(APPEND, [
      input.tenantId,
      input.eventType,
      input.workItemId ?? null,
      input.businessObject?.type ?? null,
      input.businessObject?.id ?? null,
      input.actor ?? null,
      JSON.stringify(input.payload),
      input.occurredAt,
      before,
      after,
      input.tenantId,
    ]);
    const row = result.rows[0]!;
    const sequence = Number(row.sequence);
    // `verify` hashes in JavaScript: an event it would reject (a database not in UTF-8) is refused here, rolling back the command.
    if (sha256(row.prev_hash, `${before}${sequence}${after}`) !== row.hash) throw new Error(`audit event ${input.tenantId}/${sequence}: the database's hash differs from the verifier's`);
    return { ...input, sequence, prevHash: row.prev_hash, hash: row.hash };
  }

  /** Events of a tenant, filtered, in chain order. */
  async list(tenantId: string, filter: AuditFilter = {}): Promise<AuditEvent[]> {
    const query = this.knex<DbAuditEventRow>('audit_event').where({ tenant_id: tenantId });
    if (filter.workItemId) void query.andWhere({ work_item_id: filter.workItemId });
    if (filter.businessObject) void query.andWhere({ business_object_type: filter.businessObject.type, business_object_id: filter.businessObject.id });
    if (filter.actor) void query.andWhere({ actor: filter.actor });
    if (filter.from) void query.andWhere('occurred_at', '>=', filter.from);
    if (filter.to) void query.andWhere('occurred_at', '<', filter.to);
    if (filter.afterSequence !== undefined) void query.andWhere('sequence', '>', filter.afterSequence);
    const rows = await query.orderBy('sequence', 'asc').limit(filter.limit ?? 500);
    return rows.map(toEvent);
  }

  /** Walks a tenant's chain and names the first sequence whose content or link does not hold. */
  async verify(tenantId: string): Promise<ChainVerification> {
    const rows = await this.knex<DbAuditEventRow>('audit_event').where({ tenant_id: tenantId }).orderBy('sequence', 'asc');
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
