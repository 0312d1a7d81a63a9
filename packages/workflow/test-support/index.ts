/**
 * @mandate/workflow/test-support: what other packages' tests use, kept out of the production
 * entry: the Camunda 7 REST double (an express app, so express is only a dev dependency here) and
 * the WorkflowPort conformance suite every adapter must pass, and a timer scheduler tests advance by hand.
 */
export { camunda7Double, type Camunda7Double, type Camunda7DoubleOptions, type Camunda7DoubleProcess, type DoubleProcessInstance, type DoubleTask, type RequestMatch } from './camunda7Double.js';
export { CONFORMANCE_MESSAGE, CONFORMANCE_PROCESS_KEY, CONFORMANCE_USER_TASK, conformanceBpmn, describeWorkflowPortConformance, type ConformanceCase, type WorkflowPortUnderTest } from './describeWorkflowPortConformance.js';
export { ManualTimerScheduler } from './ManualTimerScheduler.js';
