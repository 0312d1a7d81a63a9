// The database itself keeps audit_event append-only (migration 20261207130000), even for the
// table's owner, which these tests connect as: only the sealer's one update gets through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import type { Database } from '../createDatabase.js';
import { KnexAuditLog } from './KnexAuditLog.js';

describe.each(engines)('audit_event append-only on $name', ({ open }) => {
  let db: Database;
  let log: KnexAuditLog;
  beforeAll(async () => {
    db = await open();
    log = new KnexAuditLog(db.knex, db.auditKeys);
    for (let i = 1; i <= 3; i++) {
      await db.transaction((tx) => log.append(tx, { tenantId: 'ACME_EU', eventType: 'TaskClaimed', actor: `https://id.example|user-${i}`, payload: { n: i }, occurredAt: `2026-07-02T10:0${i}:00Z` }));
    }
    await log.seal('ACME_EU');
    await db.transaction((tx) => log.append(tx, { tenantId: 'ACME_EU', eventType: 'TaskCommented', payload: { n: 4 }, occurredAt: '2026-07-02T10:04:00Z' }));
  });
  afterAll(() => db.close());

  const rows = () => db.knex('audit_event').orderBy('id').select('id', 'sequence', 'actor', 'payload', 'hash');
  const refused = /audit_event is append-only/;

  it('refuses to update a sealed event, its content or its seal', async () => {
    const before = await rows();
    await expect(db.knex('audit_event').where({ sequence: 2 }).update({ actor: 'mallory' })).rejects.toThrow(refused);
    await expect(db.knex('audit_event').where({ sequence: 2 }).update({ hash: 'f'.repeat(64) })).rejects.toThrow(refused);
    await expect(db.knex('audit_event').where({ sequence: 3 }).update({ sequence: 3 })).rejects.toThrow(refused);
    expect(await rows()).toEqual(before);
  });

  it('refuses to change an unsealed event other than by sealing it', async () => {
    const before = await rows();
    await expect(db.knex('audit_event').whereNull('sequence').update({ payload: JSON.stringify({ n: 40 }) })).rejects.toThrow(refused);
    // A seal that also rewrites content is not a seal.
    await expect(db.knex('audit_event').whereNull('sequence').update({ sequence: 4, prev_hash: '0'.repeat(64), hash: '1'.repeat(64), sealed_at: '2026-07-02T10:05:00Z', actor: 'mallory' })).rejects.toThrow(refused);
    // Half a seal neither.
    await expect(db.knex('audit_event').whereNull('sequence').update({ sequence: 4 })).rejects.toThrow(refused);
    expect(await rows()).toEqual(before);
  });

  it('refuses DELETE and TRUNCATE', async () => {
    const before = await rows();
    await expect(db.knex('audit_event').where({ sequence: 3 }).del()).rejects.toThrow(refused);
    await expect(db.knex('audit_event').whereNull('sequence').del()).rejects.toThrow(refused);
    await expect(db.knex.raw('truncate audit_event')).rejects.toThrow(refused);
    expect(await rows()).toEqual(before);
  });

  it('lets the sealer seal, and the chain still verifies', async () => {
    expect(await log.seal('ACME_EU')).toBe(1);
    expect((await rows()).map((r: { sequence: string | number | null }) => Number(r.sequence))).toEqual([1, 2, 3, 4]);
    expect(await log.verify('ACME_EU')).toEqual({ ok: true, events: 4 });
  });
});
