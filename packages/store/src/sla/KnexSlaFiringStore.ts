import { knexOf, type StoreTransaction } from '../StoreTransaction.js';
import type { SlaFiring, SlaFiringStore } from './SlaFiringStore.js';

/** SLA firings in `sla_escalation`; the unique (item, kind, level) key makes a second firing a no-op. */
export class KnexSlaFiringStore implements SlaFiringStore {
  async record(tx: StoreTransaction, firing: SlaFiring): Promise<boolean> {
    const inserted = await knexOf(tx)('sla_escalation')
      .insert({ work_item_id: firing.workItemId, tenant_id: firing.tenantId, kind: firing.kind, level: firing.level, due_at: firing.dueAt, fired_at: firing.firedAt })
      .onConflict(['work_item_id', 'kind', 'level'])
      .ignore()
      .returning('level');
    return inserted.length === 1;
  }
}
