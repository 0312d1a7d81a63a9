// Tenants in the workflow round trip, on PGlite and PostgreSQL: an item of another tenant bound to
// this tenant's activation (a service there copied its callerRef) neither continues nor cancels
// anything here, and this tenant's process ending does not touch the other tenant's item.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerRef } from '@mandate/workflow';
import type { Principal } from '../identity/Principal.js';
import { engines } from '../../test-support/testApp.js';
import { quoteVariables, workflowApp } from '../../test-support/workflowApp.js';
import { WorkItemCommands } from '../workItems/WorkItemCommands.js';

type App = Awaited<ReturnType<typeof workflowApp>>;

/** A domain service of the other tenant. */
const apacService: Principal = { id: 'apac-cpq', issuer: 'urn:test', name: 'APAC quote service', roles: ['SERVICE'], groups: [], tenant: 'ACME_APAC' };

describe.each(engines)('workflow tenant isolation on $name', ({ open }) => {
  let t: App;
  let service: WorkItemCommands;
  beforeAll(async () => {
    t = await workflowApp(open);
    service = new WorkItemCommands(t.stores, t.registry, () => new Date(t.clock.now));
  });
  afterAll(async () => {
    await t.workflow.stop();
    await t.db.close();
  });

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  /** An EU process waiting on its approval, and its item's caller reference. */
  const euActivation = async (quoteId: string) => {
    const started = await request(t.app).post('/processes/quote-approval/instances').set(await as('cpq')).send({ variables: quoteVariables(quoteId) });
    expect(started.status, started.text).toBe(201);
    await t.workflow.embedded.whenIdle();
    const items = (await request(t.app).get(`/work-items?businessObjectId=${quoteId}`).set(await as('dana'))).body.items as { id: string; callerRef: CallerRef }[];
    expect(items).toHaveLength(1);
    return { processInstanceId: started.body.processInstanceId as string, item: items[0]! };
  };
  /** The other tenant's item, bound to the same activation. */
  const apacCopy = (quoteId: string, callerRef: CallerRef) =>
    service.create(apacService, {
      taskType: 'DISCOUNT_APPROVAL',
      businessObject: { type: 'QUOTE', id: quoteId, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 42000, currency: 'EUR' } },
      region: 'APAC',
      productFamily: 'BROADBAND',
      requestedBy: 'rita',
      evidence: { quoteId, quoteRevision: 3, requestedDiscountPercent: 12, standardLimitPercent: 25 },
      callerRef,
    });

  it("a decision in another tenant on an item bound to this tenant's activation does not continue this tenant's process", async () => {
    const { processInstanceId, item } = await euActivation('Q-TI-1');
    const copy = await apacCopy('Q-TI-1', item.callerRef);
    expect(copy).toMatchObject({ tenantId: 'ACME_APAC', callerRef: item.callerRef });
    expect((await request(t.app).post(`/work-items/${copy.id}/claim`).set(await as('raj'))).status).toBe(200);
    const decided = await request(t.app).post(`/work-items/${copy.id}/decisions`).set(await as('raj')).send({ decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Renewal.', acknowledged: true, expectedBusinessObjectVersion: 12 });
    expect(decided.status, decided.text).toBe(201);

    await t.workflow.relay.runOnce();
    await t.workflow.embedded.whenIdle();
    // The engine answered the other tenant's command as if the instance did not exist.
    const command = await t.db.knex('workflow_command_outbox').where({ tenant_id: 'ACME_APAC' }).first();
    expect(command).toMatchObject({ status: 'CLOSED' });
    expect(String(command.note)).toContain('does not exist in tenant ACME_APAC');
    const instance = (await request(t.app).get(`/processes/quote-approval/instances/${processInstanceId}`).set(await as('cpq'))).body as { status: string; waitingTasks: { taskId: string }[]; variables: Record<string, unknown> };
    expect(instance).toMatchObject({ status: 'RUNNING', waitingTasks: [{ taskId: item.callerRef.taskId }] });
    expect(instance.variables).not.toHaveProperty('decision');
    expect((await request(t.app).get(`/work-items/${item.id}`).set(await as('dana'))).body).toMatchObject({ state: 'available' });
  });

  it("this tenant's process ending cancels its own item, not the other tenant's item with the same callerRef", async () => {
    const { processInstanceId, item } = await euActivation('Q-TI-2');
    const copy = await apacCopy('Q-TI-2', item.callerRef);
    expect(await t.workflow.embedded.cancelInstance(processInstanceId)).toBe(true);
    await t.workflow.embedded.whenIdle();
    expect((await request(t.app).get(`/work-items/${item.id}`).set(await as('dana'))).body).toMatchObject({ state: 'cancelled', outcomeReason: 'CANCELLED_PROCESS_ENDED' });
    expect((await request(t.app).get(`/work-items/${copy.id}`).set(await as('raj'))).body).toMatchObject({ tenantId: 'ACME_APAC', state: 'available' });
  });
});
