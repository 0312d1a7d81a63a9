import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnexAuditLog, type Database } from '@mandate/store';
import { engines } from '../../test-support/testApp.js';
import { AuditCheckpointer } from './AuditCheckpointer.js';

describe.each(engines)('the periodic audit checkpoint on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('seals and signs each tenant head that moved, and nothing when none did', async () => {
    const log = new KnexAuditLog(db.knex, db.auditKeys);
    for (const tenantId of ['ACME_EU', 'ACME_EU', 'ACME_APAC']) {
      await db.transaction((tx) => log.append(tx, { tenantId, eventType: 'TaskCreated', payload: {}, occurredAt: '2026-07-02T10:00:00Z' }));
    }
    const checkpointer = new AuditCheckpointer(log);
    await checkpointer.runOnce();
    const signed = async () => (await db.knex('audit_checkpoint').orderBy('tenant_id').select('tenant_id', 'sequence')).map((r: { tenant_id: string; sequence: string | number }) => [r.tenant_id, Number(r.sequence)]);
    expect(await signed()).toEqual([
      ['ACME_APAC', 1],
      ['ACME_EU', 2],
    ]);
    await checkpointer.runOnce();
    expect(await signed()).toHaveLength(2);
    expect(await log.verify('ACME_EU')).toMatchObject({ ok: true, checkpoint: { sequence: 2 } });
  });
});
