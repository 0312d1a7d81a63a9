// Who may start a process over the API, on PGlite and PostgreSQL: the roles its BPMN declares
// (`mandate:starters`), never just any authenticated user; a refused start starts nothing.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/testApp.js';
import { quoteVariables, workflowApp } from '../../test-support/workflowApp.js';

type App = Awaited<ReturnType<typeof workflowApp>>;

describe.each(engines)('process starters on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await workflowApp(open);
  });
  afterAll(async () => {
    await t.workflow.stop();
    await t.db.close();
  });

  const start = async (user: string, key: string, quoteId: string) => request(t.app).post(`/processes/${key}/instances`).set('Authorization', await t.token(user)).send({ variables: quoteVariables(quoteId) });
  const count = async (table: string) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0);

  it('starts a process only for a role it declares: the auditor, a governance admin and an operations lead may not start a quote approval', async () => {
    const before = [await count('process_instance'), await count('work_item')];
    for (const user of ['aude', 'gabe', 'olga']) {
      const refused = await start(user, 'quote-approval', `Q-ST-${user}`);
      expect(refused.body, user).toMatchObject({ status: 403, code: user === 'aude' ? 'AUDITOR_READ_ONLY' : 'NOT_A_PROCESS_STARTER' });
    }
    // The order process is the fulfilment systems' and operations leads': a sales rep starts none.
    expect((await start('rita', 'order-fulfilment', 'Q-ST-rita')).body).toMatchObject({ status: 403, code: 'NOT_A_PROCESS_STARTER', starters: ['SERVICE', 'OPERATIONS_LEAD'] });
    await t.workflow.embedded.whenIdle();
    expect([await count('process_instance'), await count('work_item')]).toEqual(before);
    // The quote service and the sales rep are declared starters.
    expect((await start('cpq', 'quote-approval', 'Q-ST-cpq')).status).toBe(201);
    expect((await start('rita', 'quote-approval', 'Q-ST-rita')).status).toBe(201);
    await t.workflow.embedded.whenIdle();
  });
});
