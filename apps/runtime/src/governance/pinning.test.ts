// Version pinning across a publish, on PGlite and PostgreSQL: an item keeps the task type version
// in effect at its creation and is decided under it; a new item gets the new version; an
// effective_from in the future takes effect at its instant; a second runtime instance on the
// same database sees a publish within its refresh interval, and at once for an item pinned to it.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNewVersion } from '../../test-support/definitionGovernance.js';
import { engines, TEST_NOW, testApp } from '../../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const quote = (id: string) => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2 },
});
const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', expectedBusinessObjectVersion: 12 };

/** v4 of DISCOUNT_APPROVAL: approving no longer asks for the acknowledgement v3 (the latest shipped) requires. */
const withoutAcknowledgement = (content: Record<string, unknown>) => ({
  ...content,
  decisionOptions: (content.decisionOptions as Record<string, unknown>[]).map(({ acknowledgement: _a, ...option }) => option),
});

describe.each(engines)('version pinning on $name', ({ open }) => {
  const clock = { now: Date.parse(TEST_NOW) };
  let t: App;
  beforeAll(async () => {
    t = await testApp(open, () => new Date(clock.now));
  });
  afterAll(() => t.db.close());

  const as = async (user: string, app: App = t) => ({ Authorization: await app.token(user) });
  const create = async (id: string, app: App = t) => {
    const res = await request(app.app).post('/work-items').set(await as('rita', app)).send(quote(id));
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; taskTypeVersion: number; pinnedDefinitions: string[] };
  };
  const decide = async (id: string, body: Record<string, unknown>) => {
    expect((await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'))).status).toBe(200);
    const res = await request(t.app).post(`/work-items/${id}/decisions`).set(await as('dana')).send(body);
    if (res.status !== 201) expect((await request(t.app).post(`/work-items/${id}/release`).set(await as('dana'))).status).toBe(200);
    return res;
  };

  it('pinning across a publish: the old item stays on v3, the new one is on v4, each decided under its own rules', async () => {
    const old = await create('Q-PIN-1');
    expect(old.taskTypeVersion).toBe(3);
    expect(old.pinnedDefinitions).toContain('DISCOUNT_APPROVAL@3');

    const version = await publishNewVersion(t.app, t.token, 'TaskType', 'DISCOUNT_APPROVAL', 3, withoutAcknowledgement);
    expect(version).toBe(4);
    const fresh = await create('Q-PIN-2');
    expect(fresh.taskTypeVersion).toBe(4);
    expect(fresh.pinnedDefinitions).toContain('DISCOUNT_APPROVAL@4');
    expect((await request(t.app).get(`/work-items/${old.id}`).set(await as('dana'))).body.taskTypeVersion).toBe(3);

    // Without the acknowledgement: v3 refuses, v4 accepts.
    const refused = await decide(old.id, approve);
    expect(refused.body, refused.text).toMatchObject({ status: 422 });
    expect(JSON.stringify(refused.body)).toContain('ACKNOWLEDGEMENT_REQUIRED');
    const accepted = await decide(fresh.id, approve);
    expect(accepted.status, accepted.text).toBe(201);
    const acknowledged = await decide(old.id, { ...approve, acknowledged: true });
    expect(acknowledged.status, acknowledged.text).toBe(201);

    const decided = async (id: string) => ((await request(t.app).get(`/audit?workItemId=${id}`).set(await as('aude'))).body.events as { eventType: string; payload: { taskType?: string } }[]).find((e) => e.eventType === 'TaskDecisionSubmitted')!.payload.taskType;
    expect(await decided(old.id)).toBe('DISCOUNT_APPROVAL@3');
    expect(await decided(fresh.id)).toBe('DISCOUNT_APPROVAL@4');
  });

  it('a version published with a future effective_from applies to items created from that instant', async () => {
    const from = new Date(clock.now + 60 * 60_000).toISOString();
    const version = await publishNewVersion(t.app, t.token, 'TaskType', 'DISCOUNT_APPROVAL', 4, (c) => ({ ...c, description: 'v5: same rules, later' }), { effectiveFrom: from });
    const listed = await request(t.app).get('/definitions?kind=TaskType').set(await as('aude'));
    expect((listed.body.definitions as { id: string; versions: unknown[] }[]).find((d) => d.id === 'DISCOUNT_APPROVAL')!.versions).toContainEqual(expect.objectContaining({ version, status: 'published', effectiveFrom: from }));
    expect((await create('Q-PIN-3')).taskTypeVersion).toBe(4);
    clock.now += 2 * 60 * 60_000;
    expect((await create('Q-PIN-4')).taskTypeVersion).toBe(version);
  });

  it('another instance sees a publish after its refresh interval, and at once when it meets an item pinned to it', async () => {
    const other = { now: clock.now };
    const second = await testApp(open, () => new Date(other.now), { db: t.db, refreshIntervalMs: 5_000 });
    expect((await create('Q-PIN-5', second)).taskTypeVersion).toBe(5);

    // Published through the first instance: the second still resolves v5 until its list is 5 s old.
    const v6 = await publishNewVersion(t.app, t.token, 'TaskType', 'DISCOUNT_APPROVAL', 5, (c) => ({ ...c, description: 'v6' }));
    expect((await create('Q-PIN-6', second)).taskTypeVersion).toBe(5);
    other.now += 5_000;
    expect((await create('Q-PIN-7', second)).taskTypeVersion).toBe(v6);

    // An item the first instance pins to a version the second has not read yet: a cache miss reads it.
    const v7 = await publishNewVersion(t.app, t.token, 'TaskType', 'DISCOUNT_APPROVAL', v6, withoutAcknowledgement);
    const item = await create('Q-PIN-8');
    expect(item.taskTypeVersion).toBe(v7);
    const seen = await request(second.app).get(`/work-items/${item.id}`).set(await as('dana', second));
    expect(seen.status, seen.text).toBe(200);
    expect(seen.body.taskTypeVersion).toBe(v7);
    const actions = await request(second.app).get(`/work-items/${item.id}/allowed-actions`).set(await as('dana', second));
    expect(actions.status, actions.text).toBe(200);
  });
});
