// Tampering by someone with the database owner's rights (triggers disabled first), and by someone
// who may only insert: what the signed checkpoints and the writer's marks find (migration
// 20261207130100), on PGlite and on PostgreSQL.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import { canonicalJson } from '../canonicalJson.js';
import type { Database } from '../createDatabase.js';
import { AuditKeys } from './AuditKeys.js';
import { KnexAuditLog } from './KnexAuditLog.js';

describe.each(engines)('audit checkpoints and writer marks on $name', ({ open }) => {
  let db: Database;
  let log: KnexAuditLog;
  beforeAll(async () => {
    db = await open();
    log = new KnexAuditLog(db.knex, db.auditKeys);
  });
  afterAll(() => db.close());

  const append = async (tenantId: string, n: number) => {
    for (let i = 1; i <= n; i++) {
      await db.transaction((tx) => log.append(tx, { tenantId, eventType: 'TaskClaimed', actor: `https://id.example|user-${i}`, payload: { n: i }, occurredAt: `2026-07-02T10:0${i}:00Z` }));
    }
  };
  const tamper = async (sql: (knex: Database['knex']) => Promise<unknown>) => {
    await db.knex.raw('alter table audit_event disable trigger user');
    try {
      await sql(db.knex);
    } finally {
      await db.knex.raw('alter table audit_event enable trigger user');
    }
  };
  const sequences = async (tenantId: string) => (await db.knex('audit_event').where({ tenant_id: tenantId }).orderBy('id').pluck<(string | number | null)[]>('sequence')).map((s) => (s === null ? null : Number(s)));

  it('signs the chain head once: a second checkpoint needs new events', async () => {
    await append('SIGNED', 3);
    const checkpoint = await log.checkpoint('SIGNED', () => '2026-07-02T11:00:00Z');
    expect(checkpoint).toMatchObject({ tenantId: 'SIGNED', sequence: 3, signedAt: '2026-07-02T11:00:00.000Z', keyId: db.auditKeys.keyId });
    expect(await log.checkpoint('SIGNED')).toBeUndefined();
    await append('SIGNED', 1);
    expect(await log.checkpoint('SIGNED')).toMatchObject({ sequence: 4 });
    expect(await log.verify('SIGNED')).toEqual({ ok: true, events: 4, checkpoint: expect.objectContaining({ sequence: 4 }) as unknown });
  });

  it('signs the head of every tenant that moved, in the periodic pass', async () => {
    await append('PERIODIC_A', 2);
    await append('PERIODIC_B', 1);
    const written = await log.checkpointAll();
    expect(written.filter((c) => c.tenantId.startsWith('PERIODIC_')).map((c) => [c.tenantId, c.sequence])).toEqual([
      ['PERIODIC_A', 2],
      ['PERIODIC_B', 1],
    ]);
    expect((await log.checkpointAll()).filter((c) => c.tenantId.startsWith('PERIODIC_'))).toEqual([]);
  });

  it('reports a truncated tail at the first removed sequence, and seals nothing into the gap', async () => {
    await append('TRUNCATED', 5);
    await log.checkpoint('TRUNCATED');
    await tamper((knex) => knex('audit_event').where({ tenant_id: 'TRUNCATED' }).where('sequence', '>=', 4).del());
    await append('TRUNCATED', 1);
    expect(await log.verify('TRUNCATED')).toMatchObject({ ok: false, events: 3, brokenAt: 4, findings: [{ code: 'TRUNCATED', sequence: 4 }] });
    // Sealing the new event as sequence 4 would hide the removal behind a re-used number.
    expect(await sequences('TRUNCATED')).toEqual([1, 2, 3, null]);
    expect(await log.checkpoint('TRUNCATED')).toBeUndefined();
  });

  it('reports the whole trail deleted', async () => {
    await append('WIPED', 2);
    await log.checkpoint('WIPED');
    await tamper((knex) => knex('audit_event').where({ tenant_id: 'WIPED' }).del());
    expect(await log.verify('WIPED')).toMatchObject({ ok: false, events: 0, brokenAt: 1, findings: [{ code: 'TRUNCATED', sequence: 1 }] });
  });

  interface Row {
    id: string | number;
    tenant_id: string;
    sequence: string | number;
    event_type: string;
    actor: string;
    payload: unknown;
    occurred_at: Date;
    prev_hash: string;
  }
  /** What anyone can compute: the hash needs no key. */
  const rehash = (prevHash: string, row: Row) =>
    createHash('sha256')
      .update(prevHash)
      .update(canonicalJson({ tenantId: row.tenant_id, sequence: Number(row.sequence), eventType: row.event_type, workItemId: null, businessObject: null, actor: row.actor, payload: row.payload, occurredAt: new Date(row.occurred_at).toISOString() }))
      .digest('hex');

  it('reports the last event edited and its hash recomputed, at its sequence', async () => {
    await append('REHASHED', 3);
    await log.checkpoint('REHASHED');
    await append('REHASHED', 1);
    await log.checkpoint('REHASHED');
    const last = (await db.knex<Row>('audit_event').where({ tenant_id: 'REHASHED', sequence: 4 }).first())!;
    const edited = { ...last, actor: 'mallory' };
    await tamper((knex) => knex('audit_event').where({ id: last.id }).update({ actor: 'mallory', hash: rehash(last.prev_hash, edited) }));
    // The chain alone still holds: only the signed head shows the rewrite.
    expect(await log.verify('REHASHED')).toMatchObject({ ok: false, events: 4, brokenAt: 4, findings: [{ code: 'REHASHED', sequence: 4 }], checkpoint: { sequence: 4 } });
  });

  it('cannot see a tail rewritten after the latest checkpoint left standing: an owner who also removes newer checkpoints goes unseen', async () => {
    await append('RESEALED', 2);
    await log.checkpoint('RESEALED');
    await append('RESEALED', 2);
    await log.checkpoint('RESEALED');
    // An owner can also drop the newer checkpoint (its table's triggers off too) and re-seal by hand.
    await tamper(async (knex) => {
      await knex.raw('alter table audit_checkpoint disable trigger user');
      await knex('audit_checkpoint').where({ tenant_id: 'RESEALED', sequence: 4 }).del();
      await knex.raw('alter table audit_checkpoint enable trigger user');
      await knex('audit_event').where({ tenant_id: 'RESEALED', sequence: 4 }).del();
    });
    await append('RESEALED', 1);
    await log.seal('RESEALED');
    expect(await sequences('RESEALED')).toEqual([1, 2, 3, 4]);
    // What it cannot remove is a checkpoint an outside verifier already holds; here the older one vouches for 1-2 only.
    expect(await log.verify('RESEALED')).toMatchObject({ ok: true, checkpoint: { sequence: 2 } });
  });

  it('leaves an inserted row unsealed, reports it, and still seals the runtime\'s events after it', async () => {
    await append('FORGED', 1);
    const [forged] = await db.knex('audit_event').insert({ tenant_id: 'FORGED', event_type: 'TaskDecisionSubmitted', actor: 'mallory', payload: JSON.stringify({ decision: 'APPROVE' }), occurred_at: '2026-07-02T10:05:00Z', writer_mark: `${'0'.repeat(32)}.${'0'.repeat(64)}` }).returning('id');
    await db.knex('audit_event').insert({ tenant_id: 'FORGED', event_type: 'TaskDecisionSubmitted', actor: 'mallory', payload: '{}', occurred_at: '2026-07-02T10:05:00Z' });
    await append('FORGED', 1);
    await log.seal('FORGED');
    expect(await sequences('FORGED')).toEqual([1, null, null, 2]);
    const report = await log.verify('FORGED');
    expect(report).toMatchObject({ ok: false, events: 2, reason: expect.stringContaining(String((forged as { id: number }).id)) as unknown });
    expect(report.ok === false && report.findings.map((f) => f.code)).toEqual(['UNSEALED_EVENT_NOT_WRITTEN_BY_RUNTIME', 'UNSEALED_EVENT_NOT_WRITTEN_BY_RUNTIME']);
  });

  it('refuses a copy of a genuine event, with its mark, in the database', async () => {
    await append('COPIED', 1);
    const { id, sequence, prev_hash, hash, sealed_at, ...content } = await db.knex('audit_event').where({ tenant_id: 'COPIED' }).first();
    void [id, sequence, prev_hash, hash, sealed_at];
    await expect(db.knex('audit_event').insert({ ...content, payload: JSON.stringify(content.payload) })).rejects.toThrow(/idx_audit_writer_mark/);
  });

  it('an edited unsealed event loses its mark: it is reported, not sealed', async () => {
    await tamper(async (knex) => {
      await db.transaction((tx) => log.append(tx, { tenantId: 'EDITED_UNSEALED', eventType: 'TaskClaimed', payload: { n: 1 }, occurredAt: '2026-07-02T10:00:00Z' }));
      await knex('audit_event').where({ tenant_id: 'EDITED_UNSEALED' }).update({ actor: 'mallory' });
    });
    expect(await log.verify('EDITED_UNSEALED')).toMatchObject({ ok: false, events: 0, findings: [{ code: 'UNSEALED_EVENT_NOT_WRITTEN_BY_RUNTIME' }] });
  });

  it('reports and ignores a checkpoint whose signature does not hold', async () => {
    await append('BAD_SIGNATURE', 2);
    const checkpoint = await log.checkpoint('BAD_SIGNATURE');
    await db.knex('audit_checkpoint').insert({ tenant_id: 'BAD_SIGNATURE', sequence: 9, hash: 'f'.repeat(64), signed_at: '2026-07-02T12:00:00Z', key_id: checkpoint!.keyId, signature: checkpoint!.signature });
    const report = await log.verify('BAD_SIGNATURE');
    expect(report).toMatchObject({ ok: false, events: 2, checkpoint: { sequence: 2 }, findings: [{ code: 'CHECKPOINT_SIGNATURE_INVALID', reason: expect.stringContaining('sequence 9') as unknown }] });
    expect(report).not.toHaveProperty('brokenAt');
    // The forged one neither blocks sealing nor takes the real one's place.
    await append('BAD_SIGNATURE', 1);
    expect(await log.checkpoint('BAD_SIGNATURE')).toMatchObject({ sequence: 3 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of checkpoints', async () => {
    await append('CHECKPOINT_ROWS', 1);
    await log.checkpoint('CHECKPOINT_ROWS');
    await expect(db.knex('audit_checkpoint').where({ tenant_id: 'CHECKPOINT_ROWS' }).update({ sequence: 0 })).rejects.toThrow(/append-only/);
    await expect(db.knex('audit_checkpoint').where({ tenant_id: 'CHECKPOINT_ROWS' }).del()).rejects.toThrow(/append-only/);
    await expect(db.knex.raw('truncate audit_checkpoint')).rejects.toThrow(/append-only/);
    expect(await db.knex('audit_checkpoint').where({ tenant_id: 'CHECKPOINT_ROWS' })).toHaveLength(1);
  });

  it('verifies old checkpoints after a key rotation only with the retired public key', async () => {
    await append('ROTATED', 1);
    await log.checkpoint('ROTATED');
    const next = AuditKeys.generate();
    const forgotten = new KnexAuditLog(db.knex, next);
    expect(await forgotten.verify('ROTATED')).toMatchObject({ ok: false, findings: [{ code: 'CHECKPOINT_SIGNATURE_INVALID' }] });
    const rotated = new KnexAuditLog(db.knex, AuditKeys.fromPem(next.privateKeyPem(), [db.auditKeys.publicKeyPem()]));
    expect(await rotated.verify('ROTATED')).toMatchObject({ ok: true, checkpoint: { sequence: 1, keyId: db.auditKeys.keyId } });
  });
});
