// The workflow round trip end to end, on PGlite and PostgreSQL: a BPMN process started through the
// API waits on a user task; the work item appears with mapped evidence; a person claims and decides
// through the API; the outbox relay completes the user task; the process reaches the end event the
// decision routes to, with the output variables.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/testApp.js';
import { orderVariables, quoteVariables, workflowApp } from '../../test-support/workflowApp.js';

type App = Awaited<ReturnType<typeof workflowApp>>;

describe.each(engines)('workflow round trip on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await workflowApp(open);
  });
  afterAll(async () => {
    await t.workflow.stop();
    await t.db.close();
  });

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const start = async (key: string, variables: Record<string, unknown>, user = 'rita') => {
    const res = await request(t.app).post(`/processes/${key}/instances`).set(await as(user)).send({ variables });
    expect(res.status, res.text).toBe(201);
    await t.workflow.embedded.whenIdle();
    return res.body as { processInstanceId: string; status: string };
  };
  const itemOf = async (businessObjectId: string, user: string) => {
    const res = await request(t.app).get(`/work-items?businessObjectId=${businessObjectId}`).set(await as(user));
    expect(res.body.items, res.text).toHaveLength(1);
    return res.body.items[0] as { id: string; state: string; evidence: Record<string, unknown>; callerRef: Record<string, string>; title: string; taskType: string; taskTypeVersion: number };
  };
  const instance = async (key: string, id: string) => (await request(t.app).get(`/processes/${key}/instances/${id}`).set(await as('cpq'))).body as { status: string; endEventId?: string; variables: Record<string, unknown> };

  it('quote approval: start, work item with mapped evidence, claim, approve, the relay completes the task, the process ends approved', async () => {
    const { processInstanceId } = await start('quote-approval', quoteVariables('Q-RT-1'));
    expect(await instance('quote-approval', processInstanceId)).toMatchObject({ status: 'RUNNING' });
    const item = await itemOf('Q-RT-1', 'dana');
    expect(item).toMatchObject({ taskType: 'DISCOUNT_APPROVAL', state: 'available', title: 'Approve 32% discount on Q-RT-1', callerRef: { engine: 'embedded', processKey: 'quote-approval', processInstanceId, activityId: 'approve-discount' } });
    expect(item.evidence).toMatchObject({ quoteId: 'Q-RT-1', requestedDiscountPercent: 32, pricingResultId: 'price-771' });
    // The same activation reported again (a restart resumes it) finds the same item.
    await t.workflow.embedded.resumeAll();
    await t.workflow.embedded.whenIdle();
    await itemOf('Q-RT-1', 'dana');

    expect((await request(t.app).post(`/work-items/${item.id}/claim`).set(await as('dana'))).status).toBe(200);
    const decided = await request(t.app).post(`/work-items/${item.id}/decisions`).set(await as('dana')).send({ decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 });
    expect(decided.status, decided.text).toBe(201);
    // Nothing moves in the process before the relay runs: the decision committed first.
    expect(await instance('quote-approval', processInstanceId)).toMatchObject({ status: 'RUNNING' });

    expect(await t.workflow.relay.runOnce()).toMatchObject({ sent: 1 });
    await t.workflow.embedded.whenIdle();
    const ended = await instance('quote-approval', processInstanceId);
    expect(ended).toMatchObject({ status: 'COMPLETED', endEventId: 'quote-approved' });
    expect(ended.variables).toMatchObject({ decision: 'APPROVE', approvalStatus: 'APPROVED', approvalReasonCode: 'STRATEGIC_CUSTOMER_RETENTION', approvalDecidedBy: 'dana', approvalWorkItemId: item.id });
    expect((await request(t.app).get(`/work-items/${item.id}`).set(await as('dana'))).body.state).toBe('completed');
    // A second pass sends nothing twice.
    expect(await t.workflow.relay.runOnce()).toMatchObject({ sent: 0 });
  });

  it('order fulfilment: an unknown reservation outcome becomes a fallout item; reconcile, confirm, the order is fulfilled', async () => {
    const { processInstanceId } = await start('order-fulfilment', orderVariables('ORD-RT-1'), 'oms');
    const item = await itemOf('ORD-RT-1', 'olga');
    expect(item).toMatchObject({ taskType: 'INVENTORY_RESERVATION_UNKNOWN_OUTCOME', taskTypeVersion: 3, callerRef: { activityId: 'resolve-reservation-unknown' } });
    expect(item.evidence).toMatchObject({ correlationId: 'inv-req-119', reconciliation: { status: 'NOT_STARTED' } });
    await request(t.app).post(`/work-items/${item.id}/claim`).set(await as('olga'));
    const reconciled = await request(t.app).post(`/work-items/${item.id}/actions/RUN_RECONCILIATION`).set(await as('olga')).send({ evidence: { reconciliation: { status: 'COMPLETED', result: 'FOUND', externalReference: 'RSV-88120' } } });
    expect(reconciled.status, reconciled.text).toBe(201);
    const decided = await request(t.app).post(`/work-items/${item.id}/decisions`).set(await as('olga')).send({ decision: 'CONFIRM_RESERVED', reasonCode: 'RESERVATION_FOUND_BY_RECONCILIATION', acknowledged: true, expectedBusinessObjectVersion: 7 });
    expect(decided.status, decided.text).toBe(201);
    await t.workflow.relay.runOnce();
    await t.workflow.embedded.whenIdle();
    const ended = await instance('order-fulfilment', processInstanceId);
    expect(ended).toMatchObject({ status: 'COMPLETED', endEventId: 'order-fulfilled' });
    expect(ended.variables).toMatchObject({ decision: 'CONFIRM_RESERVED', falloutDecidedBy: 'olga' });
  });

  it('a person who starts a process is its items\' requester, whatever the variables name: four-eyes holds; a service\'s start keeps the mapping', async () => {
    // dana starts an approval of rita's quote naming rita as the sales rep (and a forged startedBy).
    await start('quote-approval', { ...quoteVariables('Q-RT-3'), startedBy: 'rita', startedByService: true }, 'dana');
    const own = await itemOf('Q-RT-3', 'dana');
    expect((await request(t.app).get(`/work-items/${own.id}`).set(await as('dana'))).body.requestedBy).toBe('dana');
    await request(t.app).post(`/work-items/${own.id}/claim`).set(await as('dana'));
    const refused = await request(t.app).post(`/work-items/${own.id}/decisions`).set(await as('dana')).send({ decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 });
    expect(refused.body).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });
    // The CPQ side (a service) starts it for rita: rita is the requester.
    await start('quote-approval', quoteVariables('Q-RT-4'), 'cpq');
    const forRita = await itemOf('Q-RT-4', 'dana');
    expect((await request(t.app).get(`/work-items/${forRita.id}`).set(await as('dana'))).body.requestedBy).toBe('rita');
  });

  it('an inline binding\'s mandate.expiresIn gives the item its expiry; the scheduler expires it and the process moves on', async () => {
    t.clock.now = Date.parse('2026-07-02T08:00:00Z');
    const { processInstanceId } = await start('order-fulfilment', orderVariables('ORD-RT-2'), 'oms');
    const fallout = await itemOf('ORD-RT-2', 'olga');
    await request(t.app).post(`/work-items/${fallout.id}/claim`).set(await as('olga'));
    const escalated = await request(t.app).post(`/work-items/${fallout.id}/decisions`).set(await as('olga')).send({ decision: 'ESCALATE_TO_INVENTORY_OPS', reasonCode: 'EXTERNAL_SYSTEM_OUTAGE', comment: 'INV-CORE query API is down.', expectedBusinessObjectVersion: 7 });
    expect(escalated.status, escalated.text).toBe(201);
    await t.workflow.relay.runOnce();
    await t.workflow.embedded.whenIdle();
    const review = (await request(t.app).get('/work-items?businessObjectId=ORD-RT-2&status=available').set(await as('olga'))).body.items as { id: string; callerRef: { activityId: string }; expiresAt: string }[];
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({ callerRef: { activityId: 'inventory-ops-review' }, expiresAt: '2026-07-02T12:00:00.000Z' }); // PT4H
    t.clock.now = Date.parse('2026-07-02T12:00:01Z');
    expect((await t.workflow.scheduler.runOnce()).expired).toEqual([review[0]!.id]);
    expect(await t.workflow.relay.runOnce()).toMatchObject({ sent: 1 });
    await t.workflow.embedded.whenIdle();
    const after = await instance('order-fulfilment', processInstanceId);
    expect(after.variables).toMatchObject({ mandateOutcome: 'EXPIRED', decision: null });
    expect(after.status).not.toBe('FAILED');
  });

  it('a process cancelled while its user task waits cancels the work item', async () => {
    const { processInstanceId } = await start('quote-approval', quoteVariables('Q-RT-2'));
    const item = await itemOf('Q-RT-2', 'dana');
    // The process is cancelled before the decision reaches it: the item is cancelled with it.
    const cancelled = await t.workflow.embedded.cancelInstance(processInstanceId);
    expect(cancelled).toBe(true);
    await t.workflow.embedded.whenIdle();
    expect((await request(t.app).get(`/work-items/${item.id}`).set(await as('dana'))).body).toMatchObject({ state: 'cancelled', outcomeReason: 'CANCELLED_PROCESS_ENDED' });
  });
});
