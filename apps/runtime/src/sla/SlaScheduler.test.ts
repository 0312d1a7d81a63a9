// The SLA scheduler with a controlled clock, on PGlite and PostgreSQL: a high-value approval warns
// at its business-time warning instant and escalates at its deadline exactly once, across a
// restart and with several schedulers running.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp, TEST_NOW } from '../../test-support/testApp.js';
import { SlaScheduler } from './SlaScheduler.js';

type App = Awaited<ReturnType<typeof testApp>>;

const quote = (id: string) => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2 },
});

describe.each(engines)('SLA scheduler on $name', ({ open }) => {
  let t: App;
  let now = Date.parse(TEST_NOW);
  const clock = () => new Date(now);
  beforeAll(async () => {
    t = await testApp(open, clock);
  });
  afterAll(() => t.db.close());

  const events = async (id: string) => (await t.db.knex('audit_event').where({ work_item_id: id }).orderBy('id')).map((e: { event_type: string }) => e.event_type);

  it('warns at the warning instant and escalates at the business-time deadline, once, across a restart', async () => {
    now = Date.parse(TEST_NOW);
    const created = await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).send(quote('Q-SLA-1'));
    expect(created.body).toMatchObject({ dueAt: '2026-07-02T10:00:00.000Z', slaWarnAt: '2026-07-02T09:30:00.000Z', slaEscalateAt: '2026-07-02T10:00:00.000Z', escalationGroup: 'regional-sales-directors' });
    const id = created.body.id as string;
    await request(t.app).post(`/work-items/${id}/claim`).set('Authorization', await t.token('sam'));

    const scheduler = new SlaScheduler(t.stores, t.registry, clock);
    now = Date.parse('2026-07-02T09:29:59Z');
    expect(await scheduler.runOnce()).toEqual({ warned: [], escalated: [], expired: [] });
    now = Date.parse('2026-07-02T09:30:00Z');
    expect(await scheduler.runOnce()).toEqual({ warned: [id], escalated: [], expired: [] });
    expect(await scheduler.runOnce()).toEqual({ warned: [], escalated: [], expired: [] });
    const warned = await request(t.app).get(`/work-items/${id}`).set('Authorization', await t.token('sam'));
    expect(warned.body).toMatchObject({ state: 'claimed', assignee: 'sam' });
    expect(warned.body.slaWarnAt).toBeUndefined();

    now = Date.parse('2026-07-02T10:00:00Z');
    const before = warned.body.priority as number;
    expect(await scheduler.runOnce()).toEqual({ warned: [], escalated: [id], expired: [] });
    // A restarted scheduler (a new object over the same database) fires nothing twice.
    now = Date.parse('2026-07-02T12:00:00Z');
    expect(await new SlaScheduler(t.stores, t.registry, clock).runOnce()).toEqual({ warned: [], escalated: [], expired: [] });
    const escalated = await request(t.app).get(`/work-items/${id}`).set('Authorization', await t.token('dana'));
    expect(escalated.body).toMatchObject({ state: 'escalated', escalationLevel: 1, candidateGroups: ['regional-sales-directors'] });
    expect(escalated.body.assignee).toBeUndefined();
    expect(escalated.body.priority).toBeGreaterThan(before);
    expect((escalated.body.priorityReasons as string[]).join(' ')).toMatch(/ESCALATED/);
    expect(await events(id)).toEqual(['TaskCreated', 'TaskClaimed', 'TaskSlaWarning', 'TaskEscalated']);
    expect(await t.db.knex('sla_escalation').where({ work_item_id: id })).toHaveLength(2);
    // The escalation group may now claim it.
    expect((await request(t.app).post(`/work-items/${id}/claim`).set('Authorization', await t.token('dana'))).status).toBe(200);
  });

  it('several schedulers at once escalate an item once', async () => {
    now = Date.parse(TEST_NOW);
    const { id } = (await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).send(quote('Q-SLA-2'))).body as { id: string };
    now = Date.parse('2026-07-02T11:00:00Z');
    const passes = await Promise.all(Array.from({ length: 4 }, () => new SlaScheduler(t.stores, t.registry, clock).runOnce()));
    expect(passes.flatMap((p) => p.escalated).filter((x) => x === id)).toHaveLength(1);
    expect(passes.flatMap((p) => p.warned).filter((x) => x === id)).toHaveLength(1);
    expect((await events(id)).filter((e) => e === 'TaskEscalated')).toHaveLength(1);
  });

  it('expires an open item at the instant its creator gave, once, and tells the workflow; a decided item does not expire', async () => {
    now = Date.parse(TEST_NOW);
    const rita = await t.token('rita');
    const sam = await t.token('sam');
    // The quote is valid until 09:15, before its SLA warning (09:30): it expires, and is not warned about.
    const created = await request(t.app).post('/work-items').set('Authorization', rita).send({ ...quote('Q-EXP-1'), expiresAt: '2026-07-02T09:15:00+00:00' });
    expect(created.status, created.text).toBe(201);
    expect(created.body.expiresAt).toBe('2026-07-02T09:15:00.000Z');
    const id = created.body.id as string;
    await request(t.app).post(`/work-items/${id}/claim`).set('Authorization', sam);
    const decided = (await request(t.app).post('/work-items').set('Authorization', rita).send({ ...quote('Q-EXP-2'), expiresAt: '2026-07-02T09:15:00Z' })).body.id as string;
    const dana = await t.token('dana');
    await request(t.app).post(`/work-items/${decided}/claim`).set('Authorization', dana);
    expect((await request(t.app).post(`/work-items/${decided}/decisions`).set('Authorization', dana).send({ decision: 'REJECT', reasonCode: 'MARGIN_BELOW_FLOOR', expectedBusinessObjectVersion: 12 })).status).toBe(201);

    const scheduler = new SlaScheduler(t.stores, t.registry, clock);
    now = Date.parse('2026-07-02T09:14:59Z');
    expect((await scheduler.runOnce()).expired).toEqual([]);
    now = Date.parse('2026-07-02T09:45:00Z');
    const passes = await Promise.all([scheduler.runOnce(), new SlaScheduler(t.stores, t.registry, clock).runOnce()]);
    expect(passes.flatMap((p) => p.expired)).toEqual([id]);
    expect(passes.flatMap((p) => p.warned)).not.toContain(id);

    const item = await request(t.app).get(`/work-items/${id}`).set('Authorization', sam);
    expect(item.body).toMatchObject({ state: 'expired', outcomeReason: 'EXPIRED' });
    expect(item.body.assignee).toBeUndefined();
    expect(await events(id)).toEqual(['TaskCreated', 'TaskClaimed', 'TaskExpired']);
    const expiredEvent = await t.db.knex('audit_event').where({ work_item_id: id, event_type: 'TaskExpired' }).first();
    expect(expiredEvent.payload).toMatchObject({ expiresAt: '2026-07-02T09:15:00.000Z', from: { state: 'claimed', assignee: 'sam' } });
    expect(await t.db.knex('workflow_command_outbox').where({ command_type: 'CANCEL_TASK' }).whereRaw("payload->>'workItemId' = ?", [id])).toHaveLength(1);
    // Closed: nobody decides or claims it any more.
    expect((await request(t.app).post(`/work-items/${id}/decisions`).set('Authorization', sam).send({ decision: 'REJECT', reasonCode: 'MARGIN_BELOW_FLOOR', expectedBusinessObjectVersion: 12 })).status).toBe(409);
    expect((await request(t.app).get(`/work-items/${decided}`).set('Authorization', dana)).body.state).toBe('decided');
  });

  it('refuses an expiration that is not after now', async () => {
    now = Date.parse(TEST_NOW);
    const rita = await t.token('rita');
    for (const expiresAt of ['2026-07-02T08:00:00Z', '2026-07-01T12:00:00Z']) {
      const res = await request(t.app).post('/work-items').set('Authorization', rita).send({ ...quote('Q-EXP-3'), expiresAt });
      expect(res.body, expiresAt).toMatchObject({ status: 422, code: 'EXPIRES_AT_NOT_IN_FUTURE' });
    }
    // Not an instant at all, though the second matches the pattern: the caller's mistake, 400.
    for (const expiresAt of ['tomorrow', '2026-13-45T10:00:00Z']) {
      expect((await request(t.app).post('/work-items').set('Authorization', rita).send({ ...quote('Q-EXP-3'), expiresAt })).body, expiresAt).toMatchObject({ status: 400 });
    }
    expect(await t.db.knex('work_item').where({ business_object_id: 'Q-EXP-3' })).toHaveLength(0);
  });
});
