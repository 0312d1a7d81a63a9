// Faults at the Camunda 7 boundary, against the REST double, on PGlite and PostgreSQL: a decision
// made while the engine is down is recorded and delivered once the engine is back; three relay
// instances over one outbox complete every task exactly once, counted at the engine.
import { Camunda7Port, OutboxRelay, commandRouter, toCamundaVariables, type CallerRef } from '@mandate/workflow';
import { camunda7Double, type Camunda7Double } from '@mandate/workflow/test-support';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/testApp.js';
import { workflowApp } from '../../test-support/workflowApp.js';
import type { Principal } from '../identity/Principal.js';
import { WorkItemCommands } from '../workItems/WorkItemCommands.js';

type App = Awaited<ReturnType<typeof workflowApp>>;

const quote = (quoteId: string) =>
  toCamundaVariables({
    quoteId,
    quoteVersion: 12,
    quoteRevision: 3,
    salesRepId: 'rita',
    customerName: 'Acme Manufacturing',
    customerTier: 'GOLD',
    totalAmount: 90000,
    currency: 'EUR',
    regulatoryRisk: false,
    requestedDiscountPercent: 30,
    standardLimitPercent: 25,
    marginImpactPercent: -2.5,
    pricingResultId: `price-${quoteId}`,
    region: 'EMEA',
    productFamily: 'BROADBAND',
  });
const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Retention.', acknowledged: true, expectedBusinessObjectVersion: 12 };

describe.each(engines)('Camunda 7 faults on $name', ({ name, open }) => {
  let t: App;
  let camunda: Camunda7Double;
  let port: Camunda7Port;
  beforeAll(async () => {
    camunda = camunda7Double({ processes: { 'quote-approval': { userTasks: ['approve-discount'] } } });
    port = new Camunda7Port({ baseUrl: await camunda.listen(), timeoutMs: 2_000 });
    t = await workflowApp(open, { camunda: { port, processKeys: ['quote-approval'], tenantId: 'ACME_EU' } });
  });
  afterAll(async () => {
    await t.workflow.stop();
    await t.db.close();
    await camunda.close();
  });

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  /** Starts a Camunda instance, polls its task into a work item, and decides it as dana. */
  const decidedInCamunda = async (quoteId: string) => {
    const instance = camunda.startProcess('quote-approval', quote(quoteId));
    await t.workflow.poller!.pollOnce();
    const items = (await request(t.app).get(`/work-items?businessObjectId=${quoteId}`).set(await as('dana'))).body.items as { id: string; callerRef: { taskId: string } }[];
    expect(items).toHaveLength(1);
    const item = items[0]!;
    await request(t.app).post(`/work-items/${item.id}/claim`).set(await as('dana'));
    const decided = await request(t.app).post(`/work-items/${item.id}/decisions`).set(await as('dana')).send(approve);
    expect(decided.status, decided.text).toBe(201);
    return { instance, item, taskId: item.callerRef.taskId };
  };

  it('a Camunda task becomes one work item however often it is polled', async () => {
    camunda.startProcess('quote-approval', quote('Q-CF-0'));
    const first = await t.workflow.poller!.pollOnce();
    const second = await t.workflow.poller!.pollOnce();
    expect(second).toEqual(first);
    const items = (await request(t.app).get('/work-items?businessObjectId=Q-CF-0').set(await as('dana'))).body.items as { callerRef: { engine: string; activityId: string } }[];
    expect(items).toMatchObject([{ callerRef: { engine: 'camunda7', activityId: 'approve-discount' } }]);
  });

  it('engine unavailable at decision time: the decision is recorded, and completed once the engine is back', async () => {
    const { instance, item, taskId } = await decidedInCamunda('Q-CF-1');
    camunda.faults.failNext(2, { match: { path: /\/task\/[^/]+\/complete$/ } });
    expect(await t.workflow.relay.runOnce()).toMatchObject({ retried: 1, sent: 0 });
    expect((await request(t.app).get(`/work-items/${item.id}`).set(await as('dana'))).body.state).toBe('decided');
    expect(await t.db.knex('decision').where({ work_item_id: item.id, status: 'EFFECTIVE' })).toHaveLength(1);
    for (let i = 0; i < 4 && camunda.completionsApplied(taskId) === 0; i++) {
      t.clock.now += 1_000;
      await t.workflow.relay.runOnce();
    }
    expect(camunda.completionsApplied(taskId)).toBe(1);
    expect(camunda.processInstance(instance.id)?.state).toBe('COMPLETED');
    expect(camunda.variables(instance.id)).toMatchObject({ approvalStatus: { value: 'APPROVED' }, decision: { value: 'APPROVE' } });
    expect((await request(t.app).get(`/work-items/${item.id}`).set(await as('dana'))).body.state).toBe('completed');
  });

  it('a lost response is detected at the engine, not guessed: the task is completed once', async () => {
    const { taskId } = await decidedInCamunda('Q-CF-2');
    camunda.faults.dropNextResponse({ match: { path: /\/task\/[^/]+\/complete$/ } });
    await t.workflow.relay.runOnce();
    t.clock.now += 1_000;
    await t.workflow.relay.runOnce();
    expect(camunda.completeRequests(taskId)).toBeGreaterThanOrEqual(1);
    expect(camunda.completionsApplied(taskId)).toBe(1);
  });

  it('someone else completed the task in Camunda: an operator incident, not a silent close', async () => {
    const { item, taskId } = await decidedInCamunda('Q-CF-3');
    camunda.completeTaskOutOfBand(taskId, { assignee: 'someone-in-tasklist' });
    await t.workflow.relay.runOnce();
    const incidents = (await request(t.app).get('/work-items?taskType=WORKFLOW_COMMAND_INCIDENT').set(await as('olga'))).body.items as { evidence: Record<string, unknown> }[];
    expect(incidents.some((i) => i.evidence.workItemId === item.id && i.evidence.kind === 'INCIDENT')).toBe(true);
  });

  it('a command dead-lettered after its last attempt becomes an incident item; its RETRY_COMMAND decision sends it again, once', async () => {
    const { item, taskId } = await decidedInCamunda('Q-CF-4');
    camunda.faults.failNext(3, { match: { path: /\/task\/[^/]+\/complete$/ } });
    for (let i = 0; i < 3; i++) {
      await t.workflow.relay.runOnce();
      t.clock.now += 1_000;
    }
    const [command] = await t.db.knex('workflow_command_outbox').where({ command_type: 'COMPLETE_TASK' }).whereRaw(`payload->>'workItemId' = ?`, [item.id]);
    expect(command).toMatchObject({ status: 'FAILED', attempt_count: 3 });
    const incidents = (await request(t.app).get(`/work-items?taskType=WORKFLOW_COMMAND_INCIDENT&businessObjectId=${command.id}`).set(await as('olga'))).body.items as { id: string; evidence: Record<string, unknown> }[];
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.evidence).toMatchObject({ kind: 'DEAD_LETTER', commandId: command.id, workItemId: item.id, attempts: 3, engine: 'camunda7' });
    const incident = incidents[0]!.id;
    await request(t.app).post(`/work-items/${incident}/claim`).set(await as('olga'));
    const retry = await request(t.app).post(`/work-items/${incident}/decisions`).set(await as('olga')).send({ decision: 'RETRY_COMMAND', reasonCode: 'ENGINE_RECOVERED', expectedBusinessObjectVersion: 3 });
    expect(retry.status, retry.text).toBe(201);
    await t.workflow.relay.runOnce(); // the incident's own command: requeues the dead letter
    await t.workflow.relay.runOnce(); // the dead letter, sent again
    expect(camunda.completionsApplied(taskId)).toBe(1);
    expect((await request(t.app).get(`/work-items/${item.id}`).set(await as('dana'))).body.state).toBe('completed');
  });

  it('reconciliation re-sends a decision whose command never reached the engine, and completes an item whose completion step was lost', async () => {
    const lost = await decidedInCamunda('Q-CF-5');
    // The command is gone (restored from an old backup, say): the decision is not reflected in the process.
    await t.db.knex('workflow_command_outbox').whereRaw(`payload->>'workItemId' = ?`, [lost.item.id]).del();
    expect(await t.workflow.reconcile()).toMatchObject({ resent: [] }); // within the grace period
    t.clock.now += 10 * 60_000;
    expect((await t.workflow.reconcile()).resent).toContain(lost.item.id);
    await t.workflow.relay.runOnce();
    expect(camunda.completionsApplied(lost.taskId)).toBe(1);
    expect((await request(t.app).get(`/work-items/${lost.item.id}`).set(await as('dana'))).body.state).toBe('completed');

    const settled = await decidedInCamunda('Q-CF-6');
    await t.workflow.relay.runOnce();
    // The engine took it, but the item stayed `decided` (the runtime died before its completion step).
    await t.db.knex('work_item').where({ id: settled.item.id }).update({ state: 'decided' });
    t.clock.now += 10 * 60_000;
    expect((await t.workflow.reconcile()).completed).toContain(settled.item.id);
    expect(camunda.completionsApplied(settled.taskId)).toBe(1);
    expect((await request(t.app).get(`/work-items/${settled.item.id}`).set(await as('dana'))).body.state).toBe('completed');
  });

  it.skipIf(name !== 'postgresql')('three relay instances over one outbox: every task completed exactly once, counted at the engine', async () => {
    const tasks: string[] = [];
    for (let i = 0; i < 24; i++) tasks.push((await decidedInCamunda(`Q-CF-M${i}`)).taskId);
    const relays = ['a', 'b', 'c'].map(
      (owner) => new OutboxRelay({ stores: t.stores, ports: [port], owner, batchSize: 4, clock: () => new Date(t.clock.now), route: commandRouter(t.stores, (ref, decision) => t.workflow.bridge.outputVariables(ref, decision)) }),
    );
    camunda.faults.delay(20, { match: { path: /\/task\/[^/]+\/complete$/ } });
    for (let round = 0; round < 5; round++) await Promise.all(relays.map((r) => r.runOnce()));
    camunda.faults.clear();
    expect(tasks.map((id) => camunda.completionsApplied(id))).toEqual(tasks.map(() => 1));
    expect(tasks.map((id) => camunda.completeRequests(id))).toEqual(tasks.map(() => 1));
  });

  it("an item of another tenant bound to this tenant's Camunda task (a copied callerRef): its decision is closed, never sent to Camunda", async () => {
    camunda.startProcess('quote-approval', quote('Q-CF-T'));
    await t.workflow.poller!.pollOnce();
    const [eu] = (await request(t.app).get('/work-items?businessObjectId=Q-CF-T').set(await as('dana'))).body.items as { id: string; callerRef: CallerRef }[];
    const apacService: Principal = { id: 'apac-cpq', issuer: 'urn:test', name: 'APAC quote service', roles: ['SERVICE'], groups: [], tenant: 'ACME_APAC' };
    const copy = await new WorkItemCommands(t.stores, t.registry, () => new Date(t.clock.now)).create(apacService, {
      taskType: 'DISCOUNT_APPROVAL',
      businessObject: { type: 'QUOTE', id: 'Q-CF-T', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 42000, currency: 'EUR' } },
      region: 'APAC',
      productFamily: 'BROADBAND',
      requestedBy: 'rita',
      evidence: { quoteId: 'Q-CF-T', quoteRevision: 3, requestedDiscountPercent: 12, standardLimitPercent: 25 },
      callerRef: eu!.callerRef,
    });
    await request(t.app).post(`/work-items/${copy.id}/claim`).set(await as('raj'));
    const decided = await request(t.app).post(`/work-items/${copy.id}/decisions`).set(await as('raj')).send(approve);
    expect(decided.status, decided.text).toBe(201);
    await t.workflow.relay.runOnce();
    const command = await t.db.knex('workflow_command_outbox').where({ tenant_id: 'ACME_APAC', task_id: eu!.callerRef.taskId }).first();
    expect(command).toMatchObject({ status: 'CLOSED', note: 'no Camunda 7 task or process of tenant ACME_APAC' });
    expect(camunda.completeRequests(eu!.callerRef.taskId)).toBe(0);
    expect((await request(t.app).get(`/work-items/${eu!.id}`).set(await as('dana'))).body.state).toBe('available');
  });
});
