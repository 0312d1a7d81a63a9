// The Camunda 7 adapter passes the WorkflowPort conformance suite against the REST double (no
// database). Its engine is down when the double stops listening; it comes back on the same port.
import { camunda7Double } from '../../test-support/camunda7Double.js';
import { CONFORMANCE_MESSAGE, CONFORMANCE_PROCESS_KEY, CONFORMANCE_USER_TASK, describeWorkflowPortConformance } from '../../test-support/describeWorkflowPortConformance.js';
import { Camunda7Port, camunda7CallerRef } from './Camunda7Port.js';
import { fromCamundaVariables } from './toCamundaVariables.js';

/**
 * Camunda 7 knows no Mandate tenant: the runtime polls one Camunda engine for one tenant and closes
 * another tenant's command before it reaches the port (apps/runtime `withinCamundaTenant`).
 */
const ONE_TENANT = 'the adapter serves one Mandate tenant; the runtime closes commands of other tenants before they reach it (withinCamundaTenant)';

describeWorkflowPortConformance('Camunda7Port over the REST double', async () => {
  const camunda = camunda7Double({ processes: { [CONFORMANCE_PROCESS_KEY]: { userTasks: [CONFORMANCE_USER_TASK], messages: { [CONFORMANCE_MESSAGE]: { whileAt: [CONFORMANCE_USER_TASK] } } } } });
  const port = new Camunda7Port({ baseUrl: await camunda.listen(), timeoutMs: 2_000 });
  return {
    port,
    tenantId: 'ACME_EU',
    async activate() {
      const instance = await port.startProcess(CONFORMANCE_PROCESS_KEY, { quoteId: 'Q-1' });
      const [task] = await port.listTasks({ processInstanceId: instance.id });
      if (!task) throw new Error(`process instance ${instance.id} has no open task`);
      return camunda7CallerRef(task, CONFORMANCE_PROCESS_KEY);
    },
    cancel: (processInstanceId) => Promise.resolve(camunda.endProcess(processInstanceId, 'cancelled by the conformance suite')),
    waiting: (ref) => Promise.resolve(camunda.openTasks(ref.processInstanceId).some((t) => t.id === ref.taskId)),
    variables: (processInstanceId) => Promise.resolve(fromCamundaVariables(camunda.variables(processInstanceId))),
    applied: (ref) => Promise.resolve({ completions: camunda.completionsApplied(ref.taskId), correlations: camunda.correlationsApplied(ref.processInstanceId) }),
    async outage() {
      const listening = Number(new URL(camunda.url).port);
      await camunda.close();
      return {
        port,
        async restore() {
          await camunda.listen(listening);
        },
      };
    },
    notApplicable: { 'complete.gone.other-tenant': ONE_TENANT, 'correlate.gone.other-tenant': ONE_TENANT },
    close: () => camunda.close(),
  };
});
