// The audit trail through the API, tampered with by someone with the database owner's rights
// (triggers disabled first) or with insert rights only: the database refuses what it can, and
// GET /audit/verify names the rest at the right sequence. Who may sign a checkpoint on demand.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '@mandate/store';
import { engines, testApp } from '../../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const quote = {
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id: 'Q-2026-000918', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: 'Q-2026-000918', quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
};

interface AuditRow {
  id: string | number;
  tenant_id: string;
  sequence: string | number;
  event_type: string;
  work_item_id: string | null;
  business_object_type: string | null;
  business_object_id: string | null;
  actor: string | null;
  payload: unknown;
  occurred_at: Date;
  prev_hash: string;
}

/** What anyone can recompute: the chain's hash is plain SHA-256, with no key. */
const rehash = (row: AuditRow) =>
  createHash('sha256')
    .update(row.prev_hash)
    .update(
      canonicalJson({
        tenantId: row.tenant_id,
        sequence: Number(row.sequence),
        eventType: row.event_type,
        workItemId: row.work_item_id,
        businessObject: row.business_object_type && row.business_object_id ? { type: row.business_object_type, id: row.business_object_id } : null,
        actor: row.actor,
        payload: row.payload,
        occurredAt: new Date(row.occurred_at).toISOString(),
      }),
    )
    .digest('hex');

describe.each(engines)('audit tampering through the API on $name', ({ open }) => {
  let t: App;
  beforeEach(async () => {
    t = await testApp(open);
  });
  afterEach(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  /** One work item: its creation writes audit events through the runtime. */
  const createItem = async () => {
    const res = await request(t.app).post('/work-items').set(await as('rita')).send(quote);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string };
  };
  const checkpoint = async (user = 'gabe') => request(t.app).post('/audit/checkpoints').set(await as(user)).send({});
  const verify = async () => (await request(t.app).get('/audit/verify').set(await as('aude'))).body as Record<string, unknown>;
  const head = async () => Number((await t.db.knex('audit_event').where({ tenant_id: 'ACME_EU' }).max('sequence as n').first())?.n ?? 0);
  const asOwnerWithoutTriggers = async (sql: () => Promise<unknown>) => {
    await t.db.knex.raw('alter table audit_event disable trigger user');
    try {
      await sql();
    } finally {
      await t.db.knex.raw('alter table audit_event enable trigger user');
    }
  };

  it('signs on demand for governance admins and services, never for auditors or other people', async () => {
    await createItem();
    expect((await checkpoint('aude')).body).toMatchObject({ status: 403, code: 'AUDITOR_READ_ONLY' });
    expect((await checkpoint('rita')).body).toMatchObject({ status: 403, code: 'AUDIT_CHECKPOINT_WRITER_REQUIRED' });
    expect((await request(t.app).post('/audit/checkpoints').send({})).status).toBe(401);
    // It takes no input: a head to sign cannot be given, only read.
    expect((await request(t.app).post('/audit/checkpoints').set(await as('gabe')).send({ sequence: 1, hash: 'x' })).body).toMatchObject({ status: 400 });
    expect(Number((await t.db.knex('audit_checkpoint').count('* as n').first())?.n)).toBe(0);
    const created = await checkpoint('gabe');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ created: true, checkpoint: { tenantId: 'ACME_EU', sequence: await head(), keyId: t.db.auditKeys.keyId } });
    const again = await checkpoint('oms');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: false, checkpoint: created.body.checkpoint as unknown });
    expect(await verify()).toMatchObject({ ok: true, checkpoint: { sequence: await head() } });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit events', async () => {
    await createItem();
    await verify(); // sealed
    const before = await t.db.knex('audit_event').orderBy('id');
    await expect(t.db.knex('audit_event').where({ sequence: 1 }).update({ actor: 'mallory' })).rejects.toThrow(/append-only/);
    await expect(t.db.knex('audit_event').where({ sequence: 1 }).del()).rejects.toThrow(/append-only/);
    await expect(t.db.knex.raw('truncate audit_event')).rejects.toThrow(/append-only/);
    expect(await t.db.knex('audit_event').orderBy('id')).toEqual(before);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names a truncated tail at its first removed sequence', async () => {
    await createItem();
    await createItem();
    expect((await checkpoint()).status).toBe(201);
    const last = await head();
    await asOwnerWithoutTriggers(() => t.db.knex('audit_event').where({ tenant_id: 'ACME_EU', sequence: last }).del());
    await createItem(); // the sealer must not hand the removed number to this one
    expect(await verify()).toMatchObject({ ok: false, events: last - 1, brokenAt: last, findings: [{ code: 'TRUNCATED', sequence: last }] });
  });

  it('names the last event edited with its hash recomputed', async () => {
    await createItem();
    expect((await checkpoint()).status).toBe(201);
    await createItem();
    expect((await checkpoint()).status).toBe(201);
    const last = await head();
    const row = (await t.db.knex<AuditRow>('audit_event').where({ tenant_id: 'ACME_EU', sequence: last }).first())!;
    await asOwnerWithoutTriggers(() => t.db.knex('audit_event').where({ id: row.id }).update({ actor: 'mallory', hash: rehash({ ...row, actor: 'mallory' }) }));
    expect(await verify()).toMatchObject({ ok: false, brokenAt: last, findings: [{ code: 'REHASHED', sequence: last }] });
  });

  it('never seals a row inserted with SQL, and names it', async () => {
    await createItem();
    const [forged] = await t.db.knex('audit_event').insert({ tenant_id: 'ACME_EU', event_type: 'TaskDecisionSubmitted', actor: 'mallory', payload: JSON.stringify({ decision: 'APPROVE' }), occurred_at: '2026-07-02T08:00:00Z' }).returning('id');
    await createItem();
    const report = await verify();
    expect(report).toMatchObject({ ok: false, findings: [{ code: 'UNSEALED_EVENT_NOT_WRITTEN_BY_RUNTIME', eventId: String((forged as { id: string | number }).id) }] });
    expect(await t.db.knex('audit_event').where({ id: (forged as { id: string | number }).id }).first('sequence')).toEqual({ sequence: null });
  });
});
