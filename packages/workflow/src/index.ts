/** @mandate/workflow: the boundary between Mandate's decisions and workflow engines. */
export { COMMAND_ID_VARIABLE, WorkflowUnavailableError, callerKey, parseCallerRef, type CallerRef, type CompleteTaskCommand, type CorrelateMessageCommand, type PortOutcome, type WorkflowPort } from './WorkflowPort.js';
export { OutboxRelay, type OperatorAttention, type OutboxRelayOptions, type RelayPass, type RoutedCommand } from './relay/OutboxRelay.js';
export { commandRouter, type DecisionOutput, type OutputVariables } from './relay/routeCommand.js';
export { Camunda7Port, camunda7CallerRef, type Camunda7HistoricTask, type Camunda7PortOptions, type Camunda7ProcessInstance, type Camunda7Task, type Camunda7TaskFilter } from './camunda/Camunda7Port.js';
export { Camunda7Error } from './camunda/Camunda7Error.js';
export { camundaDate, fromCamundaVariable, fromCamundaVariables, toCamundaVariable, toCamundaVariables, type CamundaVariable } from './camunda/toCamundaVariables.js';
export { EmbeddedWorkflowEngine, InvalidVariablesError, UnknownProcessError, type EmbeddedProcess, type EmbeddedWorkflowEngineOptions, type ResumeSummary, type StartInstanceInput, type UserTaskActivation, type UserTaskEndReason } from './embedded/EmbeddedWorkflowEngine.js';
export { ProcessExecutionError } from './embedded/BpmnEngineSession.js';
export { systemTimerScheduler, type TimerScheduler } from './embedded/InstanceTimers.js';
export { JuelExpressionError, juelExpressions, parseJuel, evaluateJuel, resolveJuelTemplate, type JuelNode } from './embedded/juelExpressions.js';
export { BINDING_PROPERTIES, BpmnBindingError, FORM_KEY_PREFIX, parseBindings, parseTaskTypeRef, readBindings, type BindingIssue, type BindingIssueCode, type InlineBinding, type ProcessBindings, type TaskBinding, type TemplateBinding, type Unbound, type UserTaskBinding } from './bindings/parseBindings.js';
export { compileMapping, evaluateMapping, mappingFunction, mappingShape, MappingError, type CompiledMapping, type MappingErrorCode, type MappingFunction, type MappingShape } from './bindings/compileMapping.js';
export { INPUT_MAPPING_KEYS, workItemRequest, type BusinessObjectRef, type WorkItemRequest } from './bindings/workItemRequest.js';
export { BindingCatalog, bindingKey, DEFAULT_INPUT_MAPPING, DEFAULT_OUTPUT_MAPPING, type BoundUserTask, type MappingFunctions } from './bindings/BindingCatalog.js';
export { formatBpmnFinding, lintBpmn, type BpmnFinding, type BpmnLintResult, type BpmnSource } from './bindings/lintBpmn.js';
export { BPMN_FINDING_CODES, type BpmnFindingCode } from './bindings/bpmnFindingCodes.js';
export { MANDATE_BPMN_NAMESPACE, readBpmn, type BpmnFlow, type BpmnNode, type BpmnProcess, type BpmnReadResult, type BpmnTimer, type BpmnUserTask, type CamundaProperty, type XmlProblem } from './bindings/readBpmn.js';
