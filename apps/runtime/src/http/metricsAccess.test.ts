// `/metrics` behind a bearer token when one is configured, and no tenant or person in its labels.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp } from '../../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const METRICS_TOKEN = 'scrape-4f0c1a7e9b2d4c61a8e3';

describe.each(engines)('metrics access on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open, undefined, { runtime: { metricsToken: METRICS_TOKEN } });
  });
  afterAll(() => t.db.close());

  it('answers 401 problem+json without the metrics token, with another token, or with a user token; 200 with it', async () => {
    const refusals = [
      await request(t.app).get('/metrics'),
      await request(t.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`),
      await request(t.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN.slice(1)}`),
      await request(t.app).get('/metrics').set('Authorization', await t.token('aude')),
      await request(t.app).get('/metrics').set('Authorization', METRICS_TOKEN),
    ];
    for (const res of refusals) {
      expect(res.status, res.text).toBe(401);
      expect(res.type).toBe('application/problem+json');
      expect(JSON.parse(res.text)).toMatchObject({ code: 'METRICS_TOKEN_REQUIRED' });
      expect(res.text).not.toContain('work_items_open');
    }
    const scrape = await request(t.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(scrape.status).toBe(200);
    expect(scrape.text).toContain('# TYPE work_items_open gauge');
  });

  it('labels series by definitions, never by tenant or person', async () => {
    const created = await request(t.app)
      .post('/work-items')
      .set('Authorization', await t.token('rita'))
      .send({
        taskType: 'DISCOUNT_APPROVAL',
        businessObject: { type: 'QUOTE', id: 'Q-MET-ACCESS', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: false } },
        evidence: { quoteId: 'Q-MET-ACCESS', quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
      });
    expect(created.status, created.text).toBe(201);
    const text = (await request(t.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
    expect(text).toContain('work_items_created_total{task_type="DISCOUNT_APPROVAL"} 1');
    const labelNames = new Set([...text.matchAll(/[{,]([a-z_]+)="/g)].map((m) => m[1]));
    expect([...labelNames].filter((name) => /tenant|user|actor|assignee|principal|region/.test(name!))).toEqual([]);
    for (const value of ['ACME_EU', 'rita', 'Q-MET-ACCESS']) expect(text).not.toContain(value);
  });
});
