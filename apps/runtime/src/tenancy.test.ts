// Tenancy in the database, at the API, on PGlite and PostgreSQL: the runtime on a database whose
// statements outside a request or a background pass see nothing (as `index.ts` opens it) still
// serves every route of a decision's life, its background passes still reach every tenant, and a
// request of one tenant cannot read another's rows even where the code asks the store for them.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem, createIsolatedDatabase, createMemoryDatabase, KnexWorkItemStore, withTenant } from '@mandate/store';
import { AuditSealer } from './audit/AuditSealer.js';
import { testApp } from '../test-support/testApp.js';

/** The engines, each opened as the runtime opens its database: unscoped statements run as nobody. */
const engines = [{ name: 'pglite', open: () => createMemoryDatabase('nobody') }];
const url = process.env.DATABASE_URL;
if (url) engines.push({ name: 'postgresql', open: () => createIsolatedDatabase(url, 'nobody') });

type App = Awaited<ReturnType<typeof testApp>>;

let quoteNumber = 0;
const quote = () => {
  const id = `Q-2026-8${String(++quoteNumber).padStart(5, '0')}`;
  return {
    taskType: 'DISCOUNT_APPROVAL',
    businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 42000, currency: 'EUR' } },
    region: 'EMEA',
    productFamily: 'BROADBAND',
    requestedBy: 'rita',
    evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 12, standardLimitPercent: 25, marginImpactPercent: -4.2 },
  };
};

describe.each(engines)('tenancy in the database on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const get = async (user: string, path: string) => request(t.app).get(path).set(await as(user));
  const post = async (user: string, path: string, body: Record<string, unknown> = {}) => request(t.app).post(path).set(await as(user)).send(body);

  it('serves a decision from creation to verified audit trail, each request in its tenant only', async () => {
    const created = await post('cpq', '/work-items', quote());
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect((await post('dana', `/work-items/${id}/claim`)).status).toBe(200);
    const decided = await post('dana', `/work-items/${id}/decisions`, { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 });
    expect(decided.status, decided.text).toBe(201);
    const audit = await get('aude', `/audit?workItemId=${id}`);
    expect(audit.status).toBe(200);
    expect((audit.body.events as { eventType: string }[]).map((e) => e.eventType)).toEqual(expect.arrayContaining(['TaskCreated', 'TaskClaimed']));
    expect((await get('aude', '/audit/verify')).body).toMatchObject({ ok: true });
    expect((await post('gabe', '/audit/checkpoints')).status).toBe(201);
    // The other tenant's director sees none of it, by list or by id.
    expect(((await get('raj', '/work-items')).body.items as { id: string }[]).map((i) => i.id)).not.toContain(id);
    expect((await get('raj', `/work-items/${id}`)).status).toBe(404);
    const apacAudit = await get('raj', `/audit?workItemId=${id}`);
    expect(apacAudit.body, apacAudit.text).toMatchObject({ status: 404, code: 'WORK_ITEM_NOT_FOUND' });
  });

  it('a statement outside any scope sees no row; the background passes see every tenant', async () => {
    const open1 = await post('cpq', '/work-items', quote());
    expect(open1.status).toBe(201);
    const unscoped = await t.db.knex('work_item').count<{ n: string | number }[]>('* as n');
    expect(Number(unscoped[0]!.n)).toBe(0);
    const all = await asSystem(() => t.db.knex('work_item').count<{ n: string | number }[]>('* as n'));
    expect(Number(all[0]!.n)).toBeGreaterThanOrEqual(2);
    // The sealer (a periodic pass) chains what requests wrote; the metrics scrape counts every tenant's open items.
    await post('cpq', '/work-items', quote());
    const sealer = new AuditSealer(t.stores.audit);
    await sealer.runOnce();
    const unsealed = await asSystem(() => t.db.knex('audit_event').whereNull('sequence').count<{ n: string | number }[]>('* as n'));
    expect(Number(unsealed[0]!.n)).toBe(0);
    const metrics = await request(t.app).get('/metrics');
    expect(metrics.text).toMatch(/work_items_open\{[^}]*task_type="DISCOUNT_APPROVAL"[^}]*\} [1-9]/);
  });

  it("a request whose code asks the store for another tenant's item gets nothing from the database", async () => {
    const created = await post('cpq', '/work-items', quote());
    const store = new KnexWorkItemStore(t.db.knex);
    // The bug: the APAC request's code passes the EU tenant to the store. The database still answers for APAC.
    expect(await withTenant('ACME_APAC', () => store.get('ACME_EU', created.body.id as string))).toBeUndefined();
    expect(await withTenant('ACME_EU', () => store.get('ACME_EU', created.body.id as string))).toMatchObject({ id: created.body.id });
  });
});
