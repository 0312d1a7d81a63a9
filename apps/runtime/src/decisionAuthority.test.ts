// Decision authority at the API, on PGlite and on PostgreSQL: who may be handed a decision, who
// chooses the deciders, canonical identities for four-eyes, auditors who only read, reason codes
// of lifecycle commands, and which disabled reason is shown first.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp } from '../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

/** A reason the task type's reason-code set offers for REASSIGN. */
const REASSIGN_REASON = 'WORKLOAD';

let quoteNumber = 0;
/** A high-value discount request: its SLA escalation group (manager authority) is the regional sales directors. */
const quote = (overrides: Record<string, unknown> = {}) => {
  const id = `Q-2026-7${String(++quoteNumber).padStart(5, '0')}`;
  return {
    taskType: 'DISCOUNT_APPROVAL',
    businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
    region: 'EMEA',
    productFamily: 'BROADBAND',
    evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
    ...overrides,
  };
};

describe.each(engines)('decision authority on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const post = async (user: string, path: string, body: Record<string, unknown> = {}) => request(t.app).post(path).set(await as(user)).send(body);
  const create = async (user: string, body: Record<string, unknown> = quote()) => {
    const res = await post(user, '/work-items', body);
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; candidateGroups: string[]; requestedBy: string };
  };
  const count = async (table: string) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0);
  const tables = ['work_item', 'audit_event', 'decision', 'comment', 'workflow_command_outbox'];
  const written = async () => Promise.all(tables.map(count));
  const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 };

  it('reassigns only to someone who may claim the item; a delegate gives input, never the decision', async () => {
    const { id } = await create('cpq', quote({ requestedBy: 'rita' }));
    expect((await post('dana', `/work-items/${id}/claim`)).status).toBe(200);
    const before = await written();
    // mia manages the item (its escalation group); none of these may claim it: auditor, governance admin, service, operations lead, unknown.
    for (const assignee of ['aude', 'gabe', 'oms', 'olga', 'nobody']) {
      const refused = await post('mia', `/work-items/${id}/reassign`, { assignee, reasonCode: REASSIGN_REASON });
      expect(refused.body, assignee).toMatchObject({ status: 422, code: 'ASSIGNEE_NOT_ELIGIBLE', assignee });
    }
    expect(await written()).toEqual(before);
    expect((await request(t.app).get(`/work-items/${id}`).set(await as('mia'))).body).toMatchObject({ assignee: 'dana', owner: 'dana' });
    // A candidate may be given it, and decides as its assignee.
    expect((await post('mia', `/work-items/${id}/reassign`, { assignee: 'Fiona', reasonCode: REASSIGN_REASON })).body).toMatchObject({ state: 'claimed', assignee: 'fiona' });
    // fiona asks dana (who has the authority) for input: dana may not decide while it is delegated, nor after handing it back.
    expect((await post('fiona', `/work-items/${id}/delegate`, { delegateTo: 'dana', comment: 'Your view on the margin?' })).status).toBe(200);
    expect((await post('dana', `/work-items/${id}/decisions`, approve)).body).toMatchObject({ status: 409, code: 'INVALID_STATE' });
    expect((await post('dana', `/work-items/${id}/resolve-delegation`, { comment: 'Acceptable.' })).status).toBe(200);
    expect((await post('dana', `/work-items/${id}/decisions`, approve)).body).toMatchObject({ status: 403, code: 'NOT_ASSIGNEE' });
    expect(await count('decision')).toBe(before[2]);
  });

  it('compares canonical principal ids: a request for "DANA" is dana\'s, and non-canonical spellings are refused, writing nothing', async () => {
    // Upper case is the same person: four-eyes keeps dana from deciding her own request.
    const upper = await create('cpq', quote({ requestedBy: 'DANA' }));
    expect(upper.requestedBy).toBe('dana');
    expect((await post('dana', `/work-items/${upper.id}/claim`)).status).toBe(200);
    expect((await post('dana', `/work-items/${upper.id}/decisions`, approve)).body).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });
    // The owner of the business object likewise, whatever the spelling of the owning system.
    const owned = await create('cpq', quote({ requestedBy: 'rita', businessObject: { ...quote().businessObject, snapshot: { ownerId: 'Dana', totalAmount: 420000 } } }));
    expect((await post('dana', `/work-items/${owned.id}/claim`)).status).toBe(200);
    expect((await post('dana', `/work-items/${owned.id}/decisions`, approve)).body).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });
    // Spellings that are no id at all are refused where they enter.
    const before = await written();
    for (const requestedBy of [' dana', 'dana ', 'urn:mandate:dev-identity|dana', 'dev-identity:dana']) {
      expect((await post('cpq', '/work-items', quote({ requestedBy }))).body, requestedBy).toMatchObject({ status: 400, code: 'INVALID_PRINCIPAL_ID' });
    }
    expect((await post('cpq', '/work-items', quote({ businessObject: { ...quote().businessObject, snapshot: { ownerId: ' dana' } } }))).body).toMatchObject({ status: 400, code: 'INVALID_PRINCIPAL_ID' });
    const { id } = await create('cpq', quote({ requestedBy: 'rita' }));
    expect((await post('dana', `/work-items/${id}/claim`)).status).toBe(200);
    const afterCreate = await written();
    expect((await post('dana', `/work-items/${id}/delegate`, { delegateTo: ' fiona', comment: 'Margin?' })).body).toMatchObject({ status: 400, code: 'INVALID_PRINCIPAL_ID' });
    expect((await post('mia', `/work-items/${id}/reassign`, { assignee: 'urn:x|sam', reasonCode: REASSIGN_REASON })).body).toMatchObject({ status: 400, code: 'INVALID_PRINCIPAL_ID' });
    expect(await written()).toEqual(afterCreate);
    expect(afterCreate[0]).toBe(before[0]! + 1);
  });

  it('candidate groups come from the task type: a person names none, a service only narrows them', async () => {
    const before = await written();
    // rita would hand her discount to a team of her choosing.
    expect((await post('rita', '/work-items', quote({ candidateGroups: ['sales-reps'] }))).body).toMatchObject({ status: 403, code: 'CANDIDATE_GROUPS_NOT_ALLOWED' });
    expect((await post('rita', '/work-items', quote({ candidateGroups: ['regional-sales-directors'] }))).body).toMatchObject({ status: 403, code: 'CANDIDATE_GROUPS_NOT_ALLOWED' });
    // A service may not widen them either, nor empty them.
    expect((await post('cpq', '/work-items', quote({ requestedBy: 'rita', candidateGroups: ['regional-sales-directors', 'operations-leads'] }))).body).toMatchObject({ status: 403, code: 'CANDIDATE_GROUPS_NOT_ALLOWED' });
    expect((await post('cpq', '/work-items', quote({ requestedBy: 'rita', candidateGroups: [] }))).body).toMatchObject({ status: 403, code: 'CANDIDATE_GROUPS_NOT_ALLOWED' });
    expect(await written()).toEqual(before);
    // Narrowing within the task type's groups is the service's to do.
    const narrowed = await create('cpq', quote({ requestedBy: 'rita', candidateGroups: ['regional-sales-directors'] }));
    expect(narrowed.candidateGroups).toEqual(['regional-sales-directors']);
    expect((await post('sam', `/work-items/${narrowed.id}/claim`)).body).toMatchObject({ status: 403, code: 'NOT_A_CANDIDATE' });
    expect((await post('dana', `/work-items/${narrowed.id}/claim`)).status).toBe(200);
    // Without candidateGroups, the task type's apply.
    expect((await create('rita')).candidateGroups.sort()).toEqual(['regional-sales-directors', 'sales-managers']);
  });

  it('an auditor reads everything and writes nothing, on every write route', async () => {
    const { id } = await create('cpq', quote({ requestedBy: 'rita' }));
    const before = await written();
    const writes: [string, Record<string, unknown>][] = [
      ['/work-items', quote()],
      [`/work-items/${id}/claim`, {}],
      [`/work-items/${id}/comments`, { comment: 'Looks fine to me.' }],
      [`/work-items/${id}/escalate`, { reasonCode: 'OUTSIDE_AUTHORITY' }],
      [`/work-items/${id}/decisions`, approve],
      [`/work-items/${id}/actions/RUN_RECONCILIATION`, {}],
      ['/events', { type: 'QuoteRevised', businessObject: { type: 'QUOTE', id: 'Q-1', version: 13 } }],
      ['/definitions/TaskType/DISCOUNT_APPROVAL/drafts', {}],
    ];
    for (const [path, body] of writes) expect((await post('aude', path, body)).body, path).toMatchObject({ status: 403, code: 'AUDITOR_READ_ONLY' });
    expect((await request(t.app).put('/definitions/TaskType/DISCOUNT_APPROVAL/versions/9').set(await as('aude')).send({})).body).toMatchObject({ status: 403, code: 'AUDITOR_READ_ONLY' });
    expect(await written()).toEqual(before);
    // Reading stays open: the item, its allowed actions (all disabled for her), the tenant's audit trail.
    expect((await request(t.app).get(`/work-items/${id}`).set(await as('aude'))).status).toBe(200);
    expect((await request(t.app).get('/audit').set(await as('aude'))).status).toBe(200);
  });

  it('shows the most permanent failure first: the quote owner sees four-eyes, not "claim first"', async () => {
    const { id } = await create('cpq', quote({ requestedBy: 'mia' }));
    const actions = async (user: string) => (await request(t.app).get(`/work-items/${id}/allowed-actions`).set(await as(user))).body.actions as { code: string; disabledReason?: string }[];
    const approveFor = async (user: string) => (await actions(user)).find((a) => a.code === 'APPROVE');
    // rita owns the quote: no claim will ever let her approve it.
    expect(await approveFor('rita')).toMatchObject({ disabledReason: 'FOUR_EYES_VIOLATION' });
    // The requester likewise, although her groups may claim it.
    expect(await approveFor('mia')).toMatchObject({ disabledReason: 'FOUR_EYES_VIOLATION' });
    // A director may approve once she claims it: the transient reason is the one left.
    expect(await approveFor('dana')).toMatchObject({ disabledReason: 'INVALID_STATE' });
    // A candidate without the authority is told so, not to claim first.
    expect(await approveFor('sam')).toMatchObject({ disabledReason: 'AUTHORITY_LIMIT_EXCEEDED' });
  });
});
