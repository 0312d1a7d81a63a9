import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalJson } from '../canonicalJson.js';
import { asWriteStatement, type WriteStatement } from '../statements.js';
import { knexOf, type StoreTransaction } from '../StoreTransaction.js';
import type { AuditEvent, AuditEventInput, AuditFilter, AuditLog, ChainVerification } from './AuditLog.js';
import type { AuditKeys } from './AuditKeys.js';
import { checkpointFindings, type AuditCheckpoint, type AuditFinding } from './checkpointFindings.js';
import { KnexAuditCheckpointStore } from './KnexAuditCheckpointStore.js';

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
  writer_mark: string | null;
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

/**
 * What the writer's mark covers: the content as stored, before it has a place in the chain. The
 * payload goes through JSON first, as it does on its way into jsonb, so writer and sealer agree.
 */
function writtenContentOf(event: AuditEventInput): string {
  return canonicalJson({
    tenantId: event.tenantId,
    eventType: event.eventType,
    workItemId: event.workItemId ?? null,
    businessObject: event.businessObject ?? null,
    actor: event.actor ?? null,
    payload: JSON.parse(JSON.stringify(event.payload)) as unknown,
    occurredAt: new Date(event.occurredAt).toISOString(),
  });
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

/**
 * The audit log: append-only evidence, hash-chained per tenant so that editing or deleting a row
 * is detectable. A command appends its event in its own transaction, unsealed and marked by the
 * writer; `seal` chains committed events afterwards, one tenant at a time under a
 * transaction-scoped advisory lock (so several runtime instances may seal at once), and every
 * read and verification seals first. Why not chain inside the command: see migration
 * 20261124175100. `checkpoint` signs a tenant's chain head, and `verify` holds the chain against
 * every signed head: why, see migration 20261207130100.
 */
export class KnexAuditLog implements AuditLog {
  private readonly checkpoints: KnexAuditCheckpointStore;

  constructor(
    private readonly knex: Knex,
    private readonly keys: AuditKeys,
  ) {
    this.checkpoints = new KnexAuditCheckpointStore(knex, keys);
  }

  /** Appends an event inside the caller's transaction (the one that writes the decision). */
  async append(tx: StoreTransaction, input: AuditEventInput): Promise<void> {
    await this.insertOf(knexOf(tx), input);
  }

  /** The append, not yet sent: one write of a command that commits in one statement (`writeTogether`). */
  appendStatement(input: AuditEventInput): WriteStatement {
    return asWriteStatement(this.insertOf(this.knex, input));
  }

  private insertOf(db: Knex, input: AuditEventInput) {
    return db('audit_event').insert({
      tenant_id: input.tenantId,
      event_type: input.eventType,
      work_item_id: input.workItemId ?? null,
      business_object_type: input.businessObject?.type ?? null,
      business_object_id: input.businessObject?.id ?? null,
      actor: input.actor ?? null,
      payload: JSON.stringify(input.payload),
      occurred_at: input.occurredAt,
      writer_mark: this.keys.markWritten(writtenContentOf(input)),
    });
  }

  /**
   * Chains the committed unsealed events of one tenant (or of every tenant that has some), in
   * insert order, each after the tenant's last sealed event. Returns how many it sealed. Leaves
   * unsealed what the runtime did not write (no valid writer's mark), and seals nothing for a
   * tenant whose chain ends before its latest checkpoint: it was truncated, and sealing would
   * hand the missing sequence numbers to new events. `verify` reports both.
   */
  async seal(tenantId?: string, now: () => string = () => new Date().toISOString()): Promise<number> {
    const tenants = tenantId !== undefined ? [tenantId] : await this.knex('audit_event').whereNull('sequence').distinct().pluck<string[]>('tenant_id');
    let sealed = 0;
    for (const tenant of tenants) {
      let afterId: number | undefined;
      for (;;) {
        const batch = await this.sealBatch(tenant, now(), afterId);
        sealed += batch.sealed;
        if (batch.read < SEAL_BATCH) break;
        afterId = batch.lastId;
      }
    }
    return sealed;
  }

  /** Seals the written events among the next batch of unsealed rows after `afterId` (all, when undefined). */
  private sealBatch(tenantId: string, now: string, afterId: number | undefined): Promise<{ read: number; sealed: number; lastId: number }> {
    return this.knex.transaction(async (trx) => {
      await trx.raw(`select pg_advisory_xact_lock(hashtext('audit:' || ?))`, [tenantId]);
      const query = trx<DbAuditEventRow>('audit_event').where({ tenant_id: tenantId }).whereNull('sequence');
      if (afterId !== undefined) void query.andWhere('id', '>', afterId);
      const rows = await query.orderBy('id', 'asc').limit(SEAL_BATCH);
      const lastId = Number(rows[rows.length - 1]?.id ?? afterId ?? 0);
      const written = rows.filter((row) => this.keys.wrote(row.writer_mark, writtenContentOf(inputOf(row))));
      if (!written.length) return { read: rows.length, sealed: 0, lastId };
      const tail = await trx<DbAuditEventRow>('audit_event').where({ tenant_id: tenantId }).whereNotNull('sequence').orderBy('sequence', 'desc').first('sequence', 'hash');
      let sequence = tail ? Number(tail.sequence) : 0;
      if (sequence < (await this.checkpoints.latestSequence(trx, tenantId))) return { read: 0, sealed: 0, lastId };
      let prevHash = tail?.hash ?? GENESIS;
      const links: (string | number)[] = [];
      for (const row of written) {
        sequence++;
        const hash = hashOf(prevHash, { ...inputOf(row), sequence });
        links.push(row.id, sequence, prevHash, hash);
        prevHash = hash;
      }
      const values = written.map(() => '(?::bigint, ?::bigint, ?, ?)').join(', ');
      await trx.raw(
        `update audit_event e set sequence = v.sequence, prev_hash = v.prev_hash, hash = v.hash, sealed_at = ? from (values ${values}) as v (id, sequence, prev_hash, hash) where e.id = v.id`,
        [now, ...links],
      );
      return { read: rows.length, sealed: written.length, lastId };
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

  /**
   * Signs the tenant's chain head (after sealing) unless the latest checkpoint already vouches
   * for it. Returns the checkpoint written, or undefined when there was nothing new to sign.
   */
  async checkpoint(tenantId: string, now: () => string = () => new Date().toISOString()): Promise<AuditCheckpoint | undefined> {
    await this.seal(tenantId);
    return this.checkpoints.signHead(tenantId, now());
  }

  /** The tenant's latest checkpoint whose signature holds. */
  latestCheckpoint(tenantId: string): Promise<AuditCheckpoint | undefined> {
    return this.checkpoints.latest(this.knex, tenantId);
  }

  /** Signs the head of every tenant chain that moved since its latest checkpoint (the periodic pass). */
  async checkpointAll(now: () => string = () => new Date().toISOString()): Promise<AuditCheckpoint[]> {
    await this.seal();
    const written: AuditCheckpoint[] = [];
    for (const tenant of await this.checkpoints.tenantsWithChains()) {
      const checkpoint = await this.checkpoints.signHead(tenant, now());
      if (checkpoint) written.push(checkpoint);
    }
    return written;
  }

  /**
   * Walks a tenant's chain from genesis and names the first sequence whose content or link does
   * not hold; then holds the chain against every signed checkpoint (truncation, re-hashing) and
   * names the unsealed events the runtime did not write.
   */
  async verify(tenantId: string): Promise<ChainVerification> {
    await this.seal(tenantId);
    const rows = await this.knex<DbAuditEventRow>('audit_event').where({ tenant_id: tenantId }).whereNotNull('sequence').orderBy('sequence', 'asc');
    const findings: AuditFinding[] = [];
    /** The hash at each sequence of the unbroken prefix of the chain. */
    const hashes: string[] = [];
    let prevHash = GENESIS;
    for (const row of rows) {
      const event = toEvent(row);
      const expected = hashes.length + 1;
      const broken =
        event.sequence !== expected
          ? { code: 'SEQUENCE_MISSING' as const, sequence: expected, reason: `sequence ${expected} is missing` }
          : event.prevHash !== prevHash
            ? { code: 'LINK_BROKEN' as const, sequence: event.sequence, reason: 'link to the previous event does not match' }
            : hashOf(prevHash, event) !== event.hash
              ? { code: 'CONTENT_CHANGED' as const, sequence: event.sequence, reason: 'content does not match its hash' }
              : undefined;
      if (broken) {
        findings.push(broken);
        break;
      }
      hashes.push(event.hash);
      prevHash = event.hash;
    }
    const signed = checkpointFindings(hashes, await this.checkpoints.list(tenantId), findings.length > 0);
    findings.push(...signed.findings);
    for (const row of await this.knex<DbAuditEventRow>('audit_event').where({ tenant_id: tenantId }).whereNull('sequence').orderBy('id', 'asc')) {
      if (!this.keys.wrote(row.writer_mark, writtenContentOf(inputOf(row)))) {
        findings.push({ code: 'UNSEALED_EVENT_NOT_WRITTEN_BY_RUNTIME', eventId: String(row.id), reason: `unsealed event ${String(row.id)} carries no valid writer's mark: the runtime did not write it, so it is never sealed` });
      }
    }
    const checkpoint = signed.latest ? { checkpoint: signed.latest } : {};
    if (!findings.length) return { ok: true, events: rows.length, ...checkpoint };
    const first = findings.filter((f) => f.sequence !== undefined).sort((a, b) => a.sequence! - b.sequence!)[0] ?? findings[0]!;
    return { ok: false, events: rows.length, ...checkpoint, ...(first.sequence !== undefined ? { brokenAt: first.sequence } : {}), reason: first.reason, findings };
  }
}
