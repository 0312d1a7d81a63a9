// Bulk loads for the runtime bench, in SQL (INSERT ... SELECT over generate_series): rows are clones
// of a template item the real API created, so their shape is the service's own. Columns this file
// does not name are copied from the template, so a column added by a later migration still loads.
import type { Database } from '@mandate/store';

type Knex = Database['knex'];

/** Candidate groups of the bulk queue: those the shipped task types name. */
export const GROUPS = [
  'sales-managers',
  'regional-sales-directors',
  'finance-approvers',
  'risk-officers',
  'order-desk-managers',
  'operations-leads',
  'fulfillment-operations',
  'inventory-operations',
  'customer-care',
  'customer-data-stewards',
];

async function columnsOf(knex: Knex, table: string): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { column_name: string }[] }>(
    'select column_name from information_schema.columns where table_schema = current_schema() and table_name = ? order by ordinal_position',
    [table],
  );
  return rows.map((r) => r.column_name);
}

/** `insert into <table> (<every column>) select <override or template column>`. */
async function insertHead(knex: Knex, table: string, template: string, overrides: Record<string, string>): Promise<string> {
  const columns = await columnsOf(knex, table);
  const unknown = Object.keys(overrides).filter((c) => !columns.includes(c));
  if (unknown.length) throw new Error(`${table} has no column ${unknown.join(', ')}`);
  return `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) select ${columns.map((c) => overrides[c] ?? `${template}."${c}"`).join(', ')}`;
}

/**
 * `count` copies of a claimed template item, each on a business object of its own (same snapshot
 * and version, so no decision is stale), with the template's candidate groups and approval
 * request. Returns their ids.
 */
export async function cloneClaimedItems(knex: Knex, templateId: string, count: number, prefix: string): Promise<string[]> {
  const items = await insertHead(knex, 'work_item', 't', {
    id: 's.id',
    business_object_id: 's.bo',
    title: `t.title || ' ' || s.bo`,
    evidence: `jsonb_set(t.evidence, '{quoteId}', to_jsonb(s.bo))`,
  });
  const objects = await insertHead(knex, 'business_object', 'b', { id: 's.bo' });
  const approvals = await insertHead(knex, 'approval_request', 'a', { work_item_id: 's.id' });
  await knex.transaction(async (trx) => {
    await trx.raw(
      `with s as materialized (select g, md5(?::text || g)::uuid as id, ?::text || lpad(g::text, 7, '0') as bo from generate_series(1, ?) g),
        t as (select * from work_item where id = ?),
        items as (${items} from t, s returning id, tenant_id),
        objects as (${objects} from s, business_object b join t on b.tenant_id = t.tenant_id and b.type = t.business_object_type and b.id = t.business_object_id),
        approvals as (${approvals} from s, approval_request a join t on a.work_item_id = t.id)
      insert into work_item_candidate_group (work_item_id, group_code, tenant_id) select items.id, c.group_code, items.tenant_id from items, work_item_candidate_group c where c.work_item_id = ?`,
      [prefix, prefix, count, templateId, templateId],
    );
  });
  const rows = await knex('work_item').where('business_object_id', 'like', `${prefix}%`).orderBy('business_object_id').pluck<string[]>('id');
  if (rows.length !== count) throw new Error(`cloned ${rows.length} of ${count} items`);
  return rows;
}

/** What a worklist load wrote. */
export interface WorklistLoad {
  items: number;
  candidateGroupRows: number;
  businessObjects: number;
  ms: number;
}

/**
 * `rows` work items shaped like a real queue: two tenants (80 % ACME_EU), eight states (40 %
 * available), 1-2 of ten candidate groups, priorities 0-300 in steps of 10, due dates from 3 days
 * overdue to 11 days ahead (3 % without; whole milliseconds, as the service writes them), 10 %
 * pinned to DISCOUNT_APPROVAL@1; one business object and one approval request each, as the
 * template has. Deterministic (hashes of the row number). Loaded in chunks, two at a time; the
 * time includes building the secondary indexes again.
 */
export async function loadWorklist(knex: Knex, templateId: string, rows: number, pinnedV1: string[]): Promise<WorklistLoad> {
  const items = await insertHead(knex, 'work_item', 't', {
    id: 's.id',
    tenant_id: 's.tenant',
    task_type_version: 'case when s.v1 then 1 else t.task_type_version end',
    pinned_definitions: 'case when s.v1 then ?::jsonb else t.pinned_definitions end',
    state: 's.st',
    title: `'Approve discount override: QUOTE ' || s.bo`,
    business_object_id: 's.bo',
    region: `case s.tenant when 'ACME_APAC' then 'APAC' else 'EMEA' end`,
    assignee: 's.assignee',
    owner: 's.assignee',
    delegated_to: `case s.st when 'delegated' then 'fiona' end`,
    priority: '10 * ((s.h1 / 100) % 31)',
    due_at: 's.due',
    evidence: `jsonb_set(jsonb_set(t.evidence, '{quoteId}', to_jsonb(s.bo)), '{requestedDiscountPercent}', to_jsonb(26 + s.h2 % 15))`,
    escalation_level: `case s.st when 'escalated' then 1 else 0 end`,
    outcome_reason: `case s.st when 'obsolete' then 'OBSOLETE_BUSINESS_OBJECT_CHANGED' when 'cancelled' then 'CANCELLED_PROCESS_ENDED' end`,
    row_version: '1',
    created_at: 's.created',
    updated_at: 's.created',
  });
  const objects = await insertHead(knex, 'business_object', 'b', { tenant_id: 's.tenant', id: 's.bo' });
  const approvals = await insertHead(knex, 'approval_request', 'a', { work_item_id: 's.id', required_authority: `jsonb_set(a.required_authority, '{amount}', to_jsonb(26 + s.h2 % 15))` });
  // States by share: available 40, claimed 15, delegated 3, escalated 2, decided 25, completed 10, cancelled 3, obsolete 2.
  const series = `select g, h0, h1, h2, h3, md5('wl-' || g)::uuid as id, 'Q-WL-' || lpad(g::text, 7, '0') as bo,
      case when h0 % 5 = 0 then 'ACME_APAC' else 'ACME_EU' end as tenant,
      (h0 / 5) % 10 = 0 as v1,
      case when h1 % 100 < 40 then 'available' when h1 % 100 < 55 then 'claimed' when h1 % 100 < 58 then 'delegated'
           when h1 % 100 < 60 then 'escalated' when h1 % 100 < 85 then 'decided' when h1 % 100 < 95 then 'completed'
           when h1 % 100 < 98 then 'cancelled' else 'obsolete' end as st,
      case when h1 % 100 between 40 and 57 or h1 % 100 between 60 and 94
           then case when h0 % 5 = 0 then 'raj' else (array['dana', 'sam', 'mia', 'fiona'])[1 + h3 % 4] end end as assignee,
      case when h2 % 100 < 3 then null else date_trunc('milliseconds', now()) + make_interval(mins => ((h2 / 100) % 20160)::int - 4320) end as due,
      date_trunc('milliseconds', now()) - make_interval(mins => ((h3 / 7) % 20160)::int) as created
    from (select g, hashtext('t' || g) & 2147483647 as h0, hashtext('s' || g) & 2147483647 as h1,
                 hashtext('d' || g) & 2147483647 as h2, hashtext('g' || g) & 2147483647 as h3
          from generate_series(?::int, ?::int) g) r`;
  const second = '(s.h3 % 10 + 1 + (s.h3 / 10) % 9) % 10';
  const statement = `with s as materialized (${series}),
      t as (select * from work_item where id = ?),
      items as (${items} from t, s returning id, tenant_id),
      objects as (${objects} from s, business_object b join t on b.tenant_id = t.tenant_id and b.type = t.business_object_type and b.id = t.business_object_id),
      approvals as (${approvals} from s, approval_request a join t on a.work_item_id = t.id)
    insert into work_item_candidate_group (work_item_id, group_code, tenant_id)
      select s.id, (?::text[])[1 + s.h3 % 10], i.tenant_id from s join items i on i.id = s.id
      union all
      select s.id, (?::text[])[1 + ${second}], i.tenant_id from s join items i on i.id = s.id where (s.h3 / 100) % 10 < 3`;

  const start = performance.now();
  // Secondary indexes are dropped and built again after the load: one sorted build is much
  // faster than a million random insertions. Constraint indexes (primary keys) stay.
  const { rows: indexes } = await knex.raw<{ rows: { name: string; definition: string }[] }>(
    `select indexname as name, indexdef as definition from pg_indexes i
      where schemaname = current_schema() and tablename in ('work_item', 'work_item_candidate_group')
        and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
  );
  for (const index of indexes) await knex.raw('drop index ??', [index.name]);
  const chunk = 50_000;
  const ranges: [number, number][] = [];
  for (let from = 1; from <= rows; from += chunk) ranges.push([from, Math.min(from + chunk - 1, rows)]);
  const worker = async () => {
    for (let range = ranges.shift(); range; range = ranges.shift()) {
      const [from, to] = range;
      await knex.transaction(async (trx) => {
        await trx.raw('set local synchronous_commit = off');
        await trx.raw(statement, [from, to, templateId, JSON.stringify(pinnedV1), GROUPS, GROUPS]);
      });
    }
  };
  await Promise.all([worker(), worker()]);
  const build = async () => {
    for (let index = indexes.shift(); index; index = indexes.shift()) await knex.raw(index.definition);
  };
  await Promise.all([build(), build()]);
  const ms = performance.now() - start;

  const count = async (sql: string) => Number((await knex.raw<{ rows: { n: string }[] }>(sql)).rows[0]!.n);
  return {
    items: await count(`select count(*) as n from work_item where business_object_id like 'Q-WL-%'`),
    candidateGroupRows: await count(`select count(*) as n from work_item_candidate_group g join work_item w on w.id = g.work_item_id where w.business_object_id like 'Q-WL-%'`),
    businessObjects: await count(`select count(*) as n from business_object where id like 'Q-WL-%'`),
    ms,
  };
}
