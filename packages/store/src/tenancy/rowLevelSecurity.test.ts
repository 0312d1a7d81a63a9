import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import { createIsolatedDatabase, createMemoryDatabase, type Database } from '../createDatabase.js';
import { affectedRows } from '../affectedRows.js';
import { KnexAuditLog } from '../audit/KnexAuditLog.js';
import { KnexWorkItemStore } from '../workItems/KnexWorkItemStore.js';
import type { NewWorkItem } from '../workItems/WorkItemStore.js';
import { asSystem, withTenant } from './tenantScope.js';

const NOW = '2026-07-02T08:00:00Z';

function item(tenantId: string, n: number): NewWorkItem {
  return {
    id: randomUUID(),
    tenantId,
    taskType: 'DISCOUNT_APPROVAL',
    taskTypeVersion: 2,
    pinnedDefinitions: ['DISCOUNT_APPROVAL@2'],
    state: 'available',
    title: `Approve discount ${n}`,
    businessObject: { type: 'QUOTE', id: `Q-${tenantId}-${n}`, version: 1, revision: 1 },
    region: 'EMEA',
    requestedBy: 'rita',
    candidateGroups: ['sales-managers'],
    priority: 10,
    priorityReasons: [],
    escalationLevel: 0,
    evidence: { marginImpactPercent: -4.2 },
  };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe.each(engines)('row-level security on $name', ({ name, open }) => {
  const openAsRuntime = () => (name === 'pglite' ? createMemoryDatabase('nobody') : createIsolatedDatabase(process.env.DATABASE_URL!, 'nobody'));
  let db: Database;
  let store: KnexWorkItemStore;
  const acme: NewWorkItem[] = [];
  const globex: NewWorkItem[] = [];

  beforeAll(async () => {
    db = await open();
    store = new KnexWorkItemStore(db.knex);
    // Setting up both tenants' rows is a system pass; each write passes the tenant's own policy check.
    await asSystem(() =>
      db.transaction(async (tx) => {
        for (let n = 0; n < 3; n++) acme.push(await store.create(tx, item('ACME_EU', n), NOW));
        for (let n = 0; n < 2; n++) globex.push(await store.create(tx, item('GLOBEX', n), NOW));
      }),
    );
    const audit = new KnexAuditLog(db.knex, db.auditKeys);
    await asSystem(() =>
      db.transaction(async (tx) => {
        await audit.append(tx, { tenantId: 'ACME_EU', eventType: 'WORK_ITEM_CREATED', workItemId: acme[0]!.id, actor: 'svc', payload: {}, occurredAt: NOW });
        await audit.append(tx, { tenantId: 'GLOBEX', eventType: 'WORK_ITEM_CREATED', workItemId: globex[0]!.id, actor: 'svc', payload: {}, occurredAt: NOW });
      }),
    );
  });
  afterAll(() => db.close());

  it('a query for tenant A that forgot its tenant filter still returns no row of tenant B', async () => {
    // The bug: no `where tenant_id = ?` at all, on the item, its children and the audit trail.
    const items = await withTenant('ACME_EU', () => db.knex('work_item').select<{ id: string }[]>('id'));
    expect(ids(items)).toEqual(ids(acme));
    const groups = await withTenant('ACME_EU', () => db.knex('work_item_candidate_group').select<{ id: string }[]>('work_item_id as id'));
    expect(ids(groups)).toEqual(ids(acme));
    const events = await withTenant('ACME_EU', () => db.knex('audit_event').select('tenant_id'));
    expect(events.map((e: { tenant_id: string }) => e.tenant_id)).toEqual(['ACME_EU']);
    // A lookup by the id of another tenant's row, the filter forgotten too, finds nothing.
    expect(await withTenant('ACME_EU', () => db.knex('work_item').where({ id: globex[0]!.id }).first())).toBeUndefined();
  });

  it('the store passes a wrong tenant through to the database, which still answers with the request tenant only', async () => {
    // A request of ACME_EU whose code asks for GLOBEX's item: the policy, not the query, decides.
    expect(await withTenant('ACME_EU', () => store.get('GLOBEX', globex[0]!.id))).toBeUndefined();
    expect((await withTenant('ACME_EU', () => store.list('GLOBEX'))).items).toEqual([]);
  });

  it('writes for another tenant are refused, and updates and deletes of its rows touch nothing', async () => {
    await expect(withTenant('ACME_EU', () => db.transaction((tx) => store.create(tx, item('GLOBEX', 9), NOW)))).rejects.toThrow(/row-level security/);
    const updated = await withTenant('ACME_EU', () => db.knex('work_item').update({ title: 'taken over' }).where({ tenant_id: 'GLOBEX' }));
    expect(updated).toBe(0);
    const deleted = await withTenant('ACME_EU', () => db.knex('work_item_candidate_group').del().where({ work_item_id: globex[1]!.id }));
    expect(affectedRows(deleted)).toBe(0);
    expect(await asSystem(() => db.knex('work_item_candidate_group').where({ work_item_id: globex[1]!.id }).pluck('group_code'))).toEqual(['sales-managers']);
    // A candidate group for another tenant's item cannot be added: the item is not visible to the request.
    await expect(withTenant('ACME_EU', () => db.knex('work_item_candidate_group').insert({ work_item_id: globex[1]!.id, group_code: 'intruders' }))).rejects.toThrow(/not visible here/);
    // Moving an own row into another tenant is refused by the check, not silently done.
    await expect(withTenant('ACME_EU', () => db.knex('work_item').update({ tenant_id: 'GLOBEX' }).where({ id: acme[2]!.id }))).rejects.toThrow(/row-level security/);
    const globexTitles = await asSystem(() => db.knex('work_item').where({ tenant_id: 'GLOBEX' }).pluck('title'));
    expect(globexTitles.sort()).toEqual(['Approve discount 0', 'Approve discount 1']);
  });

  it('a statement without tenant context sees nothing, and a system pass sees every tenant', async () => {
    // The runtime's setting: a database whose statements outside any scope run as nobody.
    const runtimeDb = await openAsRuntime();
    try {
      await asSystem(() => runtimeDb.transaction((tx) => new KnexWorkItemStore(runtimeDb.knex).create(tx, item('ACME_EU', 1), NOW)));
      expect(await runtimeDb.knex('work_item').select('id')).toEqual([]);
      expect(await runtimeDb.knex('audit_event').select('id')).toEqual([]);
      // A row with an empty tenant is no tenant's: a statement without one does not see it either.
      await asSystem(() => runtimeDb.knex('business_object').insert({ tenant_id: '', type: 'QUOTE', id: 'Q-NO-TENANT', version: 1, snapshot: {}, updated_at: NOW }));
      expect(await runtimeDb.knex('business_object').select('id')).toEqual([]);
      await expect(runtimeDb.transaction((tx) => new KnexWorkItemStore(runtimeDb.knex).create(tx, item('ACME_EU', 2), NOW))).rejects.toThrow(/row-level security/);
      expect(await asSystem(() => runtimeDb.knex('work_item').select('id'))).toHaveLength(1);
    } finally {
      await runtimeDb.close();
    }
    const all = await asSystem(() => db.knex('work_item').select<{ id: string }[]>('id'));
    expect(ids(all)).toEqual(ids([...acme, ...globex]));
  });

  it('every table with a tenant column, and the child tables of work items, force row-level security', async () => {
    const result = await db.knex.raw<{ rows: { table: string; enabled: boolean; forced: boolean; has_tenant: boolean; has_work_item: boolean; policies: string | number }[] }>(`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as has_tenant,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'work_item_id' and not a.attisdropped) as has_work_item,
             (select count(*) from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace`);
    const tenantOwned = result.rows.filter((r) => r.has_tenant || r.has_work_item);
    expect(tenantOwned.map((r) => r.table)).toEqual(expect.arrayContaining(['work_item', 'audit_event', 'decision', 'work_item_candidate_group', 'approval_request', 'idempotency_key']));
    // Every table is held to a policy but these, which belong to no tenant: a new table added without one fails here, naming itself.
    const noTenant = ['definition_version', 'definition_version_contributor', 'rate_limit_window', 'knex_migrations', 'knex_migrations_lock'];
    expect(result.rows.filter((r) => !noTenant.includes(r.table) && !(r.enabled && r.forced && Number(r.policies) > 0)).map((r) => r.table)).toEqual([]);
    expect(result.rows.filter((r) => noTenant.includes(r.table) && (r.has_tenant || r.has_work_item)).map((r) => r.table)).toEqual([]);
  });

  it('the request role may not delete audit evidence or rewrite sealed content, whatever the trigger', async () => {
    await expect(withTenant('ACME_EU', () => db.knex('audit_event').del())).rejects.toThrow(/permission denied/);
    await expect(withTenant('ACME_EU', () => db.knex('audit_event').update({ actor: 'someone else' }))).rejects.toThrow(/permission denied/);
    await expect(withTenant('ACME_EU', () => db.knex('knex_migrations').select('*'))).rejects.toThrow(/permission denied/);
    // Deletes only where the runtime deletes; a sequence's last value (every tenant's count) is not readable.
    await expect(withTenant('ACME_EU', () => db.knex('decision').del())).rejects.toThrow(/permission denied/);
    await expect(withTenant('ACME_EU', () => db.knex('work_item').del())).rejects.toThrow(/permission denied/);
    await expect(withTenant('ACME_EU', () => db.knex.raw(`select last_value from audit_checkpoint_id_seq`))).rejects.toThrow(/permission denied/);
  });
});
