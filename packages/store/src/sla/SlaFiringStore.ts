import type { StoreTransaction } from '../StoreTransaction.js';

/** One SLA firing of an item: a warning, or an escalation to a level, for the instant it was due. */
export interface SlaFiring {
  workItemId: string;
  tenantId: string;
  kind: 'WARNING' | 'ESCALATION';
  /** The escalation level the item is at after the firing (a warning: its current level). */
  level: number;
  /** The SLA instant it fires for (ISO 8601). */
  dueAt: string;
  firedAt: string;
}

/**
 * The SLA firings (table `sla_escalation`), unique per item, kind and level: however many
 * schedulers run, and across restarts, each firing is recorded once.
 */
export interface SlaFiringStore {
  /** Records a firing inside the caller's transaction; false when it was recorded before (nothing written). */
  record(tx: StoreTransaction, firing: SlaFiring): Promise<boolean>;
}
