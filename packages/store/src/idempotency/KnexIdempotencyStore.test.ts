import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import type { Database } from '../createDatabase.js';
import { KnexIdempotencyStore } from './KnexIdempotencyStore.js';

describe.each(engines)('KnexIdempotencyStore on $name', ({ open }) => {
  let db: Database;
  let store: KnexIdempotencyStore;
  beforeAll(async () => {
    db = await open();
    store = new KnexIdempotencyStore(db.knex);
  });
  afterAll(() => db.close());

  const scope = { tenantId: 'ACME_EU', principal: 'iss|fiona', route: 'POST /work-items/{id}/decisions', key: 'k-1' };
  const body = { decision: 'APPROVE', reasonCode: 'COMPETITIVE_MATCH', expectedBusinessObjectVersion: 12 };

  it('first use is new; a duplicate while running is in flight; after completion it replays byte for byte', async () => {
    expect(await store.claim(scope, body, '2026-07-02T10:00:00Z')).toEqual({ kind: 'new' });
    expect(await store.claim(scope, { ...body }, '2026-07-02T10:00:01Z')).toEqual({ kind: 'in_flight' });
    const response = '{"id":"d-1","decision":"APPROVE"}';
    await db.knex.transaction((trx) => store.complete(trx, scope, 201, response));
    // Key order in the body does not matter: the hash is over canonical JSON.
    const reordered = { expectedBusinessObjectVersion: 12, reasonCode: 'COMPETITIVE_MATCH', decision: 'APPROVE' };
    expect(await store.claim(scope, reordered, '2026-07-02T10:05:00Z')).toEqual({ kind: 'replay', status: 201, body: response });
  });

  it('the same key with another body is a mismatch', async () => {
    expect(await store.claim(scope, { ...body, decision: 'REJECT' }, '2026-07-02T10:06:00Z')).toEqual({ kind: 'mismatch' });
  });

  it("another user's key, or another route, is a different key", async () => {
    expect(await store.claim({ ...scope, principal: 'iss|dana' }, body, '2026-07-02T10:07:00Z')).toEqual({ kind: 'new' });
    expect(await store.claim({ ...scope, route: 'POST /work-items/{id}/claim' }, body, '2026-07-02T10:07:00Z')).toEqual({ kind: 'new' });
  });

  it('keys expire after 24 hours; a released claim can be retried', async () => {
    expect(await store.claim(scope, { other: true }, '2026-07-03T10:00:01Z')).toEqual({ kind: 'new' });
    const retry = { ...scope, key: 'k-2' };
    expect(await store.claim(retry, body, '2026-07-03T11:00:00Z')).toEqual({ kind: 'new' });
    await store.release(retry);
    expect(await store.claim(retry, body, '2026-07-03T11:00:01Z')).toEqual({ kind: 'new' });
    const expired = Number((await db.knex('idempotency_key').where('expires_at', '<=', '2026-07-05T00:00:00Z').count('* as n').first())?.n);
    expect(expired).toBeGreaterThanOrEqual(3);
    // In batches: a limit of 2 deletes 2, and the rest follow.
    expect(await store.purgeExpired('2026-07-05T00:00:00Z', 2)).toBe(2);
    expect(await store.purgeExpired('2026-07-05T00:00:00Z')).toBe(expired - 2);
    expect(await store.purgeExpired('2026-07-05T00:00:00Z')).toBe(0);
  });

  it('refuses a retention shorter than 24 hours', () => {
    expect(() => new KnexIdempotencyStore(db.knex, 60_000)).toThrow(/24 hours/);
  });
});
