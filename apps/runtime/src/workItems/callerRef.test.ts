// Who may bind a work item to a workflow activation (callerRef), and what one activation per
// tenant means, through the real app and service on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, TEST_NOW, testApp } from '../../test-support/testApp.js';
import { systemPrincipal } from '../identity/systemPrincipal.js';
import { WorkItemCommands } from './WorkItemCommands.js';

type App = Awaited<ReturnType<typeof testApp>>;

const callerRef = () => ({ engine: 'embedded', processKey: 'quote-approval', processInstanceId: randomUUID(), activityId: 'approve-discount', taskId: `approve-discount_${randomUUID().slice(0, 8)}` });

const quote = (id: string, overrides: Record<string, unknown> = {}) => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  requestedBy: 'rita',
  evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
  ...overrides,
});

describe.each(engines)('callerRef on POST /work-items on $name', ({ open }) => {
  let t: App;
  let service: WorkItemCommands;
  beforeAll(async () => {
    t = await testApp(open);
    service = new WorkItemCommands(t.stores, t.registry, () => new Date(TEST_NOW));
  });
  afterAll(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const count = async (table: string) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0);
  const written = async () => [await count('work_item'), await count('audit_event'), await count('approval_request')];

  it('a person may not bind an item to a workflow activation: 403 CALLER_REF_NOT_ALLOWED, nothing written', async () => {
    const before = await written();
    const res = await request(t.app).post('/work-items').set(await as('dana')).send(quote('Q-CR-1', { requestedBy: 'dana', callerRef: callerRef() }));
    expect(res.status, res.text).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 403, code: 'CALLER_REF_NOT_ALLOWED' });
    expect(await written()).toEqual(before);
  });

  it('a service binds an item once; the same callerRef again in the tenant is 409 CALLER_REF_IN_USE and writes nothing', async () => {
    const ref = callerRef();
    const first = await request(t.app).post('/work-items').set(await as('oms')).send(quote('Q-CR-2', { callerRef: ref }));
    expect(first.status, first.text).toBe(201);
    expect(first.body.callerRef).toEqual(ref);
    const before = await written();
    const again = await request(t.app).post('/work-items').set(await as('cpq')).send(quote('Q-CR-2b', { callerRef: ref }));
    expect(again.status, again.text).toBe(409);
    expect(again.body).toMatchObject({ status: 409, code: 'CALLER_REF_IN_USE' });
    expect(await written()).toEqual(before);
  });

  it("another tenant's item with the same callerRef does not collide, and tells that tenant nothing", async () => {
    const ref = callerRef();
    const eu = await request(t.app).post('/work-items').set(await as('oms')).send(quote('Q-CR-3', { callerRef: ref }));
    expect(eu.status, eu.text).toBe(201);
    // A person of the other tenant is refused for setting callerRef at all, not answered 500 by the index.
    const raj = await request(t.app).post('/work-items').set(await as('raj')).send(quote('Q-CR-3', { requestedBy: 'raj', region: 'APAC', callerRef: ref }));
    expect(raj.body, raj.text).toMatchObject({ status: 403, code: 'CALLER_REF_NOT_ALLOWED' });
    // The other tenant's workflow bridge binds its own item to the same key.
    const apac = await service.create(systemPrincipal('ACME_APAC', 'workflow:embedded'), quote('Q-CR-3', { region: 'APAC', callerRef: ref }));
    expect(apac).toMatchObject({ tenantId: 'ACME_APAC', callerRef: ref });
    expect(apac.id).not.toBe(eu.body.id);
    expect((await request(t.app).get(`/work-items/${eu.body.id as string}`).set(await as('dana'))).body).toMatchObject({ tenantId: 'ACME_EU', callerRef: ref });
  });

  it("the runtime's engine reporting an activation again gets the item it created", async () => {
    const ref = callerRef();
    const bridge = systemPrincipal('ACME_EU', 'workflow:embedded');
    const first = await service.create(bridge, quote('Q-CR-4', { callerRef: ref }));
    const before = await written();
    expect((await service.create(bridge, quote('Q-CR-4', { callerRef: ref }))).id).toBe(first.id);
    expect(await written()).toEqual(before);
  });
});
