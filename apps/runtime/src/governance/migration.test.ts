// Migrating open work items to another task type version, on PGlite and PostgreSQL: the dry run
// lists per item what would change and writes nothing; applying writes exactly that, with an
// audit event per item, in one transaction; blocked items stop the whole apply.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNewVersion } from '../../test-support/definitionGovernance.js';
import { engines, testApp } from '../../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

interface Item {
  id: string;
  taskTypeVersion: number;
  pinnedDefinitions: string[];
  priority: number;
  priorityReasons: string[];
  dueAt: string;
  rowVersion: number;
  state: string;
}
interface Plan {
  workItemId: string;
  pinnedDefinitions: { from: string[]; to: string[]; changed: string[] };
  priority: { from: number; to: number; reasons: { from: string[]; to: string[] } };
  dueAt: { from: string; to: string };
  blockers: { code: string }[];
}

const quote = (id: string, version?: number, amount = 90000) => ({
  taskType: 'DISCOUNT_APPROVAL',
  ...(version ? { taskTypeVersion: version } : {}),
  businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: amount, currency: 'EUR', customerTier: 'GOLD', regulatoryRisk: false } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 30, standardLimitPercent: 25, marginImpactPercent: -2 },
});
const MIGRATE = '/definitions/TaskType/DISCOUNT_APPROVAL/migrations';

describe.each(engines)('work item migration on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const create = async (id: string, version?: number, amount?: number) => {
    const res = await request(t.app).post('/work-items').set(await as('rita')).send(quote(id, version, amount));
    expect(res.status, res.text).toBe(201);
    return res.body as Item;
  };
  const get = async (id: string) => (await request(t.app).get(`/work-items/${id}`).set(await as('dana'))).body as Item;
  const migrate = async (body: Record<string, unknown>, user = 'gabe') => request(t.app).post(MIGRATE).set(await as(user)).send(body);
  const auditCount = async () => Number((await t.db.knex('audit_event').count('* as n').first())?.n ?? 0);

  it('a dry run lists what would change for each open item and writes nothing; applying writes exactly that', async () => {
    const a = await create('Q-MIG-A', 1);
    const b = await create('Q-MIG-B', 1, 300000);
    const done = await create('Q-MIG-C', 1);
    await request(t.app).post(`/work-items/${done.id}/claim`).set(await as('dana'));
    const decided = await request(t.app).post(`/work-items/${done.id}/decisions`).set(await as('dana')).send({ decision: 'REJECT', reasonCode: 'MARGIN_BELOW_FLOOR', expectedBusinessObjectVersion: 12 });
    expect(decided.status, decided.text).toBe(201);
    // What v2 gives the same quotes when created now: what the migration must compute.
    const [refA, refB] = [await create('Q-MIG-A', 2), await create('Q-MIG-B', 2, 300000)];
    expect([a.taskTypeVersion, refA.taskTypeVersion]).toEqual([1, 2]);

    const before = await auditCount();
    const dry = await migrate({ fromVersion: 1, toVersion: 2, dryRun: true });
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body).toMatchObject({ taskType: 'DISCOUNT_APPROVAL', from: 'DISCOUNT_APPROVAL@1', to: 'DISCOUNT_APPROVAL@2', dryRun: true, applied: false, skipped: [], truncated: false, decisionOptions: { added: [], removed: [] } });
    expect((dry.body.definitionChanges as { control: string; summary: string }[]).some((c) => c.control === 'tightening' && c.summary.includes('SALES_REP'))).toBe(true);
    const plans = dry.body.items as Plan[];
    expect(plans.map((p) => p.workItemId).sort()).toEqual([a.id, b.id].sort());
    for (const [item, reference] of [[a, refA], [b, refB]] as const) {
      const plan = plans.find((p) => p.workItemId === item.id)!;
      expect(plan.pinnedDefinitions.from).toEqual(item.pinnedDefinitions);
      expect(plan.pinnedDefinitions.to).toEqual(reference.pinnedDefinitions);
      expect(plan.pinnedDefinitions.changed).toEqual(expect.arrayContaining(['DISCOUNT_APPROVAL@2', 'QUOTE_APPROVAL_SLA@2', 'CPQ_OMS_PRIORITY@2']));
      expect(plan.priority).toEqual({ from: item.priority, to: reference.priority, reasons: { from: item.priorityReasons, to: reference.priorityReasons } });
      expect(plan.dueAt).toEqual({ from: item.dueAt, to: reference.dueAt });
      expect(plan.blockers).toEqual([]);
    }
    // The SLA moved for the normal quote (8 h -> 4 h): the plan is not a no-op.
    expect(plans.find((p) => p.workItemId === a.id)!.dueAt.to).not.toBe(a.dueAt);
    expect(await auditCount()).toBe(before);
    expect(await get(a.id)).toMatchObject({ taskTypeVersion: 1, rowVersion: a.rowVersion, dueAt: a.dueAt, pinnedDefinitions: a.pinnedDefinitions });

    // Apply to a chosen item; the finished one and an unknown id are skipped with their reason.
    const unknown = '00000000-0000-4000-8000-000000000000';
    const applied = await migrate({ fromVersion: 1, toVersion: 2, dryRun: false, workItemIds: [a.id, done.id, unknown] });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body).toMatchObject({ dryRun: false, applied: true, skipped: [{ workItemId: done.id, reason: 'NOT_OPEN' }, { workItemId: unknown, reason: 'NOT_FOUND' }] });
    expect(applied.body.items).toEqual([plans.find((p) => p.workItemId === a.id)]);
    const moved = await get(a.id);
    expect(moved).toMatchObject({ taskTypeVersion: 2, pinnedDefinitions: refA.pinnedDefinitions, priority: refA.priority, priorityReasons: refA.priorityReasons, dueAt: refA.dueAt, rowVersion: a.rowVersion + 1 });
    expect((await get(b.id)).taskTypeVersion).toBe(1);
    const events = (await request(t.app).get('/audit?limit=1000').set(await as('aude'))).body.events as { eventType: string; workItemId?: string; actor: string; payload: Record<string, unknown> }[];
    const migrated = events.filter((e) => e.eventType === 'WorkItemMigrated');
    expect(migrated.map((e) => e.workItemId)).toEqual([a.id]);
    expect(migrated[0]).toMatchObject({ actor: 'gabe', payload: { taskType: { from: 'DISCOUNT_APPROVAL@1', to: 'DISCOUNT_APPROVAL@2' }, dueAt: { from: a.dueAt, to: refA.dueAt } } });
    expect(events.filter((e) => e.eventType === 'WorkItemsMigrated').map((e) => e.payload)).toEqual([expect.objectContaining({ from: 'DISCOUNT_APPROVAL@1', to: 'DISCOUNT_APPROVAL@2', workItemIds: [a.id], count: 1 })]);
    expect(await auditCount()).toBe(before + 2);
    expect((await request(t.app).get('/audit/verify').set(await as('aude'))).body).toMatchObject({ ok: true });

    // The rest, without naming them: the dry run and the apply agree.
    const rest = await migrate({ fromVersion: 1, toVersion: 2, dryRun: true });
    expect((rest.body.items as Plan[]).map((p) => p.workItemId)).toEqual([b.id]);
    const all = await migrate({ fromVersion: 1, toVersion: 2, dryRun: false });
    expect(all.body.items).toEqual(rest.body.items);
    expect((await get(b.id)).taskTypeVersion).toBe(2);
    expect((await migrate({ fromVersion: 1, toVersion: 2, dryRun: true })).body.items).toEqual([]);

    // The migrated item is decided under v2: approving now needs the acknowledgement v1 did not ask for.
    await request(t.app).post(`/work-items/${a.id}/claim`).set(await as('dana'));
    const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'ok', expectedBusinessObjectVersion: 12 };
    const refused = await request(t.app).post(`/work-items/${a.id}/decisions`).set(await as('dana')).send(approve);
    expect(JSON.stringify(refused.body)).toContain('ACKNOWLEDGEMENT_REQUIRED');
    expect((await request(t.app).post(`/work-items/${a.id}/decisions`).set(await as('dana')).send({ ...approve, acknowledged: true })).status).toBe(201);
  });

  it('an item the new version cannot take blocks the apply, which then writes nothing', async () => {
    const v3 = await publishNewVersion(t.app, t.token, 'TaskType', 'DISCOUNT_APPROVAL', 2, (c) => {
      const evidence = c.evidenceSchema as { required: string[]; properties: Record<string, unknown> };
      return { ...c, evidenceSchema: { ...evidence, required: [...evidence.required, 'dealDeskTicket'], properties: { ...evidence.properties, dealDeskTicket: { type: 'string' } } } };
    });
    const item = await create('Q-MIG-D', 2);
    const dry = await migrate({ fromVersion: 2, toVersion: v3, dryRun: true, workItemIds: [item.id] });
    expect(dry.status, dry.text).toBe(200);
    expect((dry.body.items as Plan[])[0]!.blockers).toEqual([expect.objectContaining({ code: 'EVIDENCE_INVALID' })]);
    const before = await auditCount();
    const apply = await migrate({ fromVersion: 2, toVersion: v3, dryRun: false });
    expect(apply.status).toBe(422);
    expect(apply.body).toMatchObject({ code: 'MIGRATION_BLOCKED' });
    expect(apply.body.blocked).toContainEqual(expect.objectContaining({ workItemId: item.id }));
    expect(await auditCount()).toBe(before);
    expect((await get(item.id)).taskTypeVersion).toBe(2);
  });

  it('only governance admins migrate, only to a published version; bad input writes nothing', async () => {
    const draft = await request(t.app).post('/definitions/TaskType/DISCOUNT_APPROVAL/drafts').set(await as('gabe')).send({ from: 2 });
    expect(draft.status, draft.text).toBe(201);
    const before = await auditCount();
    const cases: [Record<string, unknown>, string, number, string][] = [
      [{ fromVersion: 1, toVersion: 2, dryRun: true }, 'aude', 403, 'AUDITOR_READ_ONLY'],
      [{ fromVersion: 1, toVersion: 2, dryRun: true }, 'dana', 403, 'GOVERNANCE_ADMIN_REQUIRED'],
      [{ fromVersion: 2, toVersion: draft.body.version, dryRun: true }, 'gabe', 422, 'MIGRATION_TARGET_NOT_PUBLISHED'],
      [{ fromVersion: 2, toVersion: 2, dryRun: true }, 'gabe', 422, 'MIGRATION_SAME_VERSION'],
      [{ fromVersion: 2, toVersion: 99, dryRun: true }, 'gabe', 404, 'DEFINITION_VERSION_NOT_FOUND'],
      [{ fromVersion: 1, toVersion: 2 }, 'gabe', 400, 'INVALID_REQUEST_BODY'],
      [{ fromVersion: '1', toVersion: 2, dryRun: true }, 'gabe', 400, 'INVALID_REQUEST_BODY'],
      [{ fromVersion: 1, toVersion: 2, dryRun: false, workItemIds: ['not-a-uuid'] }, 'gabe', 400, 'INVALID_REQUEST_BODY'],
      [{ fromVersion: 1, toVersion: 2, dryRun: false, workItemIds: [] }, 'gabe', 400, 'INVALID_REQUEST_BODY'],
    ];
    for (const [body, user, status, code] of cases) {
      const res = await migrate(body, user);
      expect(res.status, `${JSON.stringify(body)} as ${user}: ${res.text}`).toBe(status);
      expect(res.body.code).toBe(code);
    }
    expect(await auditCount()).toBe(before);
  });
});
