import type { Knex } from 'knex';
import { assignPeopleAndPlace, type DbWorkItemRow } from '../workItems/KnexWorkItemStore.js';
import type { PendingApprovalRecord } from '../workItems/WorkItemStore.js';
import type { DecisionActorContext, ReplayCaseFilter, ReplayCaseRecord, ReplayCaseSource } from './ReplayCaseSource.js';

/** An item's row as the replay reads it: the work item's columns, some as text (parsed once per distinct value), with its context's beside them. */
interface DbReplayRow extends Pick<DbWorkItemRow, 'id' | 'tenant_id' | 'task_type' | 'task_type_version' | 'state' | 'business_object_type' | 'business_object_id' | 'business_object_version' | 'business_object_revision' | 'region' | 'product_family' | 'assignee' | 'owner' | 'requested_by' | 'delegated_to' | 'escalation_group' | 'escalation_level' | 'evidence'> {
  /** As text: parsed once per distinct pinned set. */
  pinned_definitions: string;
  /** Timestamps as ISO 8601 text, formatted by the database: no Date parsing per row. */
  due_at: string | null;
  pending_approval: Omit<PendingApprovalRecord, 'id'> | null;
  created_at: string;
  /** As JSON text: parsed once per distinct set. */
  candidate_groups: string;
  bo_version: number | null;
  bo_revision: number | null;
  bo_snapshot: Record<string, unknown> | null;
  ar_requested_by: string | null;
  /** As JSON text: parsed once per distinct list. */
  ar_forbidden: string | null;
  d_id: string | null;
  d_decision: string | null;
  d_reason_code: string | null;
  d_comment: string | null;
  d_payload: Record<string, unknown> | null;
  d_business_object_version: number | null;
  d_decided_at: string | null;
  d_second_approval_of: string | null;
  d_actor: string | null;
  /** As JSON text: parsed once per distinct list. */
  d_actor_roles: string | null;
  /** `actor_context` when the decision table has that column (a later migration adds it), else null. */
  d_actor_context: Partial<DecisionActorContext> | null;
  /** Inside the filter's time range. */
  in_range: boolean;
}

/**
 * The decider's context: the recorded `actor_context` when the row has one, else the actor and
 * roles the decision always recorded, in the item's tenant and region (groups unknown).
 */
export function decisionActorOf(row: Pick<DbReplayRow, 'd_actor' | 'd_actor_context' | 'tenant_id' | 'region'>, roles: string[] = []): DecisionActorContext {
  const recorded = row.d_actor_context;
  if (recorded && typeof recorded === 'object' && typeof recorded.id === 'string') {
    const actor: DecisionActorContext = {
      id: recorded.id,
      roles: recorded.roles ?? roles,
      groups: recorded.groups ?? [],
      tenant: recorded.tenant ?? row.tenant_id,
    };
    if (typeof recorded.region === 'string') actor.region = recorded.region;
    return actor;
  }
  const actor: DecisionActorContext = {
    id: row.d_actor ?? '',
    roles,
    groups: [],
    tenant: row.tenant_id,
  };
  if (row.region !== null) actor.region = row.region;
  return actor;
}

/**
 * Parses a JSON array column once per distinct text: items share a handful of pinned sets,
 * candidate groups, forbidden approvers and decider roles, so they share one array per value
 * (read-only, like the rest of a record).
 */
class SharedArrays {
  private readonly parsed = new Map<string, string[]>();

  of(text: string): string[] {
    let value = this.parsed.get(text);
    if (!value) {
      value = JSON.parse(text) as string[];
      if (this.parsed.size < 10_000) this.parsed.set(text, value);
    }
    return value;
  }
}

function toRecord(row: DbReplayRow, arrays: SharedArrays): ReplayCaseRecord {
  const pinned = arrays.of(row.pinned_definitions);
  const item: ReplayCaseRecord['item'] = {
    id: row.id,
    tenantId: row.tenant_id,
    taskType: row.task_type,
    taskTypeVersion: row.task_type_version,
    pinnedDefinitions: pinned,
    state: row.state,
    businessObject: {
      type: row.business_object_type,
      id: row.business_object_id,
      version: row.business_object_version,
    },
    candidateGroups: arrays.of(row.candidate_groups),
    escalationLevel: row.escalation_level,
    evidence: row.evidence,
    createdAt: row.created_at,
  };
  assignPeopleAndPlace(row, item);
  if (row.due_at !== null) item.dueAt = row.due_at;
  if (row.pending_approval !== null)
    item.pendingApproval = {
      kind: row.pending_approval.kind,
      code: row.pending_approval.code,
      requestedBy: row.pending_approval.requestedBy,
    };
  const record: ReplayCaseRecord = { item };
  if (row.bo_version !== null) {
    record.businessObject = {
      version: row.bo_version,
      snapshot: row.bo_snapshot ?? {},
    };
    if (row.bo_revision !== null) record.businessObject.revision = row.bo_revision;
  }
  if (row.ar_requested_by !== null)
    record.approvalRequest = {
      requestedBy: row.ar_requested_by,
      forbiddenApproverUserIds: row.ar_forbidden === null ? [] : arrays.of(row.ar_forbidden),
    };
  if (row.d_id !== null) {
    const decision: NonNullable<ReplayCaseRecord['decision']> = {
      id: row.d_id,
      decision: row.d_decision!,
      payload: row.d_payload ?? {},
      businessObjectVersion: row.d_business_object_version!,
      decidedAt: row.d_decided_at!,
      actor: decisionActorOf(row, row.d_actor_roles === null ? [] : arrays.of(row.d_actor_roles)),
    };
    if (row.d_reason_code !== null) decision.reasonCode = row.d_reason_code;
    if (row.d_comment !== null) decision.comment = row.d_comment;
    if (row.d_second_approval_of !== null) decision.secondApprovalOf = row.d_second_approval_of;
    record.decision = decision;
  }
  return record;
}

/** A timestamptz column as the ISO 8601 text `Date#toISOString` gives (UTC, milliseconds). */
const isoText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Reads the cases of an impact replay in batches, by keyset on the item id (bounded memory, no
 * OFFSET): each item with its candidate groups, its business object's latest version, its approval
 * request and its latest effective decision. Read-only; one statement per batch.
 */
export class KnexReplayCaseSource implements ReplayCaseSource {
  constructor(private readonly knex: Knex) {}

  /**
   * The matching items, in batches of at most `batchSize`, in item id order. Each statement reads
   * the next `batchSize` items that match the item filters (a primary-key range scan) with their
   * context, and marks those outside the time range instead of filtering them, so the cursor
   * advances past them and no statement scans beyond its page; a batch the time range thins out
   * may be short, and empty batches are skipped.
   */
  async *batches(filter: ReplayCaseFilter = {}): AsyncGenerator<ReplayCaseRecord[]> {
    const size = filter.batchSize ?? 1000;
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`batchSize must be a positive integer; got ${size}`);
    const withActorContext = await this.hasActorContext();
    const arrays = new SharedArrays();
    let after: string | undefined;
    for (;;) {
      const rows = await this.page(filter, after, size, withActorContext);
      if (rows.length === 0) return;
      const records: ReplayCaseRecord[] = [];
      for (const row of rows) if (row.in_range) records.push(toRecord(row, arrays));
      if (records.length) yield records;
      if (rows.length < size) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  /**
   * Whether decision rows keep the decider's context (`actor_context`, added by a later migration).
   * Probed once per read; until then the decider is rebuilt from `actor` and `actor_roles`.
   */
  private async hasActorContext(): Promise<boolean> {
    const { rows } = await this.knex.raw<{ rows: unknown[] }>(
      `select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'decision' and column_name = 'actor_context'`,
    );
    return rows.length > 0;
  }

  private async page(filter: ReplayCaseFilter, after: string | undefined, size: number, withActorContext: boolean): Promise<DbReplayRow[]> {
    const where: string[] = [];
    const bindings: Knex.RawBinding[] = [];
    if (after !== undefined) {
      where.push('w.id > ?');
      bindings.push(after);
    }
    if (filter.tenantId !== undefined) {
      where.push('w.tenant_id = ?');
      bindings.push(filter.tenantId);
    }
    if (filter.definitionId !== undefined) {
      // split_part, not LIKE: ids contain underscores, LIKE's single-character wildcard.
      where.push(`exists (select 1 from jsonb_array_elements_text(w.pinned_definitions) p(ref) where split_part(p.ref, '@', 1) = ?)`);
      bindings.push(filter.definitionId);
    }
    const range: string[] = [];
    const rangeBindings: Knex.RawBinding[] = [];
    if (filter.from !== undefined) {
      range.push('coalesce(d.decided_at, w.created_at) >= ?');
      rangeBindings.push(filter.from);
    }
    if (filter.to !== undefined) {
      range.push('coalesce(d.decided_at, w.created_at) < ?');
      rangeBindings.push(filter.to);
    }
    // Primary-key probes per item (lateral with a limit, so the planner keeps them), never a hash of a
    // whole table per page; and no JIT: compiling the plan costs more than running it for one page.
    // Only the columns a replay reads (the CTE materialised whole rows before), timestamps as ISO
    // text formatted by the database (no Date parsing) and arrays as JSON text parsed once per
    // distinct value: the client's row unpacking cost more than the query. (Measured and dropped:
    // each row or the whole page as one JSON text; the database's JSON building cost more than the
    // client saved, and a multi-megabyte message is copied again with every chunk received.)
    const { rows } = await this.knex.transaction(async (trx) => {
      await trx.raw('set local jit = off');
      return trx.raw<{ rows: DbReplayRow[] }>(
        `with w as materialized (
          select w.id, w.tenant_id, w.task_type, w.task_type_version, w.pinned_definitions, w.state, w.business_object_type, w.business_object_id,
            w.business_object_version, w.business_object_revision, w.region, w.product_family, w.assignee, w.owner, w.requested_by, w.delegated_to,
            w.escalation_group, w.escalation_level, w.due_at, w.evidence, w.pending_approval, w.created_at
          from work_item w ${where.length ? `where ${where.join(' and ')}` : ''} order by w.id limit ?)
        select w.id, w.tenant_id, w.task_type, w.task_type_version, w.pinned_definitions::text as pinned_definitions, w.state, w.business_object_type, w.business_object_id,
          w.business_object_version, w.business_object_revision, w.region, w.product_family, w.assignee, w.owner, w.requested_by, w.delegated_to,
          w.escalation_group, w.escalation_level, ${isoText('w.due_at')} as due_at, w.evidence, w.pending_approval, ${isoText('w.created_at')} as created_at,
          coalesce((select json_agg(g.group_code order by g.group_code) from work_item_candidate_group g where g.work_item_id = w.id)::text, '[]') as candidate_groups,
          b.version as bo_version, b.revision as bo_revision, b.snapshot as bo_snapshot,
          a.requested_by as ar_requested_by, a.forbidden_approver_user_ids::text as ar_forbidden,
          d.id as d_id, d.decision as d_decision, d.reason_code as d_reason_code, d.comment as d_comment, d.payload as d_payload,
          d.business_object_version as d_business_object_version, ${isoText('d.decided_at')} as d_decided_at, d.second_approval_of as d_second_approval_of,
          d.actor as d_actor, d.actor_roles::text as d_actor_roles, d.recorded_actor_context as d_actor_context,
          ${range.length ? range.join(' and ') : 'true'} as in_range
        from w
        left join lateral (select b.version, b.revision, b.snapshot from business_object b where b.tenant_id = w.tenant_id and b.type = w.business_object_type and b.id = w.business_object_id limit 1) b on true
        left join lateral (select a.requested_by, a.forbidden_approver_user_ids from approval_request a where a.work_item_id = w.id limit 1) a on true
        left join lateral (
          select x.id, x.decision, x.reason_code, x.comment, x.payload, x.business_object_version, x.decided_at, x.second_approval_of, x.actor, x.actor_roles,
              ${withActorContext ? 'x.actor_context' : 'null::jsonb'} as recorded_actor_context
            from decision x
            where x.work_item_id = w.id and x.tenant_id = w.tenant_id and x.status = 'EFFECTIVE'
            order by x.decided_at desc, x.id desc limit 1
        ) d on true`,
        [...bindings, size, ...rangeBindings],
      );
    });
    // The page's order (the nested loops keep the CTE's, but only a sort would promise it).
    return rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }
}
