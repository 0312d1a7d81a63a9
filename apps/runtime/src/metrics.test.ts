// The Prometheus metrics, read from `/metrics` after known work: exact values on a
// fresh database, on PGlite and on PostgreSQL.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, TEST_NOW, testApp } from '../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const quote = (id: string) => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
  region: 'EMEA',
  evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
});

describe.each(engines)('metrics on $name', ({ open }) => {
  let t: App;
  let now = Date.parse(TEST_NOW);
  beforeAll(async () => {
    t = await testApp(open, () => new Date(now));
  });
  afterAll(() => t.db.close());

  const sample = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('reports the oldest open item per task type and status, open counts, and the approval rejection rate', async () => {
    const rita = { Authorization: await t.token('rita') };
    const dana = { Authorization: await t.token('dana') };
    const ids: string[] = [];
    for (const quoteId of ['Q-MET-1', 'Q-MET-2', 'Q-MET-3']) {
      const created = await request(t.app).post('/work-items').set(rita).send(quote(quoteId));
      expect(created.status, created.text).toBe(201);
      ids.push(created.body.id as string);
      now += 600_000; // ten minutes between creations
    }
    for (const id of ids.slice(0, 2)) expect((await request(t.app).post(`/work-items/${id}/claim`).set(dana)).status).toBe(200);
    const approved = await request(t.app).post(`/work-items/${ids[0]}/decisions`).set(dana).send({ decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 });
    expect(approved.status, approved.text).toBe(201);
    const rejected = await request(t.app).post(`/work-items/${ids[1]}/decisions`).set(dana).send({ decision: 'REJECT', reasonCode: 'MARGIN_BELOW_FLOOR', expectedBusinessObjectVersion: 12 });
    expect(rejected.status, rejected.text).toBe(201);

    // The clock stands 30 minutes after the first creation: the third item (created 20 minutes in) waits, 10 minutes old.
    const text = (await request(t.app).get('/metrics')).text;
    expect(sample(text, 'work_item_age_seconds{task_type="DISCOUNT_APPROVAL",status="available"}')).toBe(600);
    expect(sample(text, 'work_items_open{task_type="DISCOUNT_APPROVAL",status="available"}')).toBe(1);
    expect(sample(text, 'work_items_open{task_type="DISCOUNT_APPROVAL",status="claimed"}')).toBeUndefined();
    expect(sample(text, 'approval_decisions_total{policy_code="COMMERCIAL_AUTHORITY",decision="APPROVE"}')).toBe(1);
    expect(sample(text, 'approval_decisions_total{policy_code="COMMERCIAL_AUTHORITY",decision="REJECT"}')).toBe(1);
    expect(sample(text, 'approval_rejection_rate{policy_code="COMMERCIAL_AUTHORITY"}')).toBe(0.5);
    expect(sample(text, 'work_items_created_total{task_type="DISCOUNT_APPROVAL"}')).toBe(3);
    expect(sample(text, 'work_items_completed_total{task_type="DISCOUNT_APPROVAL",decision="REJECT"}')).toBe(1);

    // An hour later, the same item is an hour and ten minutes old.
    now += 3_600_000;
    expect(sample((await request(t.app).get('/metrics')).text, 'work_item_age_seconds{task_type="DISCOUNT_APPROVAL",status="available"}')).toBe(4_200);
  });
});
