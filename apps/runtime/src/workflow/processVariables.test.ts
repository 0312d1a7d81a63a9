// Process variables the embedded engine cannot take are the caller's mistake, on PGlite and
// PostgreSQL: a start with a name bpmn-engine reserves (`content`, `fields`, `properties`) is a 400
// problem INVALID_PROCESS_VARIABLES (it was a 500), and starts nothing.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/testApp.js';
import { quoteVariables, workflowApp } from '../../test-support/workflowApp.js';

type App = Awaited<ReturnType<typeof workflowApp>>;

describe.each(engines)('process variables on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await workflowApp(open);
  });
  afterAll(async () => {
    await t.workflow.stop();
    await t.db.close();
  });

  const count = async (table: string) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0);

  it('refuses a variable named after one bpmn-engine reserves with 400 INVALID_PROCESS_VARIABLES, and starts nothing', async () => {
    const before = [await count('process_instance'), await count('work_item')];
    for (const variables of [{ content: 1 }, { ...quoteVariables('Q-PV-1'), fields: {} }, { ...quoteVariables('Q-PV-2'), properties: 'x' }]) {
      const res = await request(t.app).post('/processes/quote-approval/instances').set('Authorization', await t.token('cpq')).send({ variables });
      expect(res.status, JSON.stringify(variables)).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ type: 'https://mandate.dev/problems/invalid-process-variables', title: 'Bad request', status: 400, code: 'INVALID_PROCESS_VARIABLES' });
      expect(res.body.detail).toMatch(/may not be named (content|fields|properties)/);
    }
    await t.workflow.embedded.whenIdle();
    expect([await count('process_instance'), await count('work_item')]).toEqual(before);
    // The same start without the reserved name runs.
    expect((await request(t.app).post('/processes/quote-approval/instances').set('Authorization', await t.token('cpq')).send({ variables: quoteVariables('Q-PV-3') })).status).toBe(201);
    await t.workflow.embedded.whenIdle();
  });
});
