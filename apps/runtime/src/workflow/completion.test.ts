// Reconciliation of decided items, on PGlite and PostgreSQL: an item without a workflow is decided
// through the API, the relay settles its command (CLOSED: no workflow waits) and the runtime dies
// before completing the item. Reconciliation completes it, as it does a workflow item's.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/testApp.js';
import { workflowApp } from '../../test-support/workflowApp.js';

describe.each(engines)('reconciliation of decided items on $name', ({ open }) => {
  let t: Awaited<ReturnType<typeof workflowApp>>;
  beforeAll(async () => {
    t = await workflowApp(open);
  });
  afterAll(async () => {
    await t.workflow.stop();
    await t.db.close();
  });

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const quote = (id: string) => ({
    taskType: 'DISCOUNT_APPROVAL',
    businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM' } },
    region: 'EMEA',
    productFamily: 'BROADBAND',
    evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
  });
  const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 };

  it('completes an item without a workflow whose command was settled but whose completion was lost', async () => {
    const created = await request(t.app).post('/work-items').set(await as('rita')).send(quote('Q-REC-1'));
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('dana'));
    const decided = await request(t.app).post(`/work-items/${id}/decisions`).set(await as('dana')).send(approve);
    expect(decided.status, decided.text).toBe(201);
    // What the relay's settlement does, without the completion step that follows it (the runtime died in between).
    const settled = await t.db.knex('workflow_command_outbox').whereRaw(`payload->>'workItemId' = ?`, [id]).update({ status: 'CLOSED', note: 'no workflow waits for this work item' });
    expect(settled).toBe(1);
    expect((await request(t.app).get(`/work-items/${id}`).set(await as('dana'))).body.state).toBe('decided');

    expect((await t.workflow.reconcile()).completed).not.toContain(id); // within the grace period
    t.clock.now += 10 * 60_000;
    const result = await t.workflow.reconcile();
    expect(result).toMatchObject({ completed: [id], resent: [] });
    expect((await request(t.app).get(`/work-items/${id}`).set(await as('dana'))).body.state).toBe('completed');
    const audit = (await request(t.app).get(`/audit?workItemId=${id}`).set(await as('dana'))).body.events as { eventType: string; payload: Record<string, unknown> }[];
    expect(audit.filter((e) => e.eventType === 'TaskCompleted').map((e) => e.payload)).toEqual([expect.objectContaining({ workflow: 'NO_LONGER_WAITING', note: 'no workflow waits for this work item' })]);
    // Once completed, nothing is left to reconcile.
    expect(await t.workflow.reconcile()).toEqual({ completed: [], resent: [] });
  });
});
