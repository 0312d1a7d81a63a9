// Bad input: every request here must get a 4xx problem+json, never a 500, and write nothing.
import request from 'supertest';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp } from '../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const validCreate = {
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id: 'Q-BAD-1', version: 1, snapshot: { ownerId: 'rita', totalAmount: 1000 } },
  evidence: { quoteId: 'Q-BAD-1', quoteRevision: 1, requestedDiscountPercent: 10, standardLimitPercent: 25 },
};

describe.each(engines)('bad input on $name', ({ open }) => {
  let t: App;
  let itemId: string;
  const tables = ['work_item', 'decision', 'audit_event', 'workflow_command_outbox', 'comment', 'idempotency_key', 'business_object', 'recovery_action', 'approval_request'];
  const counts = async () => Promise.all(tables.map(async (table) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0)));
  beforeAll(async () => {
    t = await testApp(open);
    const res = await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).send(validCreate);
    itemId = (res.body as { id: string }).id;
  });
  afterAll(() => t.db.close());

  it('answers each of 62 malformed requests with a 4xx problem and writes nothing', async () => {
    const rita = await t.token('rita');
    const dana = await t.token('dana');
    const raj = await t.token('raj');
    const cpq = await t.token('cpq');
    const expired = await new SignJWT({ roles: ['SALES_REP'], tenant: 'ACME_EU' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('urn:mandate:dev-identity').setAudience('mandate-runtime').setSubject('rita').setExpirationTime(Math.floor(Date.parse('2020-01-01T00:00:00Z') / 1000)).sign(new Uint8Array(32));
    // Signed with this runtime's own key, right issuer and audience: refused for its expiry alone.
    const expiredRightKey = await new SignJWT({ roles: ['SALES_REP'], tenant: 'ACME_EU' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('urn:mandate:dev-identity').setAudience('mandate-runtime').setSubject('rita').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(t.devKey);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'rita', tenant: 'ACME_EU' })).toString('base64url')}.`;
    const post = (path: string, auth: string, body: unknown) => request(t.app).post(path).set('Authorization', auth).send(body as object);
    const create = (body: unknown) => post('/work-items', rita, body);
    const decide = (body: unknown, auth = dana) => post(`/work-items/${itemId}/decisions`, auth, body);
    const cases: [string, () => request.Test][] = [
      ['no token', () => request(t.app).get('/work-items')],
      ['garbage token', () => request(t.app).get('/work-items').set('Authorization', 'Bearer x.y.z')],
      ['basic auth', () => request(t.app).get('/work-items').set('Authorization', 'Basic cml0YTpyaXRh')],
      ['expired token, other key', () => request(t.app).get('/work-items').set('Authorization', `Bearer ${expired}`)],
      ['expired token, this runtime\'s key', () => request(t.app).post(`/work-items/${itemId}/comments`).set('Authorization', `Bearer ${expiredRightKey}`).send({ text: 'late' })],
      ['alg none', () => request(t.app).get('/work-items').set('Authorization', `Bearer ${unsigned}`)],
      ['unknown dev user', () => request(t.app).post('/auth/dev/token').send({ userId: 'mallory' })],
      ['dev token, bad id', () => request(t.app).post('/auth/dev/token').send({ userId: '../../etc' })],
      ['create: empty body', () => create({})],
      ['create: array body', () => create([validCreate])],
      ['create: unknown field', () => create({ ...validCreate, admin: true })],
      ['create: task type injection', () => create({ ...validCreate, taskType: "X'; drop table work_item; --" })],
      ['create: lower-case task type', () => create({ ...validCreate, taskType: 'discount_approval' })],
      ['create: unknown task type', () => create({ ...validCreate, taskType: 'NO_SUCH_TASK' })],
      ['create: version as string', () => create({ ...validCreate, businessObject: { ...validCreate.businessObject, version: '1' } })],
      ['create: negative version', () => create({ ...validCreate, businessObject: { ...validCreate.businessObject, version: -1 } })],
      ['create: huge version', () => create({ ...validCreate, businessObject: { ...validCreate.businessObject, version: 2 ** 40 } })],
      ['create: empty object id', () => create({ ...validCreate, businessObject: { ...validCreate.businessObject, id: '' } })],
      ['create: wrong object type', () => create({ ...validCreate, businessObject: { ...validCreate.businessObject, type: 'ORDER' } })],
      ['create: evidence as string', () => create({ ...validCreate, evidence: 'FOUND' })],
      ['create: evidence of wrong types', () => create({ ...validCreate, evidence: { ...validCreate.evidence, requestedDiscountPercent: '10' } })],
      ['create: evidence missing required', () => create({ ...validCreate, evidence: { quoteId: 'Q' } })],
      ['create: bad candidate group', () => create({ ...validCreate, candidateGroups: ['Admins!'] })],
      ['create: huge title', () => create({ ...validCreate, title: 'x'.repeat(5000) })],
      ['create: body over the limit', () => create({ ...validCreate, evidence: { ...validCreate.evidence, pad: 'x'.repeat(300_000) } })],
      ['create: malformed JSON', () => request(t.app).post('/work-items').set('Authorization', rita).set('Content-Type', 'application/json').send('{"taskType":')],
      ['create: text/plain', () => request(t.app).post('/work-items').set('Authorization', rita).set('Content-Type', 'text/plain').send('taskType=X')],
      ['create: form encoded', () => request(t.app).post('/work-items').set('Authorization', rita).type('form').send({ taskType: 'DISCOUNT_APPROVAL' })],
      ['get: id injection', () => request(t.app).get(`/work-items/${encodeURIComponent("1' OR '1'='1")}`).set('Authorization', rita)],
      ['get: not a uuid', () => request(t.app).get('/work-items/42').set('Authorization', rita)],
      ['get: other tenant', () => request(t.app).get(`/work-items/${itemId}`).set('Authorization', raj)],
      ['list: priorityMin not a number', () => request(t.app).get('/work-items?priorityMin=high').set('Authorization', rita)],
      ['list: status injection', () => request(t.app).get(`/work-items?status=${encodeURIComponent("x' OR 1=1")}`).set('Authorization', rita)],
      ['list: NUL in a filter', () => request(t.app).get('/work-items?region=EM%00EA').set('Authorization', rita)],
      ['count: NUL in a filter', () => request(t.app).get('/work-items/count?productFamily=%00').set('Authorization', rita)],
      ['comment: NUL in the text', () => post(`/work-items/${itemId}/comments`, rita, { comment: 'before\u0000after' })],
      ['create: NUL in an evidence key', () => create({ ...validCreate, evidence: { ...validCreate.evidence, ['note\u0000']: 'x' } })],
      ['list: forged cursor', () => request(t.app).get('/work-items?cursor=eyJwcmlvcml0eSI6Inh4In0').set('Authorization', rita)],
      ['list: repeated parameter', () => request(t.app).get('/work-items?status=available&status=claimed').set('Authorization', rita)],
      ['decide: empty body', () => decide({})],
      ['decide: unknown decision', () => decide({ decision: 'APPROVE_EVERYTHING', expectedBusinessObjectVersion: 1 })],
      ['decide: version as string', () => decide({ decision: 'APPROVE', expectedBusinessObjectVersion: '1' })],
      ['decide: unknown field', () => decide({ decision: 'APPROVE', expectedBusinessObjectVersion: 1, approvedBy: 'ceo' })],
      ['decide: not claimed', () => decide({ decision: 'REJECT', reasonCode: 'MARGIN_BELOW_FLOOR', expectedBusinessObjectVersion: 1 })],
      ['decide: other tenant', () => decide({ decision: 'REJECT', expectedBusinessObjectVersion: 1 }, raj)],
      ['decide: bad idempotency key', () => post(`/work-items/${itemId}/decisions`, dana, { decision: 'REJECT', expectedBusinessObjectVersion: 1 }).set('Idempotency-Key', 'x'.repeat(500))],
      ['claim: requester without candidacy', () => post(`/work-items/${itemId}/claim`, rita, {})],
      ['reassign: no manager', () => post(`/work-items/${itemId}/reassign`, rita, { assignee: 'rita', reasonCode: 'WORKLOAD' })],
      ['comment: too long', () => post(`/work-items/${itemId}/comments`, dana, { comment: 'x'.repeat(5000) })],
      ['event: unknown shape', () => post('/events', cpq, { type: 'QuoteRevised', quoteId: 'Q-BAD-1' })],
      ['event: from a person', () => post('/events', rita, { type: 'QuoteRevised', businessObject: { type: 'QUOTE', id: 'Q-BAD-1', version: 2 } })],
      ['list: unknown parameter', () => request(t.app).get('/work-items?orderBy=priority;drop').set('Authorization', rita)],
      ['list: limit over 200', () => request(t.app).get('/work-items?limit=100000').set('Authorization', rita)],
      ['count: unknown state', () => request(t.app).get('/work-items/count?status=archived').set('Authorization', rita)],
      ['action: lower-case code', () => post(`/work-items/${itemId}/actions/run_reconciliation`, dana, {})],
      ['action: unknown field', () => post(`/work-items/${itemId}/actions/RUN_RECONCILIATION`, dana, { force: true })],
      ['action: evidence as array', () => post(`/work-items/${itemId}/actions/RUN_RECONCILIATION`, dana, { evidence: ['FOUND'] })],
      ['action: not in the action policy', () => post(`/work-items/${itemId}/actions/RUN_RECONCILIATION`, dana, {})],
      ['action: other tenant', () => post(`/work-items/${itemId}/actions/RUN_RECONCILIATION`, raj, {})],
      ['audit: tenant trail for a sales rep', () => request(t.app).get('/audit').set('Authorization', rita)],
      ['audit: time without offset', () => request(t.app).get('/audit?from=2026-07-02T08:00:00').set('Authorization', rita)],
      ['audit: object type without id', () => request(t.app).get('/audit?businessObjectType=QUOTE').set('Authorization', rita)],
    ];
    expect(cases).toHaveLength(62);
    const before = await counts();
    for (const [name, send] of cases) {
      const res = await send();
      expect(res.status, `${name}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, name).toBeLessThan(500);
      expect(res.headers['content-type'], name).toMatch(/application\/problem\+json/);
      expect(typeof (res.body as { code?: unknown }).code, name).toBe('string');
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a token signed with its own key for its expiry alone: the same token unexpired is accepted', async () => {
    const signed = (exp: number) => new SignJWT({ roles: ['SALES_REP'], tenant: 'ACME_EU' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('urn:mandate:dev-identity').setAudience('mandate-runtime').setSubject('rita').setExpirationTime(exp).sign(t.devKey);
    const now = Math.floor(Date.now() / 1000);
    expect((await request(t.app).get('/work-items').set('Authorization', `Bearer ${await signed(now + 600)}`)).status).toBe(200);
    const expired = await request(t.app).get('/work-items').set('Authorization', `Bearer ${await signed(now - 60)}`);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'INVALID_TOKEN' });
  });
});
