// Rate limits at the API: dev tokens and bad tokens by address, commands by principal, 429
// problem+json with Retry-After, counted together by two runtime instances on one database.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp } from '../../test-support/testApp.js';
import { DEFAULT_RATE_LIMITS, rateLimitSettingsFromEnv, type RateLimitSettings } from './rateLimits.js';

type App = Awaited<ReturnType<typeof testApp>>;

const limits: RateLimitSettings = { windowSeconds: 3600, perPrincipal: 30, perAddress: 20, trustProxyHops: 0 };

const quote = (id: string) => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: false } },
  evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
});

const statuses = (responses: request.Response[]) => responses.reduce<Record<number, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {});

const expectRateLimited = (res: request.Response) => {
  expect(res.status).toBe(429);
  expect(res.type).toBe('application/problem+json');
  expect(JSON.parse(res.text)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3600);
};

/** Waits until the shared counter of a key holds at least `hits` (instances add their counts in the background). */
async function sharedHits(t: App, key: string, hits: number): Promise<number> {
  for (let i = 0; ; i++) {
    const row = await t.db.knex('rate_limit_window').where({ key }).first<{ hits: number } | undefined>();
    if ((row?.hits ?? 0) >= hits || i > 100) return row?.hits ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(engines)('rate limits on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open, undefined, { runtime: { rateLimits: limits } });
  });
  afterAll(() => t.db.close());

  it('refuses all but 20 of 300 parallel dev-token requests from one address with 429 and Retry-After', async () => {
    const responses = await Promise.all(Array.from({ length: 300 }, () => request(t.app).post('/auth/dev/token').send({ userId: 'dana' })));
    expect(statuses(responses)).toEqual({ 200: 20, 429: 280 });
    expectRateLimited(responses.find((r) => r.status === 429)!);
  });

  it('refuses bad tokens from an address over its budget with 429, and still serves a valid token from it', async () => {
    const other = await testApp(open, undefined, { runtime: { rateLimits: limits } });
    try {
      const before = Number((await other.db.knex('audit_event').count('* as n').first())?.n);
      const responses = await Promise.all(Array.from({ length: 300 }, (_, i) => request(other.app).get('/work-items').set('Authorization', `Bearer bad.token.${i}`)));
      expect(statuses(responses)).toEqual({ 401: 20, 429: 280 });
      expectRateLimited(responses.find((r) => r.status === 429)!);
      expect((await request(other.app).get('/work-items').set('Authorization', await other.token('dana'))).status).toBe(200);
      expect(Number((await other.db.knex('audit_event').count('* as n').first())?.n)).toBe(before);
    } finally {
      await other.db.close();
    }
  });

  it('refuses a principal past its budget: of 300 parallel decisions 30 run, one takes effect; another principal is served', async () => {
    const created = await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).send(quote('Q-RATE-1'));
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const dana = await t.token('dana');
    expect((await request(t.app).post(`/work-items/${id}/claim`).set('Authorization', dana)).status).toBe(200);
    const decision = { decision: 'REJECT', reasonCode: 'MARGIN_BELOW_FLOOR', expectedBusinessObjectVersion: 12 };
    const responses = await Promise.all(Array.from({ length: 300 }, () => request(t.app).post(`/work-items/${id}/decisions`).set('Authorization', dana).send(decision)));
    // The claim was dana's first request of the window; 29 decisions fit after it.
    const counted = statuses(responses);
    expect(counted[429]).toBe(271);
    expect(300 - counted[429]!).toBe(29);
    expectRateLimited(responses.find((r) => r.status === 429)!);
    expect(Number((await t.db.knex('decision').where({ work_item_id: id }).count('* as n').first())?.n)).toBe(1);
    expect((await request(t.app).get('/work-items').set('Authorization', await t.token('rita'))).status).toBe(200);
  });

  it('counts across two instances on one database: the second refuses once it learns the first used the budget', async () => {
    const first = await testApp(open, undefined, { runtime: { rateLimits: { ...limits, perAddress: 10 } } });
    const second = await testApp(open, undefined, { db: first.db, runtime: { rateLimits: { ...limits, perAddress: 10 } } });
    try {
      const tokens = await Promise.all(Array.from({ length: 11 }, () => request(first.app).post('/auth/dev/token').send({ userId: 'dana' })));
      expect(statuses(tokens)).toEqual({ 200: 10, 429: 1 });
      expect(await sharedHits(first, 'address:127.0.0.1', 10)).toBeGreaterThanOrEqual(10);
      // The second instance has not seen this address: its first request passes and teaches it the shared count.
      const known = await sharedHits(first, 'address:127.0.0.1', 0);
      expect((await request(second.app).post('/auth/dev/token').send({ userId: 'dana' })).status).toBe(200);
      await sharedHits(first, 'address:127.0.0.1', known + 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expectRateLimited(await request(second.app).post('/auth/dev/token').send({ userId: 'dana' }));
    } finally {
      await first.db.close();
    }
  });
});

describe('rate limit settings', () => {
  it('defaults to generous per-principal and strict per-address limits, and names every bad value', () => {
    expect(rateLimitSettingsFromEnv({})).toEqual({ ok: true, settings: DEFAULT_RATE_LIMITS });
    expect(rateLimitSettingsFromEnv({ MANDATE_RATE_LIMIT_PER_ADDRESS: '0', MANDATE_RATE_LIMIT_WINDOW_SECONDS: '10', MANDATE_TRUST_PROXY: '1' })).toEqual({ ok: true, settings: { ...DEFAULT_RATE_LIMITS, perAddress: 0, windowSeconds: 10, trustProxyHops: 1 } });
    const bad = rateLimitSettingsFromEnv({ MANDATE_RATE_LIMIT_PER_PRINCIPAL: 'lots', MANDATE_RATE_LIMIT_WINDOW_SECONDS: '0', MANDATE_TRUST_PROXY: 'true' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => e.split(' ')[0])).toEqual(['MANDATE_RATE_LIMIT_WINDOW_SECONDS', 'MANDATE_RATE_LIMIT_PER_PRINCIPAL', 'MANDATE_TRUST_PROXY']);
  });
});
