// Impact replay through the API, on PGlite and PostgreSQL: discounts approved through the API are
// replayed under a draft that lowers the EMEA director's discount authority from 35 % to 30 %;
// exactly the director's approvals in (30 %, 35 %] flip. Read by governance admins and auditors.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp } from '../../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const AUTHORITY = '/definitions/AuthorityPolicy/COMMERCIAL_AUTHORITY';
const quote = (n: number, percent: number) => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id: `Q-IMPACT-${n}`, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 90000, currency: 'EUR', customerTier: 'GOLD', regulatoryRisk: false } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: `Q-IMPACT-${n}`, quoteRevision: 3, requestedDiscountPercent: percent, standardLimitPercent: 25, marginImpactPercent: -3 },
});
const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Retention.', acknowledged: true, expectedBusinessObjectVersion: 12 };

interface Finding {
  aspect: string;
  rule: string;
  check?: string;
  change: string;
  count: number;
  examples: { itemId: string; actor?: string }[];
}

describe.each(engines)('impact replay API on $name', ({ open }) => {
  let t: App;
  const ids: Record<string, string> = {};
  let candidate: number;
  beforeAll(async () => {
    t = await testApp(open);
    // Dana (EMEA director, 35 %) approves 28, 31 and 34 %; 36 % is over her limit, so Fiona (finance, 45 %) approves it.
    for (const [n, percent, approver] of [[1, 28, 'dana'], [2, 31, 'dana'], [3, 34, 'dana'], [4, 36, 'fiona']] as const) {
      const created = await request(t.app).post('/work-items').set(await as('rita')).send(quote(n, percent));
      expect(created.status, created.text).toBe(201);
      const id = created.body.id as string;
      ids[`${approver}-${percent}`] = id;
      expect((await request(t.app).post(`/work-items/${id}/claim`).set(await as(approver))).status).toBe(200);
      const decided = await request(t.app).post(`/work-items/${id}/decisions`).set(await as(approver)).send(approve);
      expect(decided.status, decided.text).toBe(201);
      expect(decided.body).toMatchObject({ status: 'EFFECTIVE' });
    }
    // One open item: counted, compared on priority and SLA only.
    expect((await request(t.app).post('/work-items').set(await as('rita')).send(quote(5, 33))).status).toBe(201);
    const draft = await request(t.app).post(`${AUTHORITY}/drafts`).set(await as('gabe')).send({ from: 1, changeNote: 'EMEA directors up to 30 %' });
    expect(draft.status, draft.text).toBe(201);
    candidate = draft.body.version as number;
    const content = draft.body.content as { grants: { name: string; limits: Record<string, number> }[] };
    const grants = content.grants.map((g) => (g.name === 'REGIONAL_DIRECTOR_EMEA' ? { ...g, limits: { ...g.limits, discountPercent: 30 } } : g));
    const updated = await request(t.app).put(`${AUTHORITY}/versions/${candidate}`).set(await as('gabe')).send({ content: { ...content, grants } });
    expect(updated.status, updated.text).toBe(200);
  });
  afterAll(() => t.db.close());

  async function as(user: string) {
    return { Authorization: await t.token(user) };
  }
  const impact = async (query: string, user = 'gabe') => request(t.app).get(`${AUTHORITY}/impact?${query}`).set(await as(user));

  it('flips exactly the director approvals in (30 %, 35 %] and names AUTHORITY_LIMIT_EXCEEDED', async () => {
    const res = await impact(`candidate=${candidate}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      candidate: { kind: 'AuthorityPolicy', id: 'COMMERCIAL_AUTHORITY', version: candidate, status: 'draft' },
      evaluator: 'compiled',
      totals: { cases: 5, decided: 4, open: 1, refusedDecisions: 2, baselineRefused: 0, failed: 0, notReferencing: 0 },
      errors: [],
    });
    const refused = (res.body.findings as Finding[]).filter((f) => f.aspect === 'decision');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ rule: 'decision:APPROVE', check: 'AUTHORITY_LIMIT_EXCEEDED', change: 'accepted -> refused', count: 2 });
    expect(refused[0]!.examples.map((e) => e.itemId).sort()).toEqual([ids['dana-31'], ids['dana-34']].sort());
    expect(refused[0]!.examples.every((e) => e.actor === 'dana')).toBe(true);
  });

  it('is open to auditors; the time range selects items by decision (open items by creation)', async () => {
    const audited = await impact(`candidate=${candidate}&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`, 'aude');
    expect(audited.status, audited.text).toBe(200);
    expect(audited.body.totals).toMatchObject({ cases: 5, refusedDecisions: 2 });
    const none = await impact(`candidate=${candidate}&to=2000-01-01T00:00:00Z`, 'aude');
    expect(none.body.totals).toMatchObject({ cases: 0, refusedDecisions: 0 });
    // The published version itself: nothing differs.
    expect((await impact('candidate=1')).body.totals).toMatchObject({ cases: 5, affected: 0, refusedDecisions: 0 });
  });

  it('refuses other roles and bad input with problems', async () => {
    const rep = await impact(`candidate=${candidate}`, 'rita');
    expect(rep.status).toBe(403);
    expect(rep.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(rep.body).toMatchObject({ code: 'GOVERNANCE_READER_REQUIRED' });
    expect((await impact(`candidate=${candidate}`, 'dana')).body).toMatchObject({ status: 403, code: 'GOVERNANCE_READER_REQUIRED' });
    expect((await impact('candidate=99')).body).toMatchObject({ status: 404, code: 'DEFINITION_VERSION_NOT_FOUND' });
    expect((await impact(`candidate=${candidate}&from=2026-08-01T00:00:00Z&to=2026-07-01T00:00:00Z`)).body).toMatchObject({ status: 400, code: 'INVALID_TIME_RANGE' });
    expect((await impact('')).body).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
    expect((await impact('candidate=two')).body).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
    expect((await impact(`candidate=${candidate}&from=yesterday`)).body).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
    expect((await impact(`candidate=${candidate}&tenant=GLOBEX`)).body).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
    expect((await request(t.app).get(`/definitions/AuthorityPolicy/commercial/impact?candidate=1`).set(await as('gabe'))).body).toMatchObject({ status: 400, code: 'INVALID_PATH' });
    expect((await request(t.app).get(`${AUTHORITY}/impact?candidate=1`)).status).toBe(401);
  });

  it('answers 422 DEFINITION_INVALID for a candidate that does not match its schema', async () => {
    const draft = await request(t.app).post('/definitions/AuthorityPolicy/SPARE_AUTHORITY/drafts').set(await as('gabe')).send({});
    expect(draft.status, draft.text).toBe(201);
    const res = await request(t.app).get(`/definitions/AuthorityPolicy/SPARE_AUTHORITY/impact?candidate=${draft.body.version}`).set(await as('gabe'));
    expect(res.body).toMatchObject({ status: 422, code: 'DEFINITION_INVALID' });
  });
});
