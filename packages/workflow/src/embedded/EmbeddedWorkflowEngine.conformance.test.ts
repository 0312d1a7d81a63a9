// The embedded engine passes the WorkflowPort conformance suite, on PGlite and PostgreSQL. Its
// engine is down when its database cannot be reached: the outage is an engine object over a
// PostgreSQL nobody listens on (PGlite runs inside the process and cannot become unreachable),
// and the engine that is back is the one over the real database, which sees no trace of the
// failed attempt.
import { createDatabase, createStores } from '@mandate/store';
import { closedPort } from '../../test-support/closedPort.js';
import { CONFORMANCE_PROCESS_KEY, conformanceBpmn, describeWorkflowPortConformance } from '../../test-support/describeWorkflowPortConformance.js';
import { engines } from '../../test-support/engines.js';
import { EmbeddedWorkflowEngine, type EmbeddedProcess, type UserTaskActivation } from './EmbeddedWorkflowEngine.js';
import { ManualTimerScheduler } from '../../test-support/ManualTimerScheduler.js';

const processes: EmbeddedProcess[] = [{ key: CONFORMANCE_PROCESS_KEY, source: conformanceBpmn() }];
const quiet = { warn: () => undefined, error: () => undefined };

for (const { name, open } of engines) {
  describeWorkflowPortConformance(`EmbeddedWorkflowEngine on ${name}`, async () => {
    const db = await open();
    const activations: UserTaskActivation[] = [];
    const engine = new EmbeddedWorkflowEngine({ stores: createStores(db), processes, timers: new ManualTimerScheduler(), logger: quiet, onUserTask: (a) => Promise.resolve(void activations.push(a)) });
    const instance = async (id: string) => {
      const found = await engine.getInstance(id);
      if (!found) throw new Error(`no process instance ${id}`);
      return found;
    };
    return {
      port: engine,
      tenantId: 'ACME_EU',
      async activate() {
        const { processInstanceId } = await engine.startInstance({ processKey: CONFORMANCE_PROCESS_KEY, tenantId: 'ACME_EU', variables: { quoteId: 'Q-1' } });
        const activation = activations.find((a) => a.callerRef.processInstanceId === processInstanceId);
        if (!activation) throw new Error(`process instance ${processInstanceId} announced no user task`);
        return activation.callerRef;
      },
      async cancel(processInstanceId) {
        if (!(await engine.cancelInstance(processInstanceId))) throw new Error(`process instance ${processInstanceId} was not running`);
      },
      async waiting(ref) {
        const found = await instance(ref.processInstanceId);
        return found.status === 'RUNNING' && found.waitingTasks.some((t) => t.taskId === ref.taskId);
      },
      async variables(processInstanceId) {
        return (await instance(processInstanceId)).variables;
      },
      async applied(ref) {
        const { completedCommandIds, completedTasks } = await instance(ref.processInstanceId);
        const completions = Object.values(completedTasks);
        return { completions: completedTasks[ref.taskId] === undefined ? 0 : 1, correlations: completedCommandIds.filter((id) => !completions.includes(id)).length };
      },
      async outage() {
        const unreachable = createDatabase({ databaseUrl: `postgres://mandate@127.0.0.1:${await closedPort()}/mandate` });
        const down = new EmbeddedWorkflowEngine({ stores: createStores(unreachable), processes, timers: new ManualTimerScheduler(), logger: quiet, onUserTask: () => Promise.resolve() });
        return {
          port: down,
          async restore() {
            await down.stop();
            await unreachable.close();
          },
        };
      },
      async close() {
        await engine.stop();
        await db.close();
      },
    };
  });
}
