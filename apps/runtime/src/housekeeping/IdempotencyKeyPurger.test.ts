import { KnexIdempotencyStore, type Database } from '@mandate/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/testApp.js';
import { IdempotencyKeyPurger } from './IdempotencyKeyPurger.js';

describe.each(engines)('idempotency key purge on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('deletes the keys past their retention, in batches, and keeps the others', async () => {
    const keys = new KnexIdempotencyStore(db.knex);
    const scope = (key: string) => ({ tenantId: 'ACME_EU', principal: 'iss|dana', route: 'POST /work-items/{id}/decisions', key });
    // 12,000 keys from two days ago (past their 24 hours), then one from an hour ago.
    await db.knex.raw(
      `insert into idempotency_key (tenant_id, principal, route, key, request_hash, status, created_at, expires_at)
       select 'ACME_EU', 'iss|dana', 'POST /work-items/{id}/decisions', 'old-' || n, repeat('0', 64), 'COMPLETED', timestamptz '2026-06-30T10:00:00Z', timestamptz '2026-07-01T10:00:00Z'
       from generate_series(1, 12000) as n`,
    );
    await db.transaction((tx) => keys.record(tx, scope('recent'), { a: 1 }, '2026-07-02T09:00:00Z', 201, '{}'));
    await new IdempotencyKeyPurger(keys, () => new Date('2026-07-02T10:00:00Z')).runOnce();
    expect((await db.knex('idempotency_key').select('key')).map((r: { key: string }) => r.key)).toEqual(['recent']);
  });
});
