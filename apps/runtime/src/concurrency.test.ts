// Concurrency against the real app on PGlite and PostgreSQL: claims are conditional on the row
// version, and one Idempotency-Key yields one decision however many copies race.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp } from '../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const quote = {
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id: 'Q-2026-000700', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR' } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: 'Q-2026-000700', quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2 },
};
const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 };

describe.each(engines)('concurrency on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const create = async () => {
    const res = await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).send(quote);
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string };
  };

  it('50 parallel claims on one item: exactly one 200, every other one 409', async () => {
    const { id } = await create();
    // Candidates only, so every loser lost the race, not the policy.
    const users = ['sam', 'dana', 'fiona', 'mia'];
    const tokens = await Promise.all(users.map((u) => t.token(u)));
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => request(t.app).post(`/work-items/${id}/claim`).set('Authorization', tokens[i % users.length]!)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of responses.filter((x) => x.status === 409)) expect(['INVALID_STATE', 'CONCURRENT_CHANGE']).toContain(r.body.code);
    const winner = responses.find((r) => r.status === 200)!.body as { assignee: string };
    const claims = await t.db.knex('audit_event').where({ work_item_id: id, event_type: 'TaskClaimed' });
    expect(claims).toHaveLength(1);
    expect(claims[0].actor).toBe(winner.assignee);
  });

  it('20 parallel identical decisions with one key: one decision row, identical responses', async () => {
    const { id } = await create();
    const dana = await t.token('dana');
    expect((await request(t.app).post(`/work-items/${id}/claim`).set('Authorization', dana)).status).toBe(200);
    const responses = await Promise.all(Array.from({ length: 20 }, () => request(t.app).post(`/work-items/${id}/decisions`).set('Authorization', dana).set('Idempotency-Key', 'double-click').send(approve)));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect(await t.db.knex('decision').where({ work_item_id: id })).toHaveLength(1);
    expect(await t.db.knex('workflow_command_outbox').whereRaw(`payload->>'workItemId' = ?`, [id])).toHaveLength(1);
    expect(await t.db.knex('audit_event').where({ work_item_id: id, event_type: 'TaskDecisionSubmitted' })).toHaveLength(1);
  });

  it('20 parallel decisions without a key: one decides, the rest are refused and write nothing', async () => {
    const { id } = await create();
    const dana = await t.token('dana');
    await request(t.app).post(`/work-items/${id}/claim`).set('Authorization', dana);
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => request(t.app).post(`/work-items/${id}/decisions`).set('Authorization', dana).send(approve)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await t.db.knex('decision').where({ work_item_id: id })).toHaveLength(1);
  });
});
