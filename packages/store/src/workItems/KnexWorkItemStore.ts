import { InputError } from '@mandate/problems';
import type { Knex } from 'knex';
import { prepared } from '../prepared.js';
import { writeTogether } from '../writeTogether.js';
import { toApprovalRequestRecord, type DbApprovalRequestRow } from '../approvals/KnexApprovalRequestStore.js';
import { toBusinessObjectRecord, type DbBusinessObjectRow } from '../businessObjects/KnexBusinessObjectStore.js';
import { knexStatementOf, type ReadStatement, type WriteStatement } from '../statements.js';
import { knexOf, runnerOf, type StoreTransaction } from '../StoreTransaction.js';
import type { NewWorkItem, PageRequest, PendingApprovalRecord, WorkItemChanges, WorkItemFilter, WorkItemPage, WorkItemRecord, WorkItemStore, WorkItemSummary, WorkItemSummaryPage, WorkItemWithContext, WorkItemWithContextPage } from './WorkItemStore.js';

/** A `work_item` row (with its candidate groups beside it); the replay reads the same columns. */
export interface DbWorkItemRow {
  id: string;
  tenant_id: string;
  task_type: string;
  task_type_version: number;
  pinned_definitions: string[];
  state: string;
  title: string;
  business_object_type: string;
  business_object_id: string;
  business_object_version: number;
  business_object_revision: number | null;
  region: string | null;
  product_family: string | null;
  assignee: string | null;
  owner: string | null;
  requested_by: string | null;
  delegated_to: string | null;
  priority: number;
  priority_reasons: string[];
  risk_class: string | null;
  escalation_group: string | null;
  escalation_level: number;
  due_at: Date | string | null;
  sla_warn_at: Date | string | null;
  sla_escalate_at: Date | string | null;
  expires_at: Date | string | null;
  caller_key: string | null;
  evidence: Record<string, unknown>;
  caller_ref: Record<string, unknown> | null;
  outcome_reason: string | null;
  pending_approval: PendingApprovalRecord | null;
  row_version: number;
  created_at: Date | string;
  updated_at: Date | string;
  candidate_groups?: string[] | null;
  /** `due_at` with its microseconds, UTC (list only): the cursor's key. */
  due_at_key?: string | null;
}

/** The item's candidate groups as a JSON array, beside `w.*`. */
const CANDIDATE_GROUPS = `coalesce((select json_agg(g.group_code) from work_item_candidate_group g where g.work_item_id = w.id), '[]'::json) as candidate_groups`;
/** The same, in the RETURNING of an update of `work_item` (no alias there). */
const CANDIDATE_GROUPS_OF_UPDATED = `coalesce((select json_agg(g.group_code) from work_item_candidate_group g where g.work_item_id = work_item.id), '[]'::json) as candidate_groups`;
const FINISHED = ['decided', 'completed', 'cancelled', 'obsolete', 'expired'];
/** States in which an item waits for a person (its queue); the others are finished. */
export const OPEN_WORK_ITEM_STATES: readonly string[] = ['available', 'claimed', 'delegated', 'escalated'];
const OPEN = OPEN_WORK_ITEM_STATES;
/** States in which an item holds its workflow activation's caller key (the partial unique index). */
const CALLER_KEY_HOLDERS = [...OPEN, 'decided', 'completed'];
const iso = (value: Date | string) => new Date(value).toISOString();

function toRecord(row: DbWorkItemRow): WorkItemRecord {
  const record = toSummary(row) as WorkItemRecord;
  record.evidence = row.evidence;
  return record;
}

/** Every column but `evidence`, for summaries (the evidence is most of a row's bytes). */
const SUMMARY_COLUMNS = ['id', 'tenant_id', 'task_type', 'task_type_version', 'pinned_definitions', 'state', 'title', 'business_object_type', 'business_object_id', 'business_object_version', 'business_object_revision', 'region', 'product_family', 'assignee', 'owner', 'requested_by', 'delegated_to', 'priority', 'priority_reasons', 'risk_class', 'escalation_group', 'escalation_level', 'due_at', 'sla_warn_at', 'sla_escalate_at', 'expires_at', 'caller_key', 'caller_ref', 'outcome_reason', 'pending_approval', 'row_version', 'created_at', 'updated_at'] as const satisfies readonly Exclude<keyof DbWorkItemRow, 'evidence' | 'candidate_groups' | 'due_at_key'>[];

/** Fails to compile when a column of the row type is missing from SUMMARY_COLUMNS (add a migration's column to the row type, and this says where else). */
type MissingSummaryColumn = Exclude<keyof DbWorkItemRow, 'evidence' | 'candidate_groups' | 'due_at_key' | (typeof SUMMARY_COLUMNS)[number]>;
const everyColumnListed: [MissingSummaryColumn] extends [never] ? true : MissingSummaryColumn = true;
void everyColumnListed;
const SUMMARY_SELECT = SUMMARY_COLUMNS.map((c) => `w.${c}`);

function toSummary(row: Omit<DbWorkItemRow, 'evidence'>): WorkItemSummary {
  const record: WorkItemSummary = {
    id: row.id,
    tenantId: row.tenant_id,
    taskType: row.task_type,
    taskTypeVersion: row.task_type_version,
    pinnedDefinitions: row.pinned_definitions,
    state: row.state,
    title: row.title,
    businessObject: { type: row.business_object_type, id: row.business_object_id, version: row.business_object_version },
    candidateGroups: [...(row.candidate_groups ?? [])].sort(),
    priority: row.priority,
    priorityReasons: row.priority_reasons,
    escalationLevel: row.escalation_level,
    rowVersion: row.row_version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
  // Assigned one by one (not from a list of pairs): this runs for every row of every worklist page.
  assignPeopleAndPlace(row, record);
  if (row.risk_class !== null) record.riskClass = row.risk_class;
  if (row.due_at !== null) record.dueAt = iso(row.due_at);
  if (row.sla_warn_at !== null) record.slaWarnAt = iso(row.sla_warn_at);
  if (row.sla_escalate_at !== null) record.slaEscalateAt = iso(row.sla_escalate_at);
  if (row.expires_at !== null) record.expiresAt = iso(row.expires_at);
  if (row.caller_ref !== null) record.callerRef = row.caller_ref;
  if (row.caller_key !== null) record.callerKey = row.caller_key;
  if (row.outcome_reason !== null) record.outcomeReason = row.outcome_reason;
  if (row.pending_approval !== null) record.pendingApproval = row.pending_approval;
  return record;
}

/** The nullable columns saying whose an item is and where it belongs, and its business object's revision. */
type PeopleAndPlaceColumns = Pick<DbWorkItemRow, 'business_object_revision' | 'region' | 'product_family' | 'assignee' | 'owner' | 'requested_by' | 'delegated_to' | 'escalation_group'>;

/**
 * Copies the columns of {@link PeopleAndPlaceColumns} that hold a value onto a record (an absent
 * field, never `null`). Shared by the worklist's and the replay's row mappers; assigned one by one,
 * not from a list of pairs, as this runs for every row of every page and every replay batch.
 */
export function assignPeopleAndPlace(row: PeopleAndPlaceColumns, record: Pick<WorkItemRecord, 'region' | 'productFamily' | 'assignee' | 'owner' | 'requestedBy' | 'delegatedTo' | 'escalationGroup'> & { businessObject: { revision?: number } }): void {
  if (row.business_object_revision !== null) record.businessObject.revision = row.business_object_revision;
  if (row.region !== null) record.region = row.region;
  if (row.product_family !== null) record.productFamily = row.product_family;
  if (row.assignee !== null) record.assignee = row.assignee;
  if (row.owner !== null) record.owner = row.owner;
  if (row.requested_by !== null) record.requestedBy = row.requested_by;
  if (row.delegated_to !== null) record.delegatedTo = row.delegated_to;
  if (row.escalation_group !== null) record.escalationGroup = row.escalation_group;
}

type DbWorkItemContextRow = DbWorkItemRow & { business_object_row: DbBusinessObjectRow | null; approval_request_row: DbApprovalRequestRow | null };

/** An item's business object and approval request as JSON, beside `w.*`: one primary-key probe each. */
const CONTEXT = `(select to_jsonb(b) from business_object b where b.tenant_id = w.tenant_id and b.type = w.business_object_type and b.id = w.business_object_id) as business_object_row,
  (select to_jsonb(a) from approval_request a where a.work_item_id = w.id) as approval_request_row`;

function toWithContext(row: DbWorkItemContextRow): WorkItemWithContext {
  return {
    item: toRecord(row),
    ...(row.business_object_row ? { businessObject: toBusinessObjectRecord(row.business_object_row) } : {}),
    ...(row.approval_request_row ? { approvalRequest: toApprovalRequestRecord(row.approval_request_row) } : {}),
  };
}

const COLUMN: Record<keyof WorkItemChanges, string> = {
  taskTypeVersion: 'task_type_version',
  pinnedDefinitions: 'pinned_definitions',
  state: 'state',
  assignee: 'assignee',
  owner: 'owner',
  delegatedTo: 'delegated_to',
  escalationLevel: 'escalation_level',
  escalationGroup: 'escalation_group',
  dueAt: 'due_at',
  priority: 'priority',
  priorityReasons: 'priority_reasons',
  outcomeReason: 'outcome_reason',
  pendingApproval: 'pending_approval',
  evidence: 'evidence',
  slaWarnAt: 'sla_warn_at',
  slaEscalateAt: 'sla_escalate_at',
};

/** Changes stored as JSON documents. */
const JSON_CHANGES = new Set<keyof WorkItemChanges>(['pinnedDefinitions', 'priorityReasons', 'pendingApproval', 'evidence']);

/** Keyset cursor: the sort key of the last row of a page. */
interface Cursor {
  priority: number;
  dueAt: string | null;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/** A cursor that does not decode: the caller sent something it was never given. */
export class InvalidCursorError extends InputError {
  override name = 'InvalidCursorError';
  declare readonly code: 'INVALID_CURSOR';

  constructor(message: string) {
    super('INVALID_CURSOR', message);
  }
}

function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.priority !== 'number' || typeof c.id !== 'string' || !(c.dueAt === null || typeof c.dueAt === 'string')) throw new Error('shape');
    return c as Cursor;
  } catch {
    throw new InvalidCursorError('cursor is not one this server issued');
  }
}

/**
 * Work items: the worklist read model. Every query is scoped by tenant (another tenant's item is
 * simply not found). State changes are conditional on the row version, so of two concurrent
 * claims exactly one succeeds.
 */
export class KnexWorkItemStore implements WorkItemStore {
  constructor(private readonly knex: Knex) {}

  /** Inserts an item and its candidate groups inside the caller's transaction. */
  async create(tx: StoreTransaction, item: NewWorkItem, now: string): Promise<WorkItemRecord> {
    const trx = knexOf(tx);
    await trx('work_item').insert({
      id: item.id,
      tenant_id: item.tenantId,
      task_type: item.taskType,
      task_type_version: item.taskTypeVersion,
      pinned_definitions: JSON.stringify(item.pinnedDefinitions),
      state: item.state,
      title: item.title,
      business_object_type: item.businessObject.type,
      business_object_id: item.businessObject.id,
      business_object_version: item.businessObject.version,
      business_object_revision: item.businessObject.revision ?? null,
      region: item.region ?? null,
      product_family: item.productFamily ?? null,
      assignee: item.assignee ?? null,
      owner: item.owner ?? null,
      requested_by: item.requestedBy ?? null,
      delegated_to: item.delegatedTo ?? null,
      priority: item.priority,
      priority_reasons: JSON.stringify(item.priorityReasons),
      risk_class: item.riskClass ?? null,
      escalation_group: item.escalationGroup ?? null,
      escalation_level: item.escalationLevel,
      due_at: item.dueAt ?? null,
      evidence: JSON.stringify(item.evidence),
      caller_ref: item.callerRef ? JSON.stringify(item.callerRef) : null,
      caller_key: item.callerKey ?? null,
      sla_warn_at: item.slaWarnAt ?? null,
      sla_escalate_at: item.slaEscalateAt ?? null,
      expires_at: item.expiresAt ?? null,
      outcome_reason: item.outcomeReason ?? null,
      pending_approval: item.pendingApproval ? JSON.stringify(item.pendingApproval) : null,
      row_version: 1,
      created_at: now,
      updated_at: now,
    });
    if (item.candidateGroups.length) {
      await trx('work_item_candidate_group').insert([...new Set(item.candidateGroups)].map((group) => ({ work_item_id: item.id, group_code: group })));
    }
    return { ...item, candidateGroups: [...new Set(item.candidateGroups)].sort(), rowVersion: 1, createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString() };
  }

  private selectWithGroups(db: Knex, columns: readonly string[] = ['w.*']) {
    return db('work_item as w').select(...columns, db.raw(CANDIDATE_GROUPS));
  }

  /** One item of the tenant, or undefined (also for another tenant's id). */
  async get(tenantId: string, id: string, tx?: StoreTransaction): Promise<WorkItemRecord | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = (await this.selectWithGroups(runnerOf(this.knex, tx)).where('w.tenant_id', tenantId).andWhere('w.id', id).first()) as DbWorkItemRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /**
   * One item of the tenant with its business object and approval request, in one statement (a
   * command's load: one round trip instead of three), or undefined.
   */
  async getWithContext(tenantId: string, id: string): Promise<WorkItemWithContext | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = (await prepared(this.withContext(tenantId, id).first())) as DbWorkItemContextRow | undefined;
    return row ? toWithContext(row) : undefined;
  }

  /**
   * The same read with another read sent in the same statement, on the same snapshot (a command's
   * idempotency key rides on its load: one round trip instead of two). `beside` must be a select;
   * its first row comes back as JSON (`besideRow`, null when it found none), whether or not the
   * item exists. The item is mapped when `loaded` is called. An id that is no UUID reads nothing.
   */
  async getWithContextReading<Row>(tenantId: string, id: string, beside: ReadStatement): Promise<{ loaded: () => WorkItemWithContext | undefined; besideRow: Row | null } | undefined> {
    if (!UUID.test(id)) return undefined;
    // The item is the inner side of a left join, so the statement answers one row even without it.
    const statement = this.knex
      .queryBuilder()
      .with('beside', knexStatementOf(beside))
      .select(this.knex.raw('(select to_jsonb(beside) from beside limit 1) as beside_row'), 'item.*')
      .from(this.knex.raw('(select 1) as one'))
      .leftJoin(this.withContext(tenantId, id).as('item'), this.knex.raw('true'));
    const [row] = (await prepared(statement)) as ({ beside_row: Row | null } & (DbWorkItemContextRow | { id: null }))[];
    return { loaded: () => (row!.id === null ? undefined : toWithContext(row!)), besideRow: row!.beside_row };
  }

  private withContext(tenantId: string, id: string) {
    return this.selectWithGroups(this.knex).select(this.knex.raw(CONTEXT)).where('w.tenant_id', tenantId).andWhere('w.id', id);
  }

  /**
   * The tenant's live item of a workflow activation (any state that holds the key), if one was
   * created. Always within a tenant: the key is unique per tenant, so another tenant may hold the same text.
   */
  async byCallerKey(tenantId: string, callerKey: string): Promise<WorkItemRecord | undefined> {
    const query = this.selectWithGroups(this.knex).where('w.caller_key', callerKey).andWhere('w.tenant_id', tenantId).whereIn('w.state', CALLER_KEY_HOLDERS);
    const row = (await query.first()) as DbWorkItemRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Open items whose SLA instant (`sla_warn_at`, `sla_escalate_at` or `expires_at`) has passed, oldest first, across tenants. */
  async slaDue(column: 'sla_warn_at' | 'sla_escalate_at' | 'expires_at', now: string, limit: number): Promise<WorkItemRecord[]> {
    const rows = (await this.selectWithGroups(this.knex).whereIn('w.state', OPEN).andWhere(`w.${column}`, '<=', now).orderBy(`w.${column}`, 'asc').limit(limit)) as DbWorkItemRow[];
    return rows.map(toRecord);
  }

  /**
   * Open items per task type and state across tenants, with the creation time of the oldest (the
   * source of the queue-age metrics). One pass over the open items, at each metrics scrape.
   */
  async openQueues(): Promise<{ taskType: string; state: string; count: number; oldestCreatedAt: string }[]> {
    const rows = await this.knex('work_item').select('task_type', 'state').count('* as n').min('created_at as oldest').whereIn('state', OPEN).groupBy('task_type', 'state');
    return (rows as unknown as { task_type: string; state: string; n: string | number; oldest: Date | string }[]).map((r) => ({ taskType: r.task_type, state: r.state, count: Number(r.n), oldestCreatedAt: new Date(r.oldest).toISOString() }));
  }

  /**
   * Decided items, with or without a workflow, that have waited longer than `before` for their
   * completion (their outbox command settled, or the relay's completion step never ran).
   */
  async decidedAwaitingCompletion(before: string, limit: number): Promise<WorkItemRecord[]> {
    const rows = (await this.selectWithGroups(this.knex).where('w.state', 'decided').andWhere('w.updated_at', '<', before).orderBy('w.updated_at', 'asc').limit(limit)) as DbWorkItemRow[];
    return rows.map(toRecord);
  }

  /** Whether any item exists, in any tenant the caller's scope sees. */
  async hasAny(): Promise<boolean> {
    return (await this.knex('work_item').select(this.knex.raw('1')).first()) !== undefined;
  }

  private filtered(tenantId: string, filter: WorkItemFilter, db: Knex = this.knex, columns: readonly string[] = ['w.*']) {
    const query = this.selectWithGroups(db, columns).where('w.tenant_id', tenantId);
    if (filter.state) void query.andWhere('w.state', filter.state);
    if (filter.taskType) void query.andWhere('w.task_type', filter.taskType);
    if (filter.assignee) void query.andWhere('w.assignee', filter.assignee);
    if (filter.businessObjectType) void query.andWhere('w.business_object_type', filter.businessObjectType);
    if (filter.businessObjectId) void query.andWhere('w.business_object_id', filter.businessObjectId);
    if (filter.region) void query.andWhere('w.region', filter.region);
    if (filter.productFamily) void query.andWhere('w.product_family', filter.productFamily);
    if (filter.priorityMin !== undefined) void query.andWhere('w.priority', '>=', filter.priorityMin);
    if (filter.overdueAt) void query.andWhere('w.due_at', '<', filter.overdueAt).whereNotIn('w.state', FINISHED);
    if (filter.candidateGroup) {
      void query.whereExists((sub) => {
        // The tenant leads the group index (and is what row-level security compares).
        void sub.select(this.knex.raw('1')).from('work_item_candidate_group as g').where('g.tenant_id', tenantId).andWhere('g.group_code', filter.candidateGroup!).whereRaw('g.work_item_id = w.id');
      });
    }
    return query;
  }

  /** The tenant's items that match the filter, nothing selected yet: what the counts count. */
  private matching(tenantId: string, filter: WorkItemFilter, db: Knex = this.knex) {
    return this.filtered(tenantId, filter, db).clearSelect().clearOrder();
  }

  /** A page of the tenant's queue: highest priority first, then earliest due, then id. */
  async list(tenantId: string, filter: WorkItemFilter = {}, page: PageRequest = {}): Promise<WorkItemPage> {
    const { rows, nextCursor } = await this.page(this.filtered(tenantId, filter), page);
    return { items: rows.map(toRecord), ...(nextCursor ? { nextCursor } : {}) };
  }

  /**
   * The same page, each item with its business object and approval request, in one statement: a
   * worklist page projects every item through its policy, which reads both.
   */
  async listWithContext(tenantId: string, filter: WorkItemFilter = {}, page: PageRequest = {}): Promise<WorkItemWithContextPage> {
    const { rows, nextCursor } = await this.page(this.filtered(tenantId, filter).select(this.knex.raw(CONTEXT)), page);
    return { items: (rows as DbWorkItemContextRow[]).map(toWithContext), ...(nextCursor ? { nextCursor } : {}) };
  }

  /**
   * The same page as summaries, without evidence or context: what a worklist shows. About half the
   * CPU of a full page (docs/runtime-benchmarks.md, fourth measurement).
   */
  async listSummaries(tenantId: string, filter: WorkItemFilter = {}, page: PageRequest = {}): Promise<WorkItemSummaryPage> {
    const query = this.filtered(tenantId, filter, this.knex, SUMMARY_SELECT);
    const { rows, nextCursor } = await this.page(query, page);
    return { items: rows.map(toSummary), ...(nextCursor ? { nextCursor } : {}) };
  }

  private async page(query: ReturnType<KnexWorkItemStore['filtered']>, page: PageRequest): Promise<{ rows: DbWorkItemRow[]; nextCursor?: string }> {
    const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
    if (page.cursor) {
      const c = decodeCursor(page.cursor);
      // Keyset pagination over (priority desc, due_at asc nulls last, id asc). The redundant
      // `priority <= ?` is what the queue index can seek on: a deep page starts at its priority
      // instead of filtering every row before it.
      const dueKey = c.dueAt ?? '9999-12-31T00:00:00Z';
      void query.andWhere('w.priority', '<=', c.priority).andWhere((w) => {
        void w.where('w.priority', '<', c.priority)
          .orWhere((x) => void x.where('w.priority', c.priority).andWhereRaw(`coalesce(w.due_at, '9999-12-31T00:00:00Z'::timestamptz) > ?::timestamptz`, [dueKey]))
          .orWhere((x) => void x.where('w.priority', c.priority).andWhereRaw(`coalesce(w.due_at, '9999-12-31T00:00:00Z'::timestamptz) = ?::timestamptz`, [dueKey]).andWhere('w.id', '>', c.id));
      });
    }
    // The cursor keeps due_at to the microsecond (the column's precision; a record's dueAt has
    // milliseconds): a truncated key would repeat the rows between it and the real value.
    void query.select(this.knex.raw(`to_char(w.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as due_at_key`));
    const rows = (await prepared(query.orderBy([{ column: 'w.priority', order: 'desc' }, { column: 'w.due_at', order: 'asc', nulls: 'last' }, { column: 'w.id', order: 'asc' }]).limit(limit + 1))) as DbWorkItemRow[];
    const last = rows[limit - 1];
    return rows.length > limit && last ? { rows: rows.slice(0, limit), nextCursor: encodeCursor({ priority: last.priority, dueAt: last.due_at_key ?? null, id: last.id }) } : { rows };
  }

  /**
   * Items of one task type for a definition migration, in id order: by `version` and `states`,
   * and/or by `ids` (at most `limit`). Scoped by tenant like every query.
   */
  async ofTaskType(tenantId: string, taskType: string, filter: { version?: number; states?: readonly string[]; ids?: readonly string[] }, limit: number): Promise<WorkItemRecord[]> {
    const query = this.selectWithGroups(this.knex).where('w.tenant_id', tenantId).andWhere('w.task_type', taskType);
    if (filter.version !== undefined) void query.andWhere('w.task_type_version', filter.version);
    if (filter.states) void query.whereIn('w.state', [...filter.states]);
    if (filter.ids) void query.whereIn('w.id', filter.ids.filter((id) => UUID.test(id)));
    const rows = (await query.orderBy('w.id', 'asc').limit(limit)) as DbWorkItemRow[];
    return rows.map(toRecord);
  }

  /** Replaces an item's candidate groups inside the caller's transaction (an escalation hands it to the escalation group). */
  async replaceCandidateGroups(tx: StoreTransaction, id: string, groups: string[]): Promise<void> {
    const trx = knexOf(tx);
    await trx('work_item_candidate_group').where({ work_item_id: id }).del();
    if (groups.length) await trx('work_item_candidate_group').insert([...new Set(groups)].map((group) => ({ work_item_id: id, group_code: group })));
  }

  /**
   * How many items of the tenant match. In one process: with the items of a state in id order
   * (`idx_work_item_state_id`) a count by candidate group is a merge of two index-only scans, while
   * the parallel plan PostgreSQL prefers for a large queue hashes one side in three processes.
   * Counts come several at a time (every queue tab), so CPU per count is what matters: eight
   * concurrent counts on 1,000,000 items went from 8 to 16-20 per second (docs/runtime-benchmarks.md).
   */
  async count(tenantId: string, filter: WorkItemFilter = {}): Promise<number> {
    const [row] = await this.knex.transaction(async (trx) => {
      await trx.raw('set local max_parallel_workers_per_gather = 0');
      return this.matching(tenantId, filter, trx).count<{ n: string | number }[]>('* as n');
    });
    return Number(row?.n ?? 0);
  }

  /**
   * The same count, stopping after `max` matches: `{ count: max, capped: true }` when there are
   * more. A queue tab needs "999+", not the exact size of a queue of 300,000: counting stops reading
   * there, so a large queue costs what `max` matches cost. Not a prepared statement: planned for
   * its own `max` (a generic plan would assume a tenth of the table).
   */
  async countUpTo(tenantId: string, filter: WorkItemFilter, max: number): Promise<{ count: number; capped: boolean }> {
    if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, not ${max}`);
    const matches = this.matching(tenantId, filter).select(this.knex.raw('1')).limit(max + 1);
    const [row] = await this.knex.count<{ n: string | number }[]>('* as n').from(matches.as('m'));
    const n = Number(row?.n ?? 0);
    return n > max ? { count: max, capped: true } : { count: n, capped: false };
  }

  /**
   * Applies changes if the item is still at `expectedRowVersion`; returns the new record, or
   * undefined when someone else changed it first (the caller answers 409).
   */
  async transition(tx: StoreTransaction, tenantId: string, id: string, expectedRowVersion: number, changes: WorkItemChanges, now: string): Promise<WorkItemRecord | undefined> {
    const trx = knexOf(tx);
    const [row] = await transitionStatement(trx, tenantId, id, expectedRowVersion, changes, now).returning<DbWorkItemRow[]>(trx.raw(`work_item.*, ${CANDIDATE_GROUPS_OF_UPDATED}`));
    return row ? toRecord(row) : undefined;
  }

  /**
   * The same transition and the command's other writes in one statement (`writeTogether`): all
   * of them commit when the item is still at `expectedRowVersion`, none of them otherwise.
   * Answers whether they did; the new row does not come back (the caller knows what it changed,
   * and reading the row back cost 0.03-0.04 ms of the runtime's CPU per call).
   */
  async transitionTogether(tenantId: string, id: string, expectedRowVersion: number, changes: WorkItemChanges, now: string, writes: readonly WriteStatement[]): Promise<boolean> {
    const moved = await writeTogether<{ id: string }>(this.knex, transitionStatement(this.knex, tenantId, id, expectedRowVersion, changes, now).returning('id'), writes);
    return moved !== undefined;
  }
}

/** A conditional update on the row version, without its RETURNING (each caller asks for what it needs). */
function transitionStatement(db: Knex, tenantId: string, id: string, expectedRowVersion: number, changes: WorkItemChanges, now: string) {
  const update: Record<string, unknown> = { row_version: expectedRowVersion + 1, updated_at: now };
  for (const [key, value] of Object.entries(changes) as [keyof WorkItemChanges, unknown][]) {
    update[COLUMN[key]] = value === undefined ? null : JSON_CHANGES.has(key) ? JSON.stringify(value) : value;
  }
  return db<DbWorkItemRow>('work_item').where({ tenant_id: tenantId, id, row_version: expectedRowVersion }).update(update);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
