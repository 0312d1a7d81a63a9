import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import type { Database } from '../createDatabase.js';
import { isKeyTaken, KnexIdempotencyStore, requestHash } from './KnexIdempotencyStore.js';
import { knexStatementOf } from '../statements.js';

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
  const record = (s: typeof scope, b: unknown, now: string, response: string) => db.transaction((tx) => store.record(tx, s, b, now, 201, response));
  /** A claim as earlier versions wrote it, before their command's write. */
  const legacyClaim = (s: typeof scope, createdAt: string) =>
    db.knex('idempotency_key').insert({ tenant_id: s.tenantId, principal: s.principal, route: s.route, key: s.key, request_hash: requestHash(body), status: 'IN_FLIGHT', created_at: createdAt, expires_at: new Date(Date.parse(createdAt) + 86_400_000).toISOString() });

  it('first use is new and writes nothing; once recorded with its response it replays byte for byte', async () => {
    expect(await store.lookup(scope, body, '2026-07-02T10:00:00Z')).toEqual({ kind: 'new' });
    expect(await db.knex('idempotency_key').where({ key: 'k-1' })).toEqual([]);
    const response = '{"id":"d-1","decision":"APPROVE"}';
    await record(scope, body, '2026-07-02T10:00:00Z', response);
    // Key order in the body does not matter: the hash is over canonical JSON.
    const reordered = { expectedBusinessObjectVersion: 12, reasonCode: 'COMPETITIVE_MATCH', decision: 'APPROVE' };
    expect(await store.lookup(scope, reordered, '2026-07-02T10:05:00Z')).toEqual({ kind: 'replay', status: 201, body: response });
  });

  it('a second record of the same key fails as taken, and leaves the first', async () => {
    const error = await record(scope, body, '2026-07-02T10:00:01Z', '{"other":true}').catch((e: unknown) => e);
    expect(isKeyTaken(error)).toBe(true);
    expect(isKeyTaken(new Error('something else'))).toBe(false);
    expect(await store.lookup(scope, body, '2026-07-02T10:05:00Z')).toMatchObject({ kind: 'replay', body: '{"id":"d-1","decision":"APPROVE"}' });
  });

  it('the same key with another body is a mismatch', async () => {
    expect(await store.lookup(scope, { ...body, decision: 'REJECT' }, '2026-07-02T10:06:00Z')).toEqual({ kind: 'mismatch' });
  });

  it("another user's key, or another route, is a different key", async () => {
    expect(await store.lookup({ ...scope, principal: 'iss|dana' }, body, '2026-07-02T10:07:00Z')).toEqual({ kind: 'new' });
    expect(await store.lookup({ ...scope, route: 'POST /work-items/{id}/claim' }, body, '2026-07-02T10:07:00Z')).toEqual({ kind: 'new' });
  });

  it('reads the key beside another read and tells the same from its row', async () => {
    const [row] = (await db.knex.raw(`with beside as (${knexStatementOf(store.lookupStatement(scope)).toQuery()}) select (select to_jsonb(beside) from beside limit 1) as row`)).rows as { row: never }[];
    expect(await store.lookupFrom(row!.row, scope, body, '2026-07-02T10:08:00Z')).toMatchObject({ kind: 'replay', status: 201 });
  });

  it('a claim left in flight by an earlier version is in flight for a while, then abandoned and the key is free', async () => {
    const stuck = { ...scope, key: 'k-stuck' };
    await legacyClaim(stuck, '2026-07-02T10:00:00Z');
    expect(await store.lookup(stuck, body, '2026-07-02T10:01:00Z')).toEqual({ kind: 'in_flight' });
    expect(await store.lookup(stuck, body, '2026-07-02T10:02:00Z')).toEqual({ kind: 'new' });
    expect(await db.knex('idempotency_key').where({ key: 'k-stuck' })).toEqual([]);
  });

  it('keys expire after 24 hours and are purged in batches', async () => {
    expect(await store.lookup(scope, { other: true }, '2026-07-03T10:00:01Z')).toEqual({ kind: 'new' });
    await record({ ...scope, key: 'k-2' }, body, '2026-07-03T11:00:00Z', '{}');
    await record({ ...scope, key: 'k-3' }, body, '2026-07-03T11:00:00Z', '{}');
    await record({ ...scope, key: 'k-4' }, body, '2026-07-03T11:00:00Z', '{}');
    const expired = Number((await db.knex('idempotency_key').where('expires_at', '<=', '2026-07-05T00:00:00Z').count('* as n').first())?.n);
    expect(expired).toBe(3);
    // In batches: a limit of 2 deletes 2, and the rest follow.
    expect(await store.purgeExpired('2026-07-05T00:00:00Z', 2)).toBe(2);
    expect(await store.purgeExpired('2026-07-05T00:00:00Z')).toBe(expired - 2);
    expect(await store.purgeExpired('2026-07-05T00:00:00Z')).toBe(0);
  });

  it('refuses a retention shorter than 24 hours', () => {
    expect(() => new KnexIdempotencyStore(db.knex, 60_000)).toThrow(/24 hours/);
  });
});
