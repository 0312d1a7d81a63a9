import type { Knex } from 'knex';
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

function toRecord(row: DbRecoveryActionRow): RecoveryActionRecord {
  const record: RecoveryActionRecord = {
    id: row.id,
    tenantId: row.tenant_id,
    workItemId: row.work_item_id,
    actionCode: row.action_code,
    actor: row.actor,
    actorRoles: row.actor_roles,
    status: row.status,
    policyTrace: row.policy_trace,
    takenAt: new Date(row.taken_at).toISOString(),
  };
  if (row.reason_code !== null) record.reasonCode = row.reason_code;
  if (row.comment !== null) record.comment = row.comment;
  if (row.attached_evidence !== null) record.attachedEvidence = row.attached_evidence;
  if (row.second_approval_of !== null) record.secondApprovalOf = row.second_approval_of;
  return record;
}

/** Recovery actions of work items, tenant-scoped. */
export class KnexRecoveryActionStore implements RecoveryActionStore {
  constructor(private readonly knex: Knex) {}

  async insert(tx: StoreTransaction, action: RecoveryActionRecord): Promise<void> {
    await knexOf(tx)('recovery_action').insert({
      id: action.id,
      tenant_id: action.tenantId,
      work_item_id: action.workItemId,
      action_code: action.actionCode,
      actor: action.actor,
      actor_roles: JSON.stringify(action.actorRoles),
      reason_code: action.reasonCode ?? null,
      comment: action.comment ?? null,
      attached_evidence: action.attachedEvidence ? JSON.stringify(action.attachedEvidence) : null,
      status: action.status,
      second_approval_of: action.secondApprovalOf ?? null,
      policy_trace: JSON.stringify(action.policyTrace ?? null),
      taken_at: action.takenAt,
    });
  }

  /** The actions taken on an item, oldest first. */
  async forWorkItem(tenantId: string, workItemId: string): Promise<RecoveryActionRecord[]> {
    const rows = await this.knex<DbRecoveryActionRow>('recovery_action').where({ tenant_id: tenantId, work_item_id: workItemId }).orderBy('taken_at', 'asc');
    return rows.map(toRecord);
  }
}
