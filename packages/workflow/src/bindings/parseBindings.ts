/**
 * How a BPMN user task binds to a Mandate task type (a template binding or an inline one), read from the
 * Camunda attributes and properties that Camunda Modeler edits:
 *
 * - template: `camunda:formKey="mandate:DISCOUNT_APPROVAL"` or `"mandate:DISCOUNT_APPROVAL@2"`.
 *   The task type's defaults apply as they are (title, candidate groups, SLA).
 * - inline: no `mandate:` form key; the property `mandate.taskType` (`ID` or `ID@N`) names the task
 *   type, and the task's `name` (title), `camunda:candidateGroups` and the property
 *   `mandate.expiresIn` (ISO 8601 duration) override its defaults.
 * - mappings, in either mode: the properties `mandate.inputMapping` (process variables to the work
 *   item) and `mandate.outputMapping` (the decision to process variables), JSONata expressions.
 *
 * A user task with neither is unbound. Problems are data here ({@link BindingIssue});
 * {@link parseBindings} turns them into one {@link BpmnBindingError}.
 */
import { UnprocessableError } from '@mandate/problems';
import { durationMinutes } from '@mandate/definitions';
import { readBpmn, type BpmnProcess, type BpmnUserTask } from './readBpmn.js';

/** The template binding: the task type's own defaults. */
export interface TemplateBinding {
  kind: 'template';
  taskType: string;
  /** A pinned version (`mandate:ID@N`); otherwise the latest published version. */
  version?: number;
}

/** The inline binding: a task type, with title, candidate groups and expiry given by the BPMN. */
export interface InlineBinding {
  kind: 'inline';
  taskType: string;
  version?: number;
  /** The user task's `name`. */
  title?: string;
  /** `camunda:candidateGroups`, split on commas. */
  candidateGroups?: string[];
  /** `mandate.expiresIn`, an ISO 8601 duration (`P1DT4H`, `PT30M`). */
  expiresIn?: string;
}

/** A user task with no Mandate binding: no engine should wait on it. */
export interface Unbound {
  kind: 'unbound';
}

/** What a user task binds to. */
export type TaskBinding = TemplateBinding | InlineBinding;

/** One user task and its binding, with the mapping sources as written. */
export interface UserTaskBinding {
  /** The BPMN process id (the process key). */
  processId: string;
  /** The user task's element id (the activity id). */
  elementId: string;
  name?: string;
  binding: TaskBinding | Unbound;
  /** `mandate.inputMapping`: JSONata from process variables to the work item; absent means the default. */
  inputMapping?: string;
  /** `mandate.outputMapping`: JSONata from the decision to process variables; absent means the default. */
  outputMapping?: string;
}

/** The user-task bindings of one process. */
export interface ProcessBindings {
  processId: string;
  name?: string;
  isExecutable: boolean;
  /** The roles that may start the process over the API (`mandate:starters`); absent: nobody may. */
  starterRoles?: string[];
  userTasks: UserTaskBinding[];
}

/** Stable codes of binding problems. */
export type BindingIssueCode = 'BPMN_XML_INVALID' | 'BPMN_BINDING_INVALID';

/** A problem reading bindings: the XML, or a binding's syntax. */
export interface BindingIssue {
  code: BindingIssueCode;
  message: string;
  processId?: string;
  elementId?: string;
  /** 1-based, when the XML reader said where. */
  line?: number;
  column?: number;
}

/** The BPMN could not be read, or a binding in it is malformed. */
export class BpmnBindingError extends UnprocessableError {
  override name = 'BpmnBindingError';
  declare readonly code: BindingIssueCode | 'BPMN_UNBOUND_USER_TASK' | 'BPMN_MAPPING_INVALID' | 'BPMN_DUPLICATE_PROCESS';

  constructor(
    code: BindingIssueCode | 'BPMN_UNBOUND_USER_TASK' | 'BPMN_MAPPING_INVALID' | 'BPMN_DUPLICATE_PROCESS',
    message: string,
    /** Every issue found, when there were several. */
    readonly issues: readonly BindingIssue[] = [],
  ) {
    super(code, message);
  }
}

/** The property names a binding reads; any other `mandate.*` property is a mistake. */
export const BINDING_PROPERTIES = ['mandate.taskType', 'mandate.expiresIn', 'mandate.inputMapping', 'mandate.outputMapping'] as const;

/** The form-key prefix of a template binding. */
export const FORM_KEY_PREFIX = 'mandate:';

const TASK_TYPE_REF = /^([A-Z][A-Z0-9_]{0,79})(?:@([1-9][0-9]{0,8}))?$/;
/** A role name, as definitions and tokens spell them. */
const ROLE = /^[A-Z][A-Z0-9_]{0,79}$/;
/** As the runtime accepts candidate groups. */
const GROUP = /^[a-z][a-z0-9-]{0,79}$/;

/**
 * Reads the user-task bindings of every process in a BPMN document. Throws
 * {@link BpmnBindingError} when the XML does not parse or a binding is malformed (a `mandate:` form
 * key that is not `mandate:ID` or `mandate:ID@N`, an unknown `mandate.*` property, ...), naming
 * the element; an unbound user task is not an error here (`binding.kind === 'unbound'`).
 *
 * @example
 * const [quote] = await parseBindings(readFileSync('bpmn/quote-approval.bpmn', 'utf8'));
 * quote.userTasks[0].binding; // { kind: 'template', taskType: 'DISCOUNT_APPROVAL' }
 */
export async function parseBindings(xml: string): Promise<ProcessBindings[]> {
  const result = await readBindings(xml);
  const first = result.issues[0];
  if (first) {
    const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
    throw new BpmnBindingError(first.code, `${describeIssue(first)}${more}`, result.issues);
  }
  return result.processes;
}

/** Like {@link parseBindings}, but returns every problem as data instead of throwing. */
export async function readBindings(xml: string): Promise<{ processes: ProcessBindings[]; issues: BindingIssue[]; model: BpmnProcess[] }> {
  const read = await readBpmn(xml);
  if (!read.ok) return { processes: [], issues: [{ code: 'BPMN_XML_INVALID', ...read.problem }], model: [] };
  const issues: BindingIssue[] = read.problems.map((p) => ({ code: 'BPMN_XML_INVALID', ...p }));
  const processes = read.processes.map((process) => {
    const bindings = bindingsOf(process);
    issues.push(...bindings.issues);
    return bindings.process;
  });
  return { processes, issues, model: read.processes };
}

/** The bindings of one process read by {@link readBpmn}, with the problems found. */
export function bindingsOf(process: BpmnProcess): { process: ProcessBindings; issues: BindingIssue[] } {
  const issues: BindingIssue[] = [];
  const userTasks = process.userTasks.map((task) => {
    const { binding, issues: taskIssues } = bindingOfTask(process.id, task);
    issues.push(...taskIssues);
    return binding;
  });
  const bindings: ProcessBindings = { processId: process.id, isExecutable: process.isExecutable, userTasks };
  if (process.name !== undefined) bindings.name = process.name;
  if (process.starters !== undefined) {
    const roles = process.starters.split(/[\s,]+/).filter(Boolean);
    const bad = roles.filter((r) => !ROLE.test(r));
    if (bad.length || roles.length === 0) {
      issues.push({ code: 'BPMN_BINDING_INVALID', message: `process ${process.id}: mandate:starters ${roles.length === 0 ? 'is empty' : `${bad.map((r) => `"${r}"`).join(', ')} ${bad.length > 1 ? 'are not role names' : 'is not a role name'}`} (SCREAMING_SNAKE roles, separated by spaces or commas)`, processId: process.id, elementId: process.id });
    } else bindings.starterRoles = [...new Set(roles)];
  }
  return { process: bindings, issues };
}

function bindingOfTask(processId: string, task: BpmnUserTask): { binding: UserTaskBinding; issues: BindingIssue[] } {
  const issues: BindingIssue[] = [];
  const issue = (message: string) => issues.push({ code: 'BPMN_BINDING_INVALID', message: `user task ${task.id}: ${message}`, processId, elementId: task.id });

  const properties = new Map<string, string>();
  for (const { name, value } of task.properties) {
    if (!name.startsWith('mandate.')) continue;
    if (!(BINDING_PROPERTIES as readonly string[]).includes(name)) issue(`unknown property ${name}; expected one of ${BINDING_PROPERTIES.join(', ')}`);
    else if (properties.has(name)) issue(`property ${name} is given twice`);
    else properties.set(name, value);
  }

  const result: UserTaskBinding = { processId, elementId: task.id, binding: { kind: 'unbound' } };
  const name = task.name?.trim();
  if (name) result.name = name;
  for (const [property, key] of [['mandate.inputMapping', 'inputMapping'], ['mandate.outputMapping', 'outputMapping']] as const) {
    const source = properties.get(property);
    if (source === undefined) continue;
    if (source.trim() === '') issue(`property ${property} is empty; remove it to use the default mapping`);
    else result[key] = source;
  }

  const inlineType = properties.get('mandate.taskType');
  const expiresIn = properties.get('mandate.expiresIn');
  if (task.formKey?.startsWith(FORM_KEY_PREFIX)) {
    const ref = parseTaskTypeRef(task.formKey.slice(FORM_KEY_PREFIX.length));
    if (!ref) issue(`camunda:formKey "${task.formKey}" is not ${FORM_KEY_PREFIX}TASK_TYPE or ${FORM_KEY_PREFIX}TASK_TYPE@VERSION (a task type id is SCREAMING_SNAKE, a version a positive integer)`);
    if (inlineType !== undefined) issue(`binds twice: camunda:formKey "${task.formKey}" (template) and property mandate.taskType (inline); keep one`);
    if (expiresIn !== undefined) issue('property mandate.expiresIn applies to inline bindings only; a template binding takes the task type\'s SLA');
    if (ref) result.binding = { kind: 'template', ...ref };
  } else if (inlineType !== undefined) {
    const ref = parseTaskTypeRef(inlineType);
    if (!ref) issue(`property mandate.taskType "${inlineType}" is not TASK_TYPE or TASK_TYPE@VERSION (a task type id is SCREAMING_SNAKE, a version a positive integer)`);
    const inline: InlineBinding = { kind: 'inline', taskType: ref?.taskType ?? inlineType, ...(ref?.version ? { version: ref.version } : {}) };
    if (name) inline.title = name;
    if (task.candidateGroups !== undefined) {
      const groups = task.candidateGroups.split(',').map((g) => g.trim()).filter(Boolean);
      const bad = groups.filter((g) => !GROUP.test(g));
      if (bad.length) issue(`camunda:candidateGroups ${bad.map((g) => `"${g}"`).join(', ')} ${bad.length > 1 ? 'are not group names' : 'is not a group name'} (lower-case letters, digits and dashes; no expressions)`);
      if (groups.length) inline.candidateGroups = groups;
    }
    if (expiresIn !== undefined) {
      if (isDuration(expiresIn)) inline.expiresIn = expiresIn;
      else issue(`property mandate.expiresIn "${expiresIn}" is not a positive ISO 8601 duration such as PT4H or P1DT4H`);
    }
    if (ref) result.binding = inline;
  } else if (result.inputMapping !== undefined || result.outputMapping !== undefined || expiresIn !== undefined) {
    issue(`has mandate.* properties but no task type: set camunda:formKey="${FORM_KEY_PREFIX}TASK_TYPE" (template) or the property mandate.taskType (inline)`);
  }
  return { binding: result, issues };
}

/** Parses `ID` or `ID@N`. */
export function parseTaskTypeRef(text: string): { taskType: string; version?: number } | undefined {
  const match = TASK_TYPE_REF.exec(text.trim());
  if (!match) return undefined;
  return match[2] ? { taskType: match[1]!, version: Number(match[2]) } : { taskType: match[1]! };
}

function isDuration(text: string): boolean {
  try {
    return durationMinutes(text) > 0;
  } catch {
    return false;
  }
}

function describeIssue(issue: BindingIssue): string {
  const where = issue.line ? ` (line ${issue.line}${issue.column ? `, column ${issue.column}` : ''})` : '';
  return `${issue.message}${where}`;
}
