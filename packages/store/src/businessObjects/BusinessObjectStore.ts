import type { StoreTransaction } from '../StoreTransaction.js';

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

/**
 * Business objects as business events report them (e.g. QuoteRevised). A version only moves
 * forward: an older or equal version arriving late changes nothing.
 */
export interface BusinessObjectStore {
  /** Records a version inside the caller's transaction; returns true when it was newer than what was known. */
  record(tx: StoreTransaction, object: Omit<BusinessObjectRecord, 'updatedAt'>, now: string): Promise<boolean>;
  /** The latest known version, or undefined. */
  get(tenantId: string, type: string, id: string, tx?: StoreTransaction): Promise<BusinessObjectRecord | undefined>;
  /** The latest known versions of several objects of a tenant, in one query; unknown ones are left out. */
  getMany(tenantId: string, refs: readonly { type: string; id: string }[], tx?: StoreTransaction): Promise<BusinessObjectRecord[]>;
}
