import type { Knex } from 'knex';
import { columnWriter } from '../rowMapper.js';
import { knexOf, runnerOf, type StoreTransaction } from '../StoreTransaction.js';
import type { ApprovalRequestRecord, ApprovalRequestStore } from './ApprovalRequestStore.js';

export interface DbApprovalRequestRow {
  work_item_id: string;
  requested_by: string;
  requested_at: Date | string;
  required_authority: { measure?: string; amount?: number };
  forbidden_approver_user_ids: string[];
  forbidden_approver_role_codes: string[];
}

const rowOf = columnWriter<ApprovalRequestRecord, DbApprovalRequestRow>()(['work_item_id', 'requested_by', 'requested_at', 'required_authority', 'forbidden_approver_user_ids', 'forbidden_approver_role_codes'], {
  json: ['required_authority', 'forbidden_approver_user_ids', 'forbidden_approver_role_codes'],
});

/** Approval requests: one per approval task, written with the task. Reads go through the (tenant-scoped) item. */
export class KnexApprovalRequestStore implements ApprovalRequestStore {
  constructor(private readonly knex: Knex) {}

  async insert(tx: StoreTransaction, request: ApprovalRequestRecord): Promise<void> {
    await knexOf(tx)('approval_request').insert(rowOf(request));
  }

  /** The request of an item the caller has already loaded for its tenant. */
  async forWorkItem(workItemId: string, tx?: StoreTransaction): Promise<ApprovalRequestRecord | undefined> {
    const row = await runnerOf(this.knex, tx)<DbApprovalRequestRow>('approval_request').where({ work_item_id: workItemId }).first();
    return row ? toApprovalRequestRecord(row) : undefined;
  }

  /** The requests of several items the caller has already loaded for its tenant, in one query; items without one are left out. */
  async forWorkItems(workItemIds: readonly string[], tx?: StoreTransaction): Promise<ApprovalRequestRecord[]> {
    if (!workItemIds.length) return [];
    const rows = await runnerOf(this.knex, tx)<DbApprovalRequestRow>('approval_request').whereRaw('work_item_id = any(?::uuid[])', [[...workItemIds]]);
    return rows.map(toApprovalRequestRecord);
  }
}

/** Maps a row (also one read as JSON, `to_jsonb(a)`, whose timestamps are strings). */
export function toApprovalRequestRecord(row: DbApprovalRequestRow): ApprovalRequestRecord {
  return {
    workItemId: row.work_item_id,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at).toISOString(),
    requiredAuthority: row.required_authority,
    forbiddenApproverUserIds: row.forbidden_approver_user_ids,
    forbiddenApproverRoleCodes: row.forbidden_approver_role_codes,
  };
}
