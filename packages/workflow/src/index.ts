/** @mandate/workflow: the boundary between Mandate's decisions and workflow engines. */
export { COMMAND_ID_VARIABLE, WorkflowUnavailableError, callerKey, parseCallerRef, type CallerRef, type CompleteTaskCommand, type CorrelateMessageCommand, type PortOutcome, type WorkflowPort } from './WorkflowPort.js';
export { OutboxRelay, type OperatorAttention, type OutboxRelayOptions, type RelayPass, type RoutedCommand } from './relay/OutboxRelay.js';
export { commandRouter, type DecisionOutput, type OutputVariables } from './relay/routeCommand.js';
export { Camunda7Port, camunda7CallerRef, type Camunda7HistoricTask, type Camunda7PortOptions, type Camunda7ProcessInstance, type Camunda7Task, type Camunda7TaskFilter } from './camunda/Camunda7Port.js';
export { Camunda7Error } from './camunda/Camunda7Error.js';
export { camundaDate, fromCamundaVariable, fromCamundaVariables, toCamundaVariable, toCamundaVariables, type CamundaVariable } from './camunda/toCamundaVariables.js';
export { camunda7Double, type Camunda7Double, type Camunda7DoubleOptions, type Camunda7DoubleProcess, type DoubleProcessInstance, type DoubleTask, type RequestMatch } from './camunda/camunda7Double.js';
