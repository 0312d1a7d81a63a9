// A database that drops the runtime's connection in the middle of a command: the caller gets 503
// problem+json with Retry-After (never a 500), nothing is written, the runtime keeps serving and
// the retry with the same Idempotency-Key decides. PostgreSQL only: PGlite runs inside the
// runtime's process and has no connection to lose.
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedDatabase } from '@mandate/store';
import { testApp } from '../../test-support/testApp.js';

const url = process.env.DATABASE_URL;

describe.runIf(url)('a connection the database terminates mid-command, on postgresql', () => {
  /** Every connection of this test's app carries it, so the test terminates its own backends and no other. */
  const applicationName = `mandate_lost_${randomBytes(6).toString('hex')}`;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp(() => createIsolatedDatabase(`${url}${url!.includes('?') ? '&' : '?'}application_name=${applicationName}`));
  });
  afterAll(() => t?.db.close());

  const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 };
  const quote = {
    taskType: 'DISCOUNT_APPROVAL',
    businessObject: { type: 'QUOTE', id: 'Q-LOST-1', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM' } },
    region: 'EMEA',
    productFamily: 'BROADBAND',
    evidence: { quoteId: 'Q-LOST-1', quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
  };

  it('the decision whose backend is terminated answers 503 with Retry-After and writes nothing; its retry decides once', async () => {
    const created = await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).send(quote);
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect((await request(t.app).post(`/work-items/${id}/claim`).set('Authorization', await t.token('dana'))).status).toBe(200);

    // Hold the item's row, so the decision's write waits on it; then terminate the waiting backend.
    const holder = await t.db.knex.transaction();
    await holder('work_item').where({ id }).forUpdate().select('id');
    const decision = request(t.app).post(`/work-items/${id}/decisions`).set('Authorization', await t.token('dana')).set('Idempotency-Key', 'lost-1').send(approve).then((r) => r);
    let terminated = 0;
    for (let waited = 0; terminated === 0 && waited < 200; waited++) {
      const { rows } = await t.db.knex.raw(`select pg_terminate_backend(pid) as gone from pg_stat_activity where datname = current_database() and application_name = ? and wait_event_type = 'Lock' and pid <> pg_backend_pid()`, [applicationName]);
      terminated = (rows as { gone: boolean }[]).filter((r) => r.gone).length;
      if (!terminated) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(terminated).toBe(1);
    const lost = await decision;
    await holder.rollback();

    expect(lost.status, lost.text).toBe(503);
    expect(lost.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(lost.headers['retry-after']).toBe('1');
    expect(lost.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(await t.db.knex('decision').where({ work_item_id: id })).toHaveLength(0);
    expect(await t.db.knex('idempotency_key').where({ key: `${id}:lost-1` })).toHaveLength(0);

    // The runtime keeps serving, and the retry with the same key decides, once.
    const retried = await request(t.app).post(`/work-items/${id}/decisions`).set('Authorization', await t.token('dana')).set('Idempotency-Key', 'lost-1').send(approve);
    expect(retried.status, retried.text).toBe(201);
    expect((await request(t.app).post(`/work-items/${id}/decisions`).set('Authorization', await t.token('dana')).set('Idempotency-Key', 'lost-1').send(approve)).text).toBe(retried.text);
    expect(await t.db.knex('decision').where({ work_item_id: id })).toHaveLength(1);
  });
});
