import type { Knex } from 'knex';

/** The latest known state of a business object (quote, order, customer, plan). */
export interface BusinessObjectRecord {
  tenantId: string;
  type: string;
  id: string;
  version: number;
  revision?: number;
  /** The facts the policy reads: owner, amount, tier, currency, ... */
  snapshot: Record<string, unknown>;
  updatedAt: string;
}

interface DbBusinessObjectRow {
  tenant_id: string;
  type: string;
  id: string;
  version: number;
  revision: number | null;
  snapshot: Record<string, unknown>;
  updated_at: Date | string;
}

function toRecord(row: DbBusinessObjectRow): BusinessObjectRecord {
  const record: BusinessObjectRecord = { tenantId: row.tenant_id, type: row.type, id: row.id, version: row.version, snapshot: row.snapshot, updatedAt: new Date(row.updated_at).toISOString() };
  if (row.revision !== null) record.revision = row.revision;
  return record;
}

/**
 * Business objects as business events report them (e.g. QuoteRevised). A version only moves
 * forward: an older or equal version arriving late changes nothing.
 */
export class KnexBusinessObjectStore {
  constructor(private readonly knex: Knex) {}

  /** Records a version; returns true when it was newer than what was known. */
  async record(trx: Knex.Transaction, object: Omit<BusinessObjectRecord, 'updatedAt'>, now: string): Promise<boolean> {
    const rows: unknown[] = await trx('business_object')
      .insert({ tenant_id: object.tenantId, type: object.type, id: object.id, version: object.version, revision: object.revision ?? null, snapshot: JSON.stringify(object.snapshot), updated_at: now })
      .onConflict(['tenant_id', 'type', 'id'])
      .merge(['version', 'revision', 'snapshot', 'updated_at'])
      .where('business_object.version', '<', object.version)
      .returning('id');
    return rows.length === 1;
  }

  /** The latest known version, or undefined. */
  async get(tenantId: string, type: string, id: string, trx?: Knex.Transaction): Promise<BusinessObjectRecord | undefined> {
    const row = await (trx ?? this.knex)<DbBusinessObjectRow>('business_object').where({ tenant_id: tenantId, type, id }).first();
    return row ? toRecord(row) : undefined;
  }
}
