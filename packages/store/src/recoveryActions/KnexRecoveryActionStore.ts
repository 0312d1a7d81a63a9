import type { Knex } from 'knex';
import { columnWriter, rowMapper } from '../rowMapper.js';
import { knexOf, type StoreTransaction } from '../StoreTransaction.js';
import type { RecoveryActionRecord, RecoveryActionStore } from './RecoveryActionStore.js';

interface DbRecoveryActionRow {
  id: string;
  tenant_id: string;
  work_item_id: string;
  action_code: string;
  actor: string;
  actor_roles: string[];
  reason_code: string | null;
  comment: string | null;
  attached_evidence: Record<string, unknown> | null;
  status: RecoveryActionRecord['status'];
  second_approval_of: string | null;
  policy_trace: unknown;
  taken_at: Date | string;
}

const toRecord = rowMapper<DbRecoveryActionRow, RecoveryActionRecord>()(
  ['id', 'tenant_id', 'work_item_id', 'action_code', 'actor', 'actor_roles', 'status', 'policy_trace', 'taken_at', 'reason_code', 'comment', 'attached_evidence', 'second_approval_of'],
  { instants: ['taken_at'], optional: ['reason_code', 'comment', 'attached_evidence', 'second_approval_of'] },
);

/** The policy trace is always written (`null` as JSON when the action had none). */
const rowOf = columnWriter<RecoveryActionRecord, DbRecoveryActionRow>()(
  ['id', 'tenant_id', 'work_item_id', 'action_code', 'actor', 'actor_roles', 'reason_code', 'comment', 'attached_evidence', 'status', 'second_approval_of', 'policy_trace', 'taken_at'],
  { json: ['actor_roles', 'attached_evidence', 'policy_trace'] },
);

/** Recovery actions of work items, tenant-scoped. */
export class KnexRecoveryActionStore implements RecoveryActionStore {
  constructor(private readonly knex: Knex) {}

  async insert(tx: StoreTransaction, action: RecoveryActionRecord): Promise<void> {
    await knexOf(tx)('recovery_action').insert(rowOf(action));
  }

  /** The actions taken on an item, oldest first. */
  async forWorkItem(tenantId: string, workItemId: string): Promise<RecoveryActionRecord[]> {
    const rows = await this.knex<DbRecoveryActionRow>('recovery_action').where({ tenant_id: tenantId, work_item_id: workItemId }).orderBy('taken_at', 'asc');
    return rows.map(toRecord);
  }
}
