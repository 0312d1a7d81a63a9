import type { Knex } from 'knex';
import type { AuditKeys } from './AuditKeys.js';
import { checkpointMessage, type AuditCheckpoint } from './checkpointFindings.js';

interface DbAuditCheckpointRow {
  id: string | number;
  tenant_id: string;
  sequence: string | number;
  hash: string;
  signed_at: Date | string;
  key_id: string;
  signature: string;
}

const toCheckpoint = (row: DbAuditCheckpointRow): AuditCheckpoint => ({
  tenantId: row.tenant_id,
  sequence: Number(row.sequence),
  hash: row.hash,
  signedAt: new Date(row.signed_at).toISOString(),
  keyId: row.key_id,
  signature: row.signature,
});

/** How many of the newest checkpoints are tried when looking for the latest one that verifies. */
const LATEST_TRIED = 20;

/**
 * Signed heads of the tenant audit chains (`audit_checkpoint`, append-only). Used by
 * `KnexAuditLog`, which seals first; signing takes the tenant's chain lock, so the head it signs
 * is not moving.
 */
export class KnexAuditCheckpointStore {
  constructor(
    private readonly knex: Knex,
    private readonly keys: AuditKeys,
  ) {}

  /** Every checkpoint of a tenant, each with whether its signature holds. */
  async list(tenantId: string): Promise<(AuditCheckpoint & { valid: boolean })[]> {
    const rows = await this.knex<DbAuditCheckpointRow>('audit_checkpoint').where({ tenant_id: tenantId }).orderBy('sequence', 'asc').orderBy('id', 'asc');
    return rows.map(toCheckpoint).map((c) => ({ ...c, valid: this.holds(c) }));
  }

  /** The sequence of the tenant's latest checkpoint whose signature holds; 0 when none. */
  async latestSequence(db: Knex | Knex.Transaction, tenantId: string): Promise<number> {
    return (await this.latest(db, tenantId))?.sequence ?? 0;
  }

  /**
   * Signs the tenant's chain head, unless the latest checkpoint already covers it. Refuses (returns
   * undefined) to sign a chain that no longer passes through its latest checkpoint: signing would
   * vouch for a rewritten or truncated chain.
   */
  signHead(tenantId: string, now: string): Promise<AuditCheckpoint | undefined> {
    return this.knex.transaction(async (trx) => {
      await trx.raw(`select pg_advisory_xact_lock(hashtext('audit:' || ?))`, [tenantId]);
      const head = await trx('audit_event').where({ tenant_id: tenantId }).whereNotNull('sequence').orderBy('sequence', 'desc').first<{ sequence: string | number; hash: string } | undefined>('sequence', 'hash');
      if (!head) return undefined;
      const latest = await this.latest(trx, tenantId);
      if (latest) {
        if (latest.sequence >= Number(head.sequence)) return undefined;
        const through = await trx('audit_event').where({ tenant_id: tenantId, sequence: latest.sequence }).first<{ hash: string } | undefined>('hash');
        if (through?.hash !== latest.hash) return undefined;
      }
      const unsigned = { tenantId, sequence: Number(head.sequence), hash: head.hash, signedAt: new Date(now).toISOString() };
      const checkpoint: AuditCheckpoint = { ...unsigned, keyId: this.keys.keyId, signature: this.keys.sign(checkpointMessage(unsigned)) };
      await trx('audit_checkpoint').insert({ tenant_id: tenantId, sequence: checkpoint.sequence, hash: checkpoint.hash, signed_at: checkpoint.signedAt, key_id: checkpoint.keyId, signature: checkpoint.signature });
      return checkpoint;
    });
  }

  /** Tenants that have a sealed event: a skip scan over the chain index, not a scan of the table. */
  async tenantsWithChains(): Promise<string[]> {
    const result = await this.knex.raw<{ rows: { tenant_id: string }[] }>(`
      with recursive tenants as (
        (select tenant_id from audit_event where sequence is not null order by tenant_id limit 1)
        union all
        select (select e.tenant_id from audit_event e where e.tenant_id > t.tenant_id and e.sequence is not null order by e.tenant_id limit 1)
          from tenants t where t.tenant_id is not null
      )
      select tenant_id from tenants where tenant_id is not null`);
    return result.rows.map((r) => r.tenant_id);
  }

  /** The tenant's latest checkpoint whose signature holds. */
  async latest(db: Knex | Knex.Transaction, tenantId: string): Promise<AuditCheckpoint | undefined> {
    // A forged checkpoint (bad signature) must neither block sealing nor hide the real latest one.
    const rows = await db<DbAuditCheckpointRow>('audit_checkpoint').where({ tenant_id: tenantId }).orderBy('sequence', 'desc').orderBy('id', 'desc').limit(LATEST_TRIED);
    return rows.map(toCheckpoint).find((c) => this.holds(c));
  }

  private holds(checkpoint: AuditCheckpoint): boolean {
    return this.keys.verify(checkpoint.keyId, checkpointMessage(checkpoint), checkpoint.signature);
  }
}
