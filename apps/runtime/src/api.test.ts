// API tests against the real app (supertest), on PGlite and on PostgreSQL: the API-level
// scenarios the runtime owns, the error model, and the all-or-nothing decision command.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABANDONED_CLAIM_MS, requestHash } from '@mandate/store';
import { engines, TEST_NOW, testApp } from '../test-support/testApp.js';
import { SlaScheduler } from './sla/SlaScheduler.js';

type App = Awaited<ReturnType<typeof testApp>>;

const quote = (overrides: Record<string, unknown> = {}) => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id: 'Q-2026-000918', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: 'Q-2026-000918', quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
  ...overrides,
});

describe.each(engines)('runtime API on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const create = async (body: Record<string, unknown> = quote()) => {
    const res = await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; priority: number; priorityReasons: string[]; dueAt: string; state: string };
  };
  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const decide = async (user: string, id: string, body: Record<string, unknown>, key?: string) => {
    const req = request(t.app).post(`/work-items/${id}/decisions`).set(await as(user));
    if (key) void req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 };
  const count = async (table: string) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0);

  it('reports health: database kind and auth mode; every response carries a request id', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.body).toMatchObject({ status: 'ok', auth: 'dev', database: t.db.kind });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await request(t.app).get('/healthz').set('X-Request-Id', 'trace-42')).headers['x-request-id']).toBe('trace-42');
  });

  it('creates an item with explained priority and a business-time due date', async () => {
    const item = await create();
    expect(item.state).toBe('available');
    expect(item.priorityReasons).toEqual(['HIGH_VALUE_QUOTE:+50', 'REGULATORY_RISK:+50', 'PLATINUM_CUSTOMER:+30', 'BASE_DISCOUNT_APPROVAL:+10']);
    expect(item.dueAt).toBe('2026-07-02T10:00:00.000Z'); // high value: 2 business hours from 10:00 Berlin
  });

  it('the margin is absent from the sales rep\'s raw response, present for the finance approver', async () => {
    const { id } = await create();
    const rep = await request(t.app).get(`/work-items/${id}`).set(await as('rita'));
    expect(rep.body.evidence).not.toHaveProperty('marginImpactPercent');
    expect(rep.text).not.toContain('-4.2');
    expect(rep.body.redactedPaths).toContain('evidence.marginImpactPercent'); // the path is named; its value never is
    const finance = await request(t.app).get(`/work-items/${id}`).set(await as('fiona'));
    expect(finance.body.evidence.marginImpactPercent).toBe(-4.2);
  });

  it('a candidate without authority cannot approve; the director with 35% can', async () => {
    const { id } = await create();
    expect((await request(t.app).post(`/work-items/${id}/claim`).set(await as('sam'))).status).toBe(200);
    const refused = await decide('sam', id, approve);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 403, code: 'AUTHORITY_LIMIT_EXCEEDED' });
    expect((await request(t.app).post(`/work-items/${id}/release`).set(await as('sam'))).status).toBe(200);
    expect((await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'))).status).toBe(200);
    const decided = await decide('dana', id, approve);
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ decision: 'APPROVE', status: 'EFFECTIVE' });
  });

  it('the quote owner cannot approve their own quote (four-eyes)', async () => {
    const { id } = await create(quote({ businessObject: { type: 'QUOTE', id: 'Q-2026-000777', version: 4, snapshot: { ownerId: 'dana', totalAmount: 420000 } } }));
    expect((await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'))).status).toBe(200);
    const res = await decide('dana', id, { ...approve, expectedBusinessObjectVersion: 4 });
    expect(res.body, res.text).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });
  });

  it('a person cannot name someone else as the requester (and so approve their own request); a service can', async () => {
    const body = quote({ businessObject: { type: 'QUOTE', id: 'Q-2026-000778', version: 12, snapshot: { ownerId: 'rita', totalAmount: 420000 } }, requestedBy: 'rita' });
    const before = await count('work_item');
    const spoofed = await request(t.app).post('/work-items').set(await as('dana')).send(body);
    expect(spoofed.body).toMatchObject({ status: 403, code: 'REQUESTED_BY_NOT_CALLER' });
    expect(await count('work_item')).toBe(before);
    // As herself, dana is the requester, and four-eyes keeps her from approving it.
    const own = await request(t.app).post('/work-items').set(await as('dana')).send({ ...body, requestedBy: 'dana' });
    expect(own.status, own.text).toBe(201);
    await request(t.app).post(`/work-items/${own.body.id}/claim`).set(await as('dana'));
    expect((await decide('dana', own.body.id as string, approve)).body).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });
    // A domain service raises requests on behalf of people.
    const onBehalf = await request(t.app).post('/work-items').set(await as('oms')).send(body);
    expect(onBehalf.status, onBehalf.text).toBe(201);
    expect(onBehalf.body.requestedBy).toBe('rita');
  });

  it('an approval with an old version is refused and writes nothing', async () => {
    const { id } = await create();
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    const [decisions, audit, outbox] = [await count('decision'), await count('audit_event'), await count('workflow_command_outbox')];
    const res = await decide('dana', id, { ...approve, expectedBusinessObjectVersion: 11 });
    expect(res.body).toMatchObject({ status: 409, code: 'STALE_BUSINESS_OBJECT' });
    expect([await count('decision'), await count('audit_event'), await count('workflow_command_outbox')]).toEqual([decisions, audit, outbox]);
  });

  it('a duplicate decision with the same key replays the response byte for byte; another body is 422', async () => {
    const { id } = await create();
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    const first = await decide('dana', id, approve, 'key-1');
    const second = await decide('dana', id, approve, 'key-1');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(Number((await t.db.knex('decision').where({ work_item_id: id }).count('* as n').first())?.n)).toBe(1);
    expect((await decide('dana', id, { ...approve, comment: 'changed' }, 'key-1')).body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    // Another user with the same key never gets dana's response.
    expect((await decide('fiona', id, approve, 'key-1')).text).not.toBe(first.text);
  });

  it('a key an earlier version left in flight: a duplicate waits for it, then is 409 and writes nothing; once abandoned the key is free and the decision runs', async () => {
    const { id } = await create();
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    // Earlier versions claimed a key in its own statement before the decision's write; a crash in
    // between left it IN_FLIGHT, and every re-send answered 409 for 24 hours.
    const claim = (createdAt: string) =>
      t.db.knex('idempotency_key').insert({ tenant_id: 'ACME_EU', principal: 'urn:mandate:dev-identity|dana', route: 'POST /work-items/{id}/decisions', key: `${id}:key-busy`, request_hash: requestHash(approve), status: 'IN_FLIGHT', created_at: createdAt, expires_at: '2026-07-03T08:00:00Z' });
    await claim(TEST_NOW);
    const started = Date.now();
    const duplicate = await decide('dana', id, approve, 'key-busy');
    expect(duplicate.body).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_IN_FLIGHT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
    expect(Number((await t.db.knex('decision').where({ work_item_id: id }).count('* as n').first())?.n)).toBe(0);
    // The same claim, older than any request of those versions ran: abandoned, and the re-send runs.
    await t.db.knex('idempotency_key').where({ key: `${id}:key-busy` }).update({ created_at: new Date(Date.parse(TEST_NOW) - ABANDONED_CLAIM_MS).toISOString() });
    const rerun = await decide('dana', id, approve, 'key-busy');
    expect(rerun.status, rerun.text).toBe(201);
    expect((await decide('dana', id, approve, 'key-busy')).text).toBe(rerun.text);
    expect(await t.db.knex('idempotency_key').where({ key: `${id}:key-busy` }).select('status')).toEqual([{ status: 'COMPLETED' }]);
  }, 20_000);

  it('a decision under a key is two statements: the load reading the key, then one write that records it with the decision', async () => {
    const { id } = await create();
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    const headers = await as('dana');
    const statements: string[] = [];
    const listen = (q: { sql: string }) => statements.push(q.sql);
    t.db.knex.on('query', listen);
    const res = await request(t.app).post(`/work-items/${id}/decisions`).set(headers).set('Idempotency-Key', 'two-statements').send(approve);
    t.db.knex.removeListener('query', listen);
    expect(res.status, res.text).toBe(201);
    expect(statements).toHaveLength(2);
    // The load writes nothing: a request that dies after it (a crash, a lost connection) leaves no key behind.
    expect(statements[0]).toMatch(/from idempotency_key/i);
    expect(statements[0]).not.toMatch(/\b(insert|update|delete)\b/i);
    expect(statements[1]).toMatch(/insert into "decision"/i);
    expect(statements[1]).toMatch(/insert into "idempotency_key"/i);
  });

  it('a decision that fails leaves its key free: a refused one can be corrected under the same key, an unknown item stays 404', async () => {
    const { id } = await create();
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    const refused = await decide('dana', id, { ...approve, reasonCode: undefined }, 'key-fix');
    expect(refused.status, refused.text).toBe(422);
    expect(Number((await t.db.knex('idempotency_key').where({ key: `${id}:key-fix` }).count('* as n').first())?.n)).toBe(0);
    const corrected = await decide('dana', id, approve, 'key-fix');
    expect(corrected.status, corrected.text).toBe(201);
    expect((await decide('dana', id, approve, 'key-fix')).text).toBe(corrected.text);
    const unknown = '00000000-0000-4000-8000-00000000beef';
    for (let attempt = 0; attempt < 2; attempt++) expect((await decide('dana', unknown, approve, 'key-none')).body).toMatchObject({ status: 404, code: 'WORK_ITEM_NOT_FOUND' });
    expect(Number((await t.db.knex('idempotency_key').where({ key: `${unknown}:key-none` }).count('* as n').first())?.n)).toBe(0);
  });

  it('records the approval request: requester, required authority, forbidden approvers', async () => {
    const { id } = await create();
    const row = await t.db.knex('approval_request').where({ work_item_id: id }).first();
    expect(row).toMatchObject({ requested_by: 'rita', required_authority: { measure: 'discountPercent', amount: 32 }, forbidden_approver_user_ids: ['rita'], forbidden_approver_role_codes: ['SALES_REP'] });
  });

  it('a high-risk reason needs a second approver: the first decision waits, the first approver cannot give the second', async () => {
    const { id } = await create(quote({ businessObject: { type: 'QUOTE', id: 'Q-2026-000777', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000 } } }));
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    const first = await decide('dana', id, { ...approve, reasonCode: 'PRICE_BOOK_EXCEPTION' });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ status: 'AWAITING_SECOND_APPROVAL' });
    const waiting = await request(t.app).get(`/work-items/${id}`).set(await as('dana'));
    expect(waiting.body).toMatchObject({ state: 'available', pendingApproval: { kind: 'decision', code: 'APPROVE', requestedBy: 'dana', id: first.body.id } });
    expect(await t.db.knex('workflow_command_outbox').whereRaw(`payload->>'workItemId' = ?`, [id])).toHaveLength(0);
    // The first approver may claim the item again, but not approve it a second time.
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    expect((await decide('dana', id, approve)).body).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });
    await request(t.app).post(`/work-items/${id}/release`).set(await as('dana'));
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('fiona'));
    const second = await decide('fiona', id, { ...approve, reasonCode: 'PRICE_BOOK_EXCEPTION' });
    expect(second.status, second.text).toBe(201);
    expect(second.body).toMatchObject({ status: 'EFFECTIVE', secondApprovalOf: first.body.id });
    const decided = await request(t.app).get(`/work-items/${id}`).set(await as('fiona'));
    expect(decided.body.state).toBe('decided');
    expect(decided.body.pendingApproval).toBeUndefined();
    expect(await t.db.knex('workflow_command_outbox').whereRaw(`payload->>'workItemId' = ?`, [id])).toHaveLength(1);
    const audit = (await request(t.app).get(`/audit?workItemId=${id}`).set(await as('aude'))).body.events as { eventType: string; payload: Record<string, unknown> }[];
    expect(audit.map((e) => e.eventType)).toEqual(['TaskCreated', 'TaskClaimed', 'SecondApprovalRequested', 'TaskClaimed', 'TaskReleased', 'TaskClaimed', 'TaskDecisionSubmitted']);
    expect(audit.at(-1)!.payload).toMatchObject({ secondApprovalOf: first.body.id, firstDecidedBy: 'dana', agreed: true, authority: { measure: 'discountPercent', requested: 32 } });
  });

  it('lists summaries: the same items, order and cursor as the full list, without evidence', async () => {
    for (let i = 0; i < 3; i++) await create(quote({ businessObject: { type: 'QUOTE', id: `Q-2026-00090${i}`, version: 12, revision: 3, snapshot: { ownerId: 'rita' } } }));
    const auth = await as('dana');
    const full = await request(t.app).get('/work-items?status=available&limit=2').set(auth);
    const summary = await request(t.app).get('/work-items?status=available&limit=2&view=summary').set(auth);
    expect(summary.status, summary.text).toBe(200);
    expect(full.body.items).toHaveLength(2);
    // Field for field the full item without evidence and its redaction list; hidden values are not even in the raw text.
    expect(summary.body.items).toEqual((full.body.items as Record<string, unknown>[]).map(({ evidence: _e, redactedPaths: _r, ...rest }) => rest));
    expect(summary.text).not.toContain('marginImpactPercent');
    expect(summary.body.nextCursor).toBe(full.body.nextCursor);
    const next = await request(t.app).get(`/work-items?status=available&limit=2&view=summary&cursor=${summary.body.nextCursor as string}`).set(auth);
    const nextFull = await request(t.app).get(`/work-items?status=available&limit=2&cursor=${full.body.nextCursor as string}`).set(auth);
    expect((next.body.items as { id: string }[]).map((i) => i.id)).toEqual((nextFull.body.items as { id: string }[]).map((i) => i.id));
    expect((await request(t.app).get('/work-items?view=compact').set(auth)).body).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
    expect((await request(t.app).get('/work-items?view=summary&cursor=bogus').set(auth)).body).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });

  it('counts the queue with the same filters as the list', async () => {
    await create();
    const auth = await as('dana');
    for (const query of ['status=available', 'status=available&candidateGroup=regional-sales-directors', 'taskType=DISCOUNT_APPROVAL&priorityMin=100', 'status=decided']) {
      const listed = await request(t.app).get(`/work-items?${query}&limit=200`).set(auth);
      const counted = await request(t.app).get(`/work-items/count?${query}`).set(auth);
      expect(counted.status, counted.text).toBe(200);
      expect(counted.body.count).toBe(listed.body.items.length);
    }
    expect((await request(t.app).get('/work-items/count?status=available').set(auth)).body.count).toBeGreaterThan(0);
    expect((await request(t.app).get('/work-items/count?status=lost').set(auth)).body).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
  });

  it('filters the queue by region, product family and business object type', async () => {
    const nordic = await create(quote({ region: 'NORDICS', productFamily: 'FIBRE_WHOLESALE' }));
    const other = await create(quote({ region: 'NORDICS', productFamily: 'BROADBAND' }));
    const auth = await as('dana');
    const ids = async (query: string) => {
      const res = await request(t.app).get(`/work-items?${query}&view=summary&limit=200`).set(auth);
      expect(res.status, res.text).toBe(200);
      const counted = await request(t.app).get(`/work-items/count?${query}`).set(auth);
      expect(counted.body.count).toBe(res.body.items.length);
      return (res.body.items as { id: string }[]).map((i) => i.id).sort();
    };
    expect(await ids('region=NORDICS')).toEqual([nordic.id, other.id].sort());
    expect(await ids('region=NORDICS&productFamily=FIBRE_WHOLESALE')).toEqual([nordic.id]);
    expect(await ids('productFamily=FIBRE_WHOLESALE&businessObjectType=QUOTE')).toEqual([nordic.id]);
    expect(await ids('productFamily=FIBRE_WHOLESALE&businessObjectType=ORDER')).toEqual([]);
    expect((await request(t.app).get('/work-items?businessObjectType=quote').set(auth)).body).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
    expect((await request(t.app).get(`/work-items?region=${'X'.repeat(41)}`).set(auth)).body).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
  });

  it('counts up to a maximum: the exact number below it, the maximum and capped above it', async () => {
    for (let i = 0; i < 3; i++) await create(quote({ businessObject: { type: 'QUOTE', id: `Q-2026-00095${i}`, version: 12, revision: 3, snapshot: { ownerId: 'rita' } } }));
    const auth = await as('dana');
    const exact = (await request(t.app).get('/work-items/count?status=available').set(auth)).body.count as number;
    expect(exact).toBeGreaterThanOrEqual(3);
    expect((await request(t.app).get(`/work-items/count?status=available&max=${exact}`).set(auth)).body).toEqual({ count: exact, capped: false });
    expect((await request(t.app).get(`/work-items/count?status=available&max=${exact - 1}`).set(auth)).body).toEqual({ count: exact - 1, capped: true });
    expect((await request(t.app).get('/work-items/count?status=available&max=1000000').set(auth)).body).toEqual({ count: exact, capped: false });
    for (const bad of ['max=0', 'max=1000001', 'max=ten', 'limit=5', 'view=summary']) {
      expect((await request(t.app).get(`/work-items/count?status=available&${bad}`).set(auth)).body, bad).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
    }
  });

  it('audit: one item\'s history for its tenant; the tenant trail by business object, actor and time for auditors only', async () => {
    const { id } = await create(quote({ businessObject: { type: 'QUOTE', id: 'Q-2026-000808', version: 12, revision: 3, snapshot: { ownerId: 'rita' } } }));
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('sam'));
    expect((await request(t.app).get('/audit').set(await as('rita'))).body).toMatchObject({ status: 403, code: 'AUDIT_READER_REQUIRED' });
    expect((await request(t.app).get('/audit/verify').set(await as('rita'))).body).toMatchObject({ status: 403, code: 'AUDIT_READER_REQUIRED' });
    expect((await request(t.app).get(`/audit?workItemId=${id}`).set(await as('rita'))).body.events).toHaveLength(2);
    expect((await request(t.app).get(`/audit?workItemId=${id}`).set(await as('raj'))).body).toMatchObject({ status: 404, code: 'WORK_ITEM_NOT_FOUND' });
    const aude = await as('aude');
    const byObject = (await request(t.app).get('/audit?businessObjectType=QUOTE&businessObjectId=Q-2026-000808').set(aude)).body.events as { workItemId: string }[];
    expect(byObject.map((e) => e.workItemId)).toEqual([id]);
    // The id alone (the design's query) finds the same events; another type with that id finds none.
    expect((await request(t.app).get('/audit?businessObjectId=Q-2026-000808').set(aude)).body.events).toEqual((await request(t.app).get('/audit?businessObjectType=QUOTE&businessObjectId=Q-2026-000808').set(aude)).body.events);
    expect((await request(t.app).get('/audit?businessObjectType=ORDER&businessObjectId=Q-2026-000808').set(aude)).body.events).toEqual([]);
    const bySam = (await request(t.app).get('/audit?actor=sam').set(aude)).body.events as { actor: string; eventType: string }[];
    expect(bySam.length).toBeGreaterThan(0);
    expect(bySam.every((e) => e.actor === 'sam')).toBe(true);
    expect((await request(t.app).get('/audit?from=2026-07-02T08:00:00Z&to=2026-07-02T08:00:01Z&limit=1000').set(aude)).body.events.length).toBeGreaterThan(0);
    expect((await request(t.app).get('/audit?from=2026-07-03T00:00:00Z').set(aude)).body.events).toEqual([]);
    // Paging by sequence: two pages of one are the first two events.
    const page1 = (await request(t.app).get('/audit?limit=1').set(aude)).body as { events: { sequence: number }[]; nextAfter: string };
    const page2 = (await request(t.app).get(`/audit?limit=1&after=${page1.nextAfter}`).set(aude)).body as { events: { sequence: number }[] };
    expect([page1.events[0]!.sequence, page2.events[0]!.sequence]).toEqual([1, 2]);
    expect((await request(t.app).get('/audit?businessObjectType=QUOTE').set(aude)).body).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
    expect((await request(t.app).get('/audit?from=yesterday').set(aude)).body).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
  });

  it('a quote revision makes the open approval obsolete and requests a new one at the new version', async () => {
    const body = quote({ businessObject: { type: 'QUOTE', id: 'Q-2026-000555', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000 } } });
    const { id } = await create(body);
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    const event = await request(t.app).post('/events').set(await as('cpq')).send({ type: 'QuoteRevised', businessObject: { type: 'QUOTE', id: 'Q-2026-000555', version: 13, revision: 4, snapshot: { ownerId: 'rita', totalAmount: 430000 } } });
    expect(event.status, event.text).toBe(202);
    expect(event.body.obsoleted).toEqual([id]);
    expect(event.body.created).toHaveLength(1);
    const old = await request(t.app).get(`/work-items/${id}`).set(await as('dana'));
    expect(old.body).toMatchObject({ state: 'obsolete', outcomeReason: 'OBSOLETE_BUSINESS_OBJECT_CHANGED' });
    const renewed = await request(t.app).get(`/work-items/${event.body.created[0]}`).set(await as('dana'));
    expect(renewed.body).toMatchObject({ state: 'available', businessObject: { version: 13, revision: 4 } });
    // Approving the old request is refused: it is no longer active.
    expect((await decide('dana', id, approve)).status).toBe(409);
  });

  it('a quote revision whose renewal cannot be created obsoletes nothing, but the new version is known: the old approval is stale', async () => {
    const bo = { type: 'QUOTE', id: 'Q-2026-000556', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000 } };
    const { id } = await create(quote({ businessObject: bo }));
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    const tables = ['work_item', 'approval_request', 'audit_event', 'workflow_command_outbox'];
    const before = await Promise.all(tables.map(count));
    const revised = { type: 'QuoteRevised', businessObject: { ...bo, version: 13, revision: 4 } };
    // Evidence the task type refuses: the renewal fails its check, so the obsoletion must not happen either.
    const refused = await request(t.app).post('/events').set(await as('cpq')).send({ ...revised, evidence: { discountPercent: 'thirty' } });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect((await request(t.app).get(`/work-items/${id}`).set(await as('dana'))).body).toMatchObject({ state: 'claimed', businessObject: { version: 12 } });
    const known = await t.db.knex('business_object').where({ type: 'QUOTE', id: bo.id }).first();
    expect(Number(known.version)).toBe(13);
    // Approving what the quote was is refused, and writes nothing.
    expect((await decide('dana', id, approve)).body).toMatchObject({ status: 409, code: 'STALE_BUSINESS_OBJECT' });
    expect(await Promise.all(tables.map(count))).toEqual(before);
    // The same event with acceptable evidence (the old item's) goes through, once.
    const accepted = await request(t.app).post('/events').set(await as('cpq')).send(revised);
    expect(accepted.status, accepted.text).toBe(202);
    expect(accepted.body.obsoleted).toEqual([id]);
    expect(accepted.body.created).toHaveLength(1);
  });

  it('escalating by hand needs a reason and hands the item to its escalation group, one level up', async () => {
    const { id } = await create(quote({ businessObject: { type: 'QUOTE', id: 'Q-2026-000557', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000 } } }));
    const sam = await as('sam');
    await request(t.app).post(`/work-items/${id}/claim`).set(sam);
    const before = (await request(t.app).get(`/work-items/${id}`).set(sam)).body as { priority: number; slaEscalateAt?: string };
    expect(before.slaEscalateAt).toBeDefined();
    expect((await request(t.app).post(`/work-items/${id}/escalate`).set(sam).send({})).body).toMatchObject({ status: 422, code: 'REASON_CODE_REQUIRED' });
    const escalated = await request(t.app).post(`/work-items/${id}/escalate`).set(sam).send({ reasonCode: 'OUTSIDE_AUTHORITY', comment: 'Beyond my discount authority.' });
    expect(escalated.status, escalated.text).toBe(200);
    expect(escalated.body).toMatchObject({ state: 'escalated', assignee: null, escalationLevel: 1 });
    const item = (await request(t.app).get(`/work-items/${id}`).set(await as('dana'))).body;
    expect(item).toMatchObject({ state: 'escalated', candidateGroups: ['regional-sales-directors'] });
    // As the SLA's escalation: priority recomputed for the escalated item, the SLA instants spent,
    // so the scheduler does not escalate it a second time.
    expect(item.priority).toBeGreaterThan(before.priority);
    expect((item.priorityReasons as string[]).join(' ')).toMatch(/ESCALATED/);
    expect(item.slaWarnAt).toBeUndefined();
    expect(item.slaEscalateAt).toBeUndefined();
    expect((await new SlaScheduler(t.stores, t.registry, () => new Date('2026-07-03T12:00:00Z')).runOnce()).escalated).not.toContain(id);
    const events = (await request(t.app).get(`/audit?workItemId=${id}`).set(await as('aude'))).body.events as { eventType: string; payload: Record<string, unknown> }[];
    expect(events.find((e) => e.eventType === 'TaskEscalated')?.payload).toMatchObject({ reasonCode: 'OUTSIDE_AUTHORITY', from: { assignee: 'sam', candidateGroups: ['regional-sales-directors', 'sales-managers'] }, to: { candidateGroups: ['regional-sales-directors'], level: 1 } });
    // The sales manager is no longer a candidate; the regional director is.
    expect((await request(t.app).post(`/work-items/${id}/claim`).set(sam)).status).toBeGreaterThanOrEqual(400);
    expect((await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'))).status).toBe(200);
  });

  it('delegation keeps the owner; the delegate hands back; reassign needs a manager and a reason', async () => {
    const { id } = await create();
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    const delegated = await request(t.app).post(`/work-items/${id}/delegate`).set(await as('dana')).send({ delegateTo: 'fiona', comment: 'Please check the margin.' });
    expect(delegated.body).toMatchObject({ state: 'delegated', owner: 'dana', assignee: 'dana', delegatedTo: 'fiona' });
    // Nobody decides while the item waits for input: the state says so.
    expect((await decide('fiona', id, approve)).body).toMatchObject({ status: 409, code: 'INVALID_STATE' });
    const back = await request(t.app).post(`/work-items/${id}/resolve-delegation`).set(await as('fiona')).send({ comment: 'Margin is acceptable.' });
    expect(back.body).toMatchObject({ state: 'claimed', owner: 'dana', delegatedTo: null });
    // Manager authority = the SLA escalation group (regional directors, for a high-value quote).
    expect((await request(t.app).post(`/work-items/${id}/reassign`).set(await as('fiona')).send({ assignee: 'sam', reasonCode: 'WORKLOAD' })).body).toMatchObject({ status: 403, code: 'MANAGER_AUTHORITY_REQUIRED' });
    expect((await request(t.app).post(`/work-items/${id}/reassign`).set(await as('mia')).send({ assignee: 'fiona' })).body).toMatchObject({ status: 422, code: 'REASON_CODE_REQUIRED' });
    const reassigned = await request(t.app).post(`/work-items/${id}/reassign`).set(await as('mia')).send({ assignee: 'fiona', reasonCode: 'WORKLOAD' });
    expect(reassigned.body).toMatchObject({ state: 'claimed', assignee: 'fiona', owner: 'fiona' });
    const events = (await request(t.app).get(`/audit?workItemId=${id}`).set(await as('aude'))).body.events as { eventType: string; payload: { from?: { assignee: string } } }[];
    expect(events.map((e) => e.eventType)).toEqual(['TaskCreated', 'TaskClaimed', 'TaskDelegated', 'TaskDelegationResolved', 'TaskAssigned']);
    expect(events.at(-1)?.payload.from?.assignee).toBe('dana');
  });

  it("another tenant's item is 404, never 403", async () => {
    const { id } = await create();
    const res = await request(t.app).get(`/work-items/${id}`).set(await as('raj'));
    expect(res.body).toMatchObject({ status: 404, code: 'WORK_ITEM_NOT_FOUND' });
  });

  it('bad input gets a 4xx problem and writes nothing', async () => {
    const before = await count('work_item');
    const auth = await as('rita');
    const cases: [request.Test, number, string][] = [
      [request(t.app).get('/work-items'), 401, 'AUTHENTICATION_REQUIRED'],
      [request(t.app).get('/work-items').set('Authorization', 'Bearer not.a.token'), 401, 'INVALID_TOKEN'],
      [request(t.app).post('/work-items').set(auth).send({ ...quote(), extra: 1 }), 400, 'INVALID_REQUEST_BODY'],
      [request(t.app).post('/work-items').set(auth).send({ ...quote(), taskType: 'drop table' }), 400, 'INVALID_REQUEST_BODY'],
      [request(t.app).post('/work-items').set(auth).send({ ...quote(), businessObject: { type: 'QUOTE', id: 'Q', version: '12' } }), 400, 'INVALID_REQUEST_BODY'],
      [request(t.app).post('/work-items').set(auth).send({ ...quote(), taskType: 'NO_SUCH_TASK' }), 422, 'UNKNOWN_TASK_TYPE'],
      [request(t.app).post('/work-items').set(auth).send({ ...quote(), evidence: { quoteId: 7 } }), 422, 'EVIDENCE_INVALID'],
      [request(t.app).post('/work-items').set(auth).set('Content-Type', 'application/json').send('{"taskType": '), 400, 'MALFORMED_JSON'],
      [request(t.app).post('/work-items').set(auth).set('Content-Type', 'text/plain').send('hello'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [request(t.app).post('/work-items').set(auth).send({ ...quote(), title: 'x'.repeat(300_000) }), 413, 'PAYLOAD_TOO_LARGE'],
      [request(t.app).get("/work-items/1' or '1'='1").set(auth), 404, 'WORK_ITEM_NOT_FOUND'],
      [request(t.app).get('/work-items?priorityMin=abc').set(auth), 400, 'INVALID_QUERY'],
      [request(t.app).get('/work-items?cursor=bogus').set(auth), 400, 'INVALID_CURSOR'],
      [request(t.app).get('/no-such-route'), 404, 'ROUTE_NOT_FOUND'],
    ];
    for (const [req, status, code] of cases) {
      const res = await req;
      expect(res.status, `${code}: ${res.text.slice(0, 200)}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await count('work_item')).toBe(before);
  });

  it('serves the OpenAPI document built from the request schemas, and Prometheus metrics', async () => {
    const doc = await request(t.app).get('/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.components.schemas.Decide.required).toEqual(['decision', 'expectedBusinessObjectVersion']);
    expect(Object.keys(doc.body.paths as Record<string, unknown>)).toEqual(expect.arrayContaining(['/work-items', '/work-items/{id}/decisions', '/events', '/audit/verify']));
    const metrics = await request(t.app).get('/metrics');
    expect(metrics.text).toMatch(/^work_items_created_total\{task_type="DISCOUNT_APPROVAL"\} \d+$/m);
    expect(metrics.text).toMatch(/^work_items_completed_total\{task_type="DISCOUNT_APPROVAL",decision="APPROVE"\} \d+$/m);
    expect(metrics.text).toMatch(/^commands_refused_total\{code="AUTHORITY_LIMIT_EXCEEDED"\} \d+$/m);
  });

  it('the audit chain verifies, and names the sequence someone changed with SQL', async () => {
    expect((await request(t.app).get('/audit/verify').set(await as('aude'))).body).toMatchObject({ ok: true });
    // The table refuses the edit (migration 20261207130000); an attacker with the owner's rights disables its triggers first.
    await t.db.knex.raw('alter table audit_event disable trigger user');
    await t.db.knex('audit_event').where({ tenant_id: 'ACME_EU', sequence: 2 }).update({ actor: 'mallory' });
    await t.db.knex.raw('alter table audit_event enable trigger user');
    expect((await request(t.app).get('/audit/verify').set(await as('aude'))).body).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
