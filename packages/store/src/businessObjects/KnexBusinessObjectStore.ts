import type { Knex } from 'knex';
import { knexOf, runnerOf, type StoreTransaction } from '../StoreTransaction.js';
import type { BusinessObjectRecord, BusinessObjectStore } from './BusinessObjectStore.js';

export interface DbBusinessObjectRow {
  tenant_id: string;
  type: string;
  id: string;
  version: number;
  revision: number | null;
  snapshot: Record<string, unknown>;
  updated_at: Date | string;
}

/** Maps a row (also one read as JSON, `to_jsonb(b)`, whose timestamps are strings). */
export function toBusinessObjectRecord(row: DbBusinessObjectRow): BusinessObjectRecord {
  const record: BusinessObjectRecord = { tenantId: row.tenant_id, type: row.type, id: row.id, version: row.version, snapshot: row.snapshot, updatedAt: new Date(row.updated_at).toISOString() };
  if (row.revision !== null) record.revision = row.revision;
  return record;
}

/**
 * Business objects as business events report them (e.g. QuoteRevised). A version only moves
 * forward: an older or equal version arriving late changes nothing.
 */
export class KnexBusinessObjectStore implements BusinessObjectStore {
  constructor(private readonly knex: Knex) {}

  /** Records a version; returns true when it was newer than what was known. */
  async record(tx: StoreTransaction, object: Omit<BusinessObjectRecord, 'updatedAt'>, now: string): Promise<boolean> {
    const rows: unknown[] = await knexOf(tx)('business_object')
      .insert({ tenant_id: object.tenantId, type: object.type, id: object.id, version: object.version, revision: object.revision ?? null, snapshot: JSON.stringify(object.snapshot), updated_at: now })
      .onConflict(['tenant_id', 'type', 'id'])
      .merge(['version', 'revision', 'snapshot', 'updated_at'])
      .where('business_object.version', '<', object.version)
      .returning('id');
    return rows.length === 1;
  }

  /** The latest known version, or undefined. */
  async get(tenantId: string, type: string, id: string, tx?: StoreTransaction): Promise<BusinessObjectRecord | undefined> {
    const row = await runnerOf(this.knex, tx)<DbBusinessObjectRow>('business_object').where({ tenant_id: tenantId, type, id }).first();
    return row ? toBusinessObjectRecord(row) : undefined;
  }

  /** The latest known versions of several objects of a tenant, in one query; unknown ones are left out. */
  async getMany(tenantId: string, refs: readonly { type: string; id: string }[], tx?: StoreTransaction): Promise<BusinessObjectRecord[]> {
    if (!refs.length) return [];
    // Two array parameters rather than a (type, id) pair per object: one index scan, few bindings.
    const wanted = new Set(refs.map((r) => `${r.type}\u0000${r.id}`));
    const rows = await runnerOf(this.knex, tx)<DbBusinessObjectRow>('business_object')
      .where({ tenant_id: tenantId })
      .whereRaw('type = any(?::text[]) and id = any(?::text[])', [[...new Set(refs.map((r) => r.type))], [...new Set(refs.map((r) => r.id))]]);
    return rows.filter((row) => wanted.has(`${row.type}\u0000${row.id}`)).map(toBusinessObjectRecord);
  }
}
