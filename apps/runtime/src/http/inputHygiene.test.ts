// Input that used to reach a 500 or a wrong answer: a body nested too deep, instants that match
// the pattern but name no real time, and a dev user id that names an Object property. Each gets a
// 4xx problem+json and writes nothing, on PGlite and on PostgreSQL.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp } from '../../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe.each(engines)('input hygiene on $name', ({ open }) => {
  let t: App;
  const tables = ['work_item', 'decision', 'audit_event', 'idempotency_key', 'business_object'];
  const counts = async () => Promise.all(tables.map(async (table) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0)));
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const expectProblem = (res: request.Response, status: number, code: string) => {
    expect(res.status, res.text.slice(0, 300)).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status, code });
  };

  it('refuses a 10,000-deep JSON body with 400 JSON_TOO_DEEP and writes nothing', async () => {
    const before = await counts();
    const body = `{"taskType":"DISCOUNT_APPROVAL","evidence":{"x":${deepArray(10_000)}}}`;
    const res = await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).set('Content-Type', 'application/json').send(body);
    expectProblem(res, 400, 'JSON_TOO_DEEP');
    // Without a token too: the body is refused before anything reads it.
    expectProblem(await request(t.app).post('/events').set('Content-Type', 'application/json').send(deepArray(10_000)), 400, 'JSON_TOO_DEEP');
    expect(await counts()).toEqual(before);
  });

  it('accepts nesting up to the limit: 64 levels reach the schema check, 65 do not', async () => {
    const nested = (depth: number) => `{"taskType":"DISCOUNT_APPROVAL","evidence":${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}}`;
    const at = await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).set('Content-Type', 'application/json').send(nested(64));
    expect(at.status).toBe(400);
    expect(JSON.parse(at.text)).toMatchObject({ code: 'INVALID_REQUEST_BODY' });
    expectProblem(await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).set('Content-Type', 'application/json').send(nested(65)), 400, 'JSON_TOO_DEEP');
  });

  it('refuses instants that match the pattern but do not exist in /audit and /impact with 400 INVALID_QUERY', async () => {
    const aude = await t.token('aude');
    const gabe = await t.token('gabe');
    for (const bad of ['2026-13-45T99:99Z', '2026-02-30T10:00Z', '2026-07-02T24:00:00Z', '2026-07-02T10:00:61Z', '2026-07-02T10:00+25:00']) {
      expectProblem(await request(t.app).get(`/audit?from=${encodeURIComponent(bad)}`).set('Authorization', aude), 400, 'INVALID_QUERY');
      expectProblem(await request(t.app).get(`/audit?to=${encodeURIComponent(bad)}`).set('Authorization', aude), 400, 'INVALID_QUERY');
      expectProblem(await request(t.app).get(`/definitions/AuthorityPolicy/COMMERCIAL_AUTHORITY/impact?candidate=1&from=${encodeURIComponent(bad)}`).set('Authorization', gabe), 400, 'INVALID_QUERY');
    }
    // Real instants, leap day included, still pass.
    expect((await request(t.app).get(`/audit?from=${encodeURIComponent('2028-02-29T23:59:59.5+01:00')}`).set('Authorization', aude)).status).toBe(200);
    expect((await request(t.app).get(`/definitions/AuthorityPolicy/COMMERCIAL_AUTHORITY/impact?candidate=1&from=2026-01-01T00:00Z`).set('Authorization', gabe)).status).toBe(200);
  });

  it('signs dev tokens for demo users only: an Object property name is an unknown user', async () => {
    {
      const userId = 'constructor';
      expectProblem(await request(t.app).post('/auth/dev/token').send({ userId }), 401, 'UNKNOWN_DEV_USER');
    }
    expect((await request(t.app).post('/auth/dev/token').send({ userId: 'dana' })).status).toBe(200);
  });
});
