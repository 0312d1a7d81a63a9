import type { Knex } from 'knex';
import { rowMapper } from '../rowMapper.js';
import { asWriteStatement, type WriteStatement } from '../statements.js';
import { knexOf, type StoreTransaction } from '../StoreTransaction.js';
import type { DecisionRecord, DecisionStore } from './DecisionStore.js';

interface DbDecisionRow {
  id: string;
  work_item_id: string;
  tenant_id: string;
  decision: string;
  reason_code: string | null;
  comment: string | null;
  actor: string;
  actor_roles: string[];
  business_object_version: number;
  payload: Record<string, unknown>;
  policy_trace: unknown;
  status: DecisionRecord['status'];
  second_approval_of: string | null;
  actor_context: Record<string, unknown> | null;
  decided_at: Date | string;
}

const toRecord = rowMapper<DbDecisionRow, DecisionRecord>()(
  ['id', 'work_item_id', 'tenant_id', 'decision', 'actor', 'actor_roles', 'business_object_version', 'payload', 'policy_trace', 'status', 'decided_at', 'reason_code', 'comment', 'second_approval_of', 'actor_context'],
  { instants: ['decided_at'], optional: ['reason_code', 'comment', 'second_approval_of', 'actor_context'] },
);

/** Decisions: written once, in the command's transaction, never updated. */
export class KnexDecisionStore implements DecisionStore {
  constructor(private readonly knex: Knex) {}

  /** Writes a decision inside the caller's transaction. */
  async insert(tx: StoreTransaction, decision: DecisionRecord): Promise<DecisionRecord> {
    await insertOf(knexOf(tx), decision);
    return decision;
  }

  /** The insert, not yet sent: one write of a command that commits in one statement (`writeTogether`). */
  insertStatement(decision: DecisionRecord): WriteStatement {
    return asWriteStatement(insertOf(this.knex, decision));
  }

  /** The decisions of an item, oldest first. */
  async forWorkItem(tenantId: string, workItemId: string): Promise<DecisionRecord[]> {
    const rows = await this.knex<DbDecisionRow>('decision').where({ tenant_id: tenantId, work_item_id: workItemId }).orderBy('decided_at', 'asc');
    return rows.map(toRecord);
  }
}

/** The insert of a decision, on the pool or in a transaction. */
function insertOf(db: Knex, decision: DecisionRecord) {
  return db('decision').insert({
    id: decision.id,
    work_item_id: decision.workItemId,
    tenant_id: decision.tenantId,
    decision: decision.decision,
    reason_code: decision.reasonCode ?? null,
    comment: decision.comment ?? null,
    actor: decision.actor,
    actor_roles: JSON.stringify(decision.actorRoles),
    business_object_version: decision.businessObjectVersion,
    payload: JSON.stringify(decision.payload),
    policy_trace: JSON.stringify(decision.policyTrace ?? null),
    status: decision.status,
    second_approval_of: decision.secondApprovalOf ?? null,
    actor_context: decision.actorContext ? JSON.stringify(decision.actorContext) : null,
    decided_at: decision.decidedAt,
  });
}
