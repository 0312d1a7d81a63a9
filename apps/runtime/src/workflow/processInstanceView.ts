/**
 * What a caller sees of an embedded process instance. Process variables hold everything the
 * process was started with, evidence that the visibility policy hides from most people (a quote's
 * margin) included, and no visibility policy applies to them. So the raw view (variables, waiting
 * tasks) is for domain services and workflow operators only; a person reads the items the process
 * feeds, through their visibility policy, and gets a receipt when starting a process.
 */
import type { ProcessInstanceRecord } from '@mandate/store';
import type { Principal } from '../identity/Principal.js';
import { SERVICE_ROLE } from '../identity/actsForOthers.js';
import { SYSTEM_ISSUER } from '../identity/systemPrincipal.js';

/** The role of people who operate workflows (incidents, stuck instances) and may read process variables. */
export const WORKFLOW_OPERATOR_ROLE = 'WORKFLOW_OPERATOR';

/** Whether the principal may read process instances raw: a service, a workflow operator, or the runtime itself. */
export function readsProcessInstances(principal: Principal): boolean {
  return principal.roles.includes(SERVICE_ROLE) || principal.roles.includes(WORKFLOW_OPERATOR_ROLE) || principal.issuer === SYSTEM_ISSUER;
}

/** The raw view: state, variables, waiting user tasks, end event. */
export function rawInstanceView(instance: ProcessInstanceRecord) {
  const { id: processInstanceId, processKey, businessKey, status, variables, waitingTasks, endEventId, createdAt, updatedAt } = instance;
  return { processInstanceId, processKey, businessKey, status, variables, waitingTasks, endEventId, createdAt, updatedAt };
}

/** What a person who started a process gets back: which instance, and whether it runs; no variables. */
export function startReceipt(instance: ProcessInstanceRecord) {
  const { id: processInstanceId, processKey, businessKey, status, createdAt } = instance;
  return { processInstanceId, processKey, businessKey, status, createdAt };
}
