// Who reads a process instance, on PGlite and PostgreSQL. Process variables carry evidence the
// visibility policy hides (the quote's margin), so the raw instance is for services and workflow
// operators; a case worker reads the work item, projected for her, and gets 403 here.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/testApp.js';
import { quoteVariables, workflowApp } from '../../test-support/workflowApp.js';

type App = Awaited<ReturnType<typeof workflowApp>>;

describe.each(engines)('process instance access on $name', ({ open }) => {
  let t: App;
  let processInstanceId: string;
  beforeAll(async () => {
    t = await workflowApp(open);
    const started = await request(t.app).post('/processes/quote-approval/instances').set(await as('cpq')).send({ variables: quoteVariables('Q-PIA-1') });
    expect(started.status, started.text).toBe(201);
    processInstanceId = started.body.processInstanceId as string;
    await t.workflow.embedded.whenIdle();
  });
  afterAll(async () => {
    await t.workflow.stop();
    await t.db.close();
  });

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const read = async (user: string, id = processInstanceId) => request(t.app).get(`/processes/quote-approval/instances/${id}`).set(await as(user));

  it('a case worker gets 403 PROCESS_INSTANCE_NOT_READABLE, for a real id and a made-up one alike; the hidden margin is never in the answer', async () => {
    for (const user of ['dana', 'rita', 'sam']) {
      const res = await read(user);
      expect(res.status, res.text).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 403, code: 'PROCESS_INSTANCE_NOT_READABLE' });
      expect(res.text).not.toContain('marginImpactPercent');
    }
    // No probing: an id that does not exist gets the same answer.
    expect((await read('dana', randomUUID())).body).toMatchObject({ status: 403, code: 'PROCESS_INSTANCE_NOT_READABLE' });
    // Her way to the evidence is the work item, projected through its visibility policy.
    const items = (await request(t.app).get('/work-items?businessObjectId=Q-PIA-1').set(await as('rita'))).body.items as { callerRef: { processInstanceId: string } }[];
    expect(items).toMatchObject([{ callerRef: { processInstanceId } }]);
  });

  it('a service and a workflow operator read the instance raw', async () => {
    for (const user of ['cpq', 'olga']) {
      const res = await read(user);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ processInstanceId, processKey: 'quote-approval', status: 'RUNNING', variables: { quoteId: 'Q-PIA-1', marginImpactPercent: -4.2 }, waitingTasks: [{ activityId: 'approve-discount' }] });
    }
    // The key in the path must be the instance's process.
    expect((await request(t.app).get(`/processes/order-fulfilment/instances/${processInstanceId}`).set(await as('cpq'))).body).toMatchObject({ status: 404, code: 'PROCESS_INSTANCE_NOT_FOUND' });
  });

  it('a person who starts a process gets a receipt without the variables', async () => {
    const res = await request(t.app).post('/processes/quote-approval/instances').set(await as('rita')).send({ variables: quoteVariables('Q-PIA-2') });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ processInstanceId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string, processKey: 'quote-approval', status: 'RUNNING', createdAt: expect.any(String) as string });
    expect(res.text).not.toContain('marginImpactPercent');
    await t.workflow.embedded.whenIdle();
  });
});
