/**
 * `mandate bpmn lint`: checks BPMN files against the task types they bind to, before any engine
 * sees them. Why statically: a binding to a missing task type, a mapping that does not parse or a
 * gateway that tests a decision code nobody can choose only fails when a process instance reaches
 * that task — possibly weeks later, in production. Findings are data with stable codes
 * ({@link BPMN_FINDING_CODES}), placed at the element's `id="..."` in the file.
 */
import type { TaskType } from '@mandate/definitions';
import { JuelExpressionError, parseJuel, splitTemplate, type JuelNode } from '../embedded/juelExpressions.js';
import type { BpmnFindingCode } from './bpmnFindingCodes.js';
import { compileMapping, mappingShape, MappingError, type MappingShape } from './compileMapping.js';
import { readBindings, type TaskBinding, type UserTaskBinding } from './parseBindings.js';
import type { BpmnFlow, BpmnProcess } from './readBpmn.js';
import { INPUT_MAPPING_KEYS } from './workItemRequest.js';
import { XmlLocator } from './xmlLocation.js';

/** One BPMN file's text, as read by the caller. */
export interface BpmnSource {
  file: string;
  text: string;
}

/** One problem in one BPMN file. */
export interface BpmnFinding {
  code: BpmnFindingCode;
  severity: 'error' | 'warning';
  message: string;
  file: string;
  /** 1-based, when the element could be found in the text. */
  line?: number;
  column?: number;
  processId?: string;
  /** The BPMN element the finding concerns. */
  elementId?: string;
}

/** The outcome of linting a set of BPMN files. */
export interface BpmnLintResult {
  findings: BpmnFinding[];
  processes: number;
  userTasks: number;
  /** Whether there is no error (warnings allowed). */
  ok: boolean;
}

/** Formats a finding like a compiler error: `file:line:column error CODE message (at element)`. */
export function formatBpmnFinding(finding: BpmnFinding): string {
  const where = finding.line ? `${finding.file}:${finding.line}:${finding.column ?? 1}` : finding.file;
  return `${where} ${finding.severity} ${finding.code} ${finding.message}${finding.elementId ? ` (at ${finding.elementId})` : ''}`;
}

/**
 * Lints BPMN sources against the task types (all versions, any status) they may bind to. Never
 * throws on any input text.
 *
 * @example
 * const { ok, findings } = await lintBpmn([{ file: 'bpmn/quote-approval.bpmn', text }], taskTypes);
 */
export async function lintBpmn(sources: readonly BpmnSource[], taskTypes: readonly TaskType[]): Promise<BpmnLintResult> {
  const findings: BpmnFinding[] = [];
  const processFiles = new Map<string, string>();
  let processes = 0;
  let userTasks = 0;
  for (const source of sources) {
    const locator = new XmlLocator(source.text);
    const at = (elementId: string | undefined) => (elementId ? locator.element(elementId) ?? {} : {});
    const add = (finding: Omit<BpmnFinding, 'file'>) => findings.push({ file: source.file, ...finding });
    const error = (code: BpmnFindingCode, message: string, elementId?: string, processId?: string) =>
      add({ code, severity: 'error', message, ...at(elementId), ...(processId ? { processId } : {}), ...(elementId ? { elementId } : {}) });
    const warning = (code: BpmnFindingCode, message: string, elementId?: string, processId?: string) =>
      add({ code, severity: 'warning', message, ...at(elementId), ...(processId ? { processId } : {}), ...(elementId ? { elementId } : {}) });

    const read = await readBindings(source.text);
    const brokenTasks = new Set<string>();
    for (const issue of read.issues) {
      if (issue.elementId) brokenTasks.add(issue.elementId);
      const place = issue.line ? { line: issue.line, ...(issue.column ? { column: issue.column } : {}) } : at(issue.elementId);
      add({ code: issue.code, severity: 'error', message: issue.message, ...place, ...(issue.processId ? { processId: issue.processId } : {}), ...(issue.elementId ? { elementId: issue.elementId } : {}) });
    }

    read.model.forEach((model, index) => {
      const bindings = read.processes[index]!;
      processes++;
      const elsewhere = processFiles.get(model.id);
      if (elsewhere !== undefined) error('BPMN_DUPLICATE_PROCESS', `process ${model.id} is also defined in ${elsewhere}`, model.id, model.id);
      else processFiles.set(model.id, source.file);
      if (!model.isExecutable) warning('BPMN_PROCESS_NOT_EXECUTABLE', `process ${model.id} is not isExecutable="true": no engine runs it`, model.id, model.id);

      const conditions = new Map<string, JuelNode[]>();
      for (const flow of model.flows.values()) {
        if (flow.condition === undefined) continue;
        const parsed = parseTemplate(flow.condition, true);
        if ('error' in parsed) warning('BPMN_EXPRESSION_UNSUPPORTED', `condition of ${flow.id} "${flow.condition.trim()}": ${parsed.error}`, flow.id, model.id);
        else conditions.set(flow.id, parsed.nodes);
      }
      for (const timer of model.timers) {
        const parsed = parseTemplate(timer.expression, false);
        if ('error' in parsed) warning('BPMN_EXPRESSION_UNSUPPORTED', `timer ${timer.kind} of ${timer.eventId} "${timer.expression.trim()}": ${parsed.error}`, timer.eventId, model.id);
      }

      for (const task of bindings.userTasks) {
        userTasks++;
        const issue = (code: BpmnFindingCode, message: string) => error(code, message, task.elementId, model.id);
        for (const direction of ['input', 'output'] as const) {
          const source = direction === 'input' ? task.inputMapping : task.outputMapping;
          if (source === undefined) continue;
          try {
            compileMapping(source);
          } catch (e) {
            if (!(e instanceof MappingError)) throw e;
            const offset = locator.propertyValueOffset(task.elementId, `mandate.${direction}Mapping`, e.at?.offset ?? 0);
            add({ code: 'BPMN_MAPPING_INVALID', severity: 'error', message: `user task ${task.elementId}: mandate.${direction}Mapping ${e.message.replace(/^mapping /, '')}`, ...(offset === undefined ? at(task.elementId) : locator.position(offset)), processId: model.id, elementId: task.elementId });
          }
        }
        if (task.binding.kind === 'unbound') {
          if (!brokenTasks.has(task.elementId)) issue('BPMN_UNBOUND_USER_TASK', `user task ${task.elementId}${task.name ? ` "${task.name}"` : ''} binds to no task type: set camunda:formKey="mandate:TASK_TYPE" (template) or the property mandate.taskType (inline)`);
          continue;
        }
        const resolved = resolveTaskType(task.binding, taskTypes);
        if ('code' in resolved) {
          issue(resolved.code, `user task ${task.elementId}: ${resolved.message}`);
          continue;
        }
        const taskType = resolved.taskType;
        const ref = `${taskType.id}@${taskType.version}`;
        for (const problem of inputMismatches(task, taskType)) {
          const offset = problem.offset === undefined ? undefined : locator.propertyValueOffset(task.elementId, 'mandate.inputMapping', problem.offset);
          add({ code: 'BPMN_MAPPING_MISMATCH', severity: 'error', message: `user task ${task.elementId}: mandate.inputMapping ${problem.message} (${ref})`, ...(offset === undefined ? at(task.elementId) : locator.position(offset)), processId: model.id, elementId: task.elementId });
        }
        for (const finding of routingFindings(model, task, taskType, conditions)) {
          if (finding.severity === 'error') error(finding.code, finding.message, finding.elementId, model.id);
          else warning(finding.code, finding.message, finding.elementId, model.id);
        }
      }
    });
  }
  const unique = [...new Map(findings.map((f) => [`${f.file}|${f.line}|${f.column}|${f.code}|${f.message}`, f])).values()];
  unique.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.code.localeCompare(b.code));
  return { findings: unique, processes, userTasks, ok: !unique.some((f) => f.severity === 'error') };
}

/** Parses every `${...}` of a template; a condition must be exactly one. */
function parseTemplate(template: string, condition: boolean): { nodes: JuelNode[] } | { error: string } {
  try {
    const parts = splitTemplate(template.trim());
    if (condition && (parts.length !== 1 || !('expression' in parts[0]!))) return { error: 'a condition must be one ${...} expression' };
    return { nodes: parts.flatMap((part) => ('expression' in part ? [parseJuel(part.expression)] : [])) };
  } catch (e) {
    if (e instanceof JuelExpressionError) return { error: e.message };
    throw e;
  }
}

/** The task type version a binding resolves to: the pinned one, or the latest published. */
function resolveTaskType(binding: TaskBinding, taskTypes: readonly TaskType[]): { taskType: TaskType } | { code: BpmnFindingCode; message: string } {
  const versions = taskTypes.filter((t) => t.id === binding.taskType).sort((a, b) => a.version - b.version);
  const known = versions.map((t) => `${t.id}@${t.version} (${t.status})`).join(', ');
  if (versions.length === 0) return { code: 'BPMN_UNKNOWN_TASK_TYPE', message: `task type ${binding.taskType} does not exist` };
  if (binding.version !== undefined) {
    const pinned = versions.find((t) => t.version === binding.version);
    if (!pinned) return { code: 'BPMN_UNKNOWN_TASK_TYPE', message: `task type ${binding.taskType}@${binding.version} does not exist; known versions: ${known}` };
    if (pinned.status !== 'published') return { code: 'BPMN_TASK_TYPE_NOT_PUBLISHED', message: `task type ${binding.taskType}@${binding.version} is ${pinned.status}, not published` };
    return { taskType: pinned };
  }
  const latest = versions.filter((t) => t.status === 'published').at(-1);
  if (!latest) return { code: 'BPMN_TASK_TYPE_NOT_PUBLISHED', message: `task type ${binding.taskType} has no published version; known versions: ${known}` };
  return { taskType: latest };
}

/** What an input mapping written as an object constructor cannot deliver; `offset` is into the mapping source. */
function inputMismatches(task: UserTaskBinding, taskType: TaskType): { message: string; offset?: number }[] {
  if (task.inputMapping === undefined) return [];
  const shape = mappingShape(task.inputMapping);
  if (shape.kind !== 'object') return [];
  const problems: { message: string; offset?: number }[] = [];
  const entries = new Map(shape.entries.map((e) => [e.key, e]));
  for (const entry of shape.entries) {
    if (!(INPUT_MAPPING_KEYS as readonly string[]).includes(entry.key)) problems.push({ message: `produces key ${entry.key}, which is not part of a work item (expected ${INPUT_MAPPING_KEYS.join(', ')})`, offset: entry.offset });
  }
  for (const required of ['businessObject', 'evidence']) {
    if (!entries.has(required)) problems.push({ message: `produces no ${required}`, offset: 0 });
  }
  const businessObject = entries.get('businessObject');
  const type = businessObject?.value.kind === 'object' ? businessObject.value.entries.find((e) => e.key === 'type') : undefined;
  if (type?.value.kind === 'string' && type.value.value !== taskType.businessObjectType) {
    problems.push({ message: `sets businessObject.type ${type.value.value}, but the task type is about ${taskType.businessObjectType}`, offset: type.offset });
  }
  const evidence = entries.get('evidence');
  if (evidence?.value.kind === 'object') {
    const given = new Set(evidence.value.entries.map((e) => e.key));
    const required = (taskType.evidenceSchema as { required?: unknown }).required;
    const missing = Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string' && !given.has(r)) : [];
    if (missing.length) problems.push({ message: `evidence lacks ${missing.join(', ')}, required by the evidence schema`, offset: evidence.offset });
  }
  return problems;
}

/** The process variables an output mapping fills from the decision code and from outcome fields. */
function routedVariables(task: UserTaskBinding, taskType: TaskType): { decision: Set<string>; outcome: Map<string, string> } {
  const decision = new Set<string>();
  const outcome = new Map<string, string>();
  if (task.outputMapping === undefined) {
    // DEFAULT_OUTPUT_MAPPING: the outcome's fields as they are, plus `decision`.
    decision.add('decision');
    for (const option of taskType.decisionOptions) for (const field of Object.keys(option.outcome ?? {})) outcome.set(field, field);
    return { decision, outcome };
  }
  const shape: MappingShape = mappingShape(task.outputMapping);
  if (shape.kind !== 'object') return { decision, outcome };
  for (const { key, value } of shape.entries) {
    if (value.kind !== 'path') continue;
    if (value.path.length === 1 && value.path[0] === 'decision') decision.add(key);
    if (value.path.length === 2 && value.path[0] === 'outcome') outcome.set(key, value.path[1]!);
  }
  return { decision, outcome };
}

interface RoutingFinding {
  code: BpmnFindingCode;
  severity: 'error' | 'warning';
  message: string;
  elementId: string;
}

/**
 * Checks the conditions on the flows leaving the first branching gateway(s) after a user task
 * (through merging gateways): every string compared with a decision variable must be one of the
 * task type's decision codes, every string compared with an outcome variable one of the outcome
 * values; a gateway routing on the decision without a default flow should cover every code.
 */
function routingFindings(process: BpmnProcess, task: UserTaskBinding, taskType: TaskType, conditions: ReadonlyMap<string, JuelNode[]>): RoutingFinding[] {
  const ref = `${taskType.id}@${taskType.version}`;
  const codes = taskType.decisionOptions.map((o) => o.code);
  const variables = routedVariables(task, taskType);
  const findings: RoutingFinding[] = [];
  for (const gateway of branchesAfter(process, task.elementId)) {
    const routed = new Set<string>();
    let routesOnOutcome = false;
    for (const flow of gateway.flows) {
      for (const { variable, literal, operator } of (conditions.get(flow.id) ?? []).flatMap(comparisons)) {
        if (variables.decision.has(variable)) {
          if (operator === '==') routed.add(literal);
          if (!codes.includes(literal)) findings.push({ code: 'BPMN_UNKNOWN_DECISION', severity: 'error', message: `${flow.id} tests ${variable} ${operator} '${literal}' after user task ${task.elementId}, but ${ref} has no decision ${literal}; its decisions: ${codes.join(', ')}`, elementId: flow.id });
        }
        const field = variables.outcome.get(variable);
        if (field !== undefined) {
          routesOnOutcome = true;
          const values = [...new Set(taskType.decisionOptions.map((o) => o.outcome?.[field]).filter((v) => v !== undefined).map(String))];
          if (!values.includes(literal)) findings.push({ code: 'BPMN_UNKNOWN_OUTCOME', severity: 'error', message: `${flow.id} tests ${variable} ${operator} '${literal}' after user task ${task.elementId}, but no decision of ${ref} has outcome ${field} ${literal}; its values: ${values.join(', ') || 'none'}`, elementId: flow.id });
        }
      }
    }
    const missing = codes.filter((c) => !routed.has(c));
    if (routed.size > 0 && !routesOnOutcome && gateway.defaultFlowId === undefined && missing.length > 0) {
      findings.push({ code: 'BPMN_DECISION_NOT_ROUTED', severity: 'warning', message: `gateway ${gateway.id} after user task ${task.elementId} has no flow for decision ${missing.join(', ')} of ${ref} and no default flow`, elementId: gateway.id });
    }
  }
  return findings;
}

/** The branching gateways a task's outgoing flows reach, passing through merging gateways. */
function branchesAfter(process: BpmnProcess, taskId: string): { id: string; flows: BpmnFlow[]; defaultFlowId?: string }[] {
  const result: { id: string; flows: BpmnFlow[]; defaultFlowId?: string }[] = [];
  const seen = new Set<string>();
  const visit = (nodeId: string, viaTask: boolean) => {
    const node = process.nodes.get(nodeId);
    if (!node || seen.has(nodeId)) return;
    seen.add(nodeId);
    const flows = node.outgoing.map((id) => process.flows.get(id)).filter((f): f is BpmnFlow => f !== undefined);
    const branching = flows.length > 1 || flows.some((f) => f.condition !== undefined);
    if (branching && (viaTask || node.type.endsWith('Gateway'))) {
      result.push({ id: node.id, flows, ...(node.defaultFlowId ? { defaultFlowId: node.defaultFlowId } : {}) });
      return;
    }
    for (const flow of flows) {
      const target = flow.targetId ? process.nodes.get(flow.targetId) : undefined;
      if (target?.type.endsWith('Gateway')) visit(target.id, false);
    }
  };
  visit(taskId, true);
  return result;
}

/** `variable == 'LITERAL'` and `variable != 'LITERAL'` comparisons anywhere in a condition. */
function comparisons(node: JuelNode): { variable: string; literal: string; operator: '==' | '!=' }[] {
  if (node.kind === 'not' || node.kind === 'negate') return comparisons(node.operand);
  if (node.kind !== 'binary') return [];
  if (node.operator === '==' || node.operator === '!=') {
    const [path, literal] = node.left.kind === 'path' ? [node.left, node.right] : [node.right, node.left];
    if (path.kind === 'path' && path.names.length === 1 && literal.kind === 'literal' && typeof literal.value === 'string') {
      return [{ variable: path.names[0]!, literal: literal.value, operator: node.operator }];
    }
    return [];
  }
  return [...comparisons(node.left), ...comparisons(node.right)];
}
