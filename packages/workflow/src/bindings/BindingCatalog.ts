import type { DecisionOutput } from '../relay/routeCommand.js';
import { compileMapping, evaluateMapping, mappingFunction, MappingError, type CompiledMapping, type MappingFunction } from './compileMapping.js';
import { BpmnBindingError, parseBindings, type TaskBinding } from './parseBindings.js';
import { workItemRequest, type WorkItemRequest } from './workItemRequest.js';

/** The input mapping of a binding without `mandate.inputMapping`: the variables `businessObject` and `evidence` as they are. */
export const DEFAULT_INPUT_MAPPING = "{ 'businessObject': businessObject, 'evidence': evidence }";

/** The output mapping of a binding without `mandate.outputMapping`: the decision option's outcome, plus `decision` and `reasonCode`. */
export const DEFAULT_OUTPUT_MAPPING = "$merge([outcome, { 'decision': decision, 'reasonCode': reasonCode }])";

/** Mappings written in code, by binding key ({@link bindingKey}); each replaces a default, never a BPMN expression. */
export type MappingFunctions = Readonly<Record<string, { input?: MappingFunction; output?: MappingFunction }>>;

/** The key of a user task's binding: `<process id>/<activity id>`, e.g. `quote-approval/approve-discount`. */
export function bindingKey(processKey: string, activityId: string): string {
  return `${processKey}/${activityId}`;
}

/** A bound user task, with both mappings ready to evaluate. */
export interface BoundUserTask {
  key: string;
  processId: string;
  elementId: string;
  name?: string;
  binding: TaskBinding;
  input: CompiledMapping;
  output: CompiledMapping;
}

/**
 * Every user-task binding of a set of BPMN processes, compiled once: what the engine adapters ask
 * when a user task starts (which work item to create) and when its decision comes back (which
 * variables to complete it with).
 *
 * @example
 * const catalog = await BindingCatalog.fromBpmn([quoteXml, orderXml]);
 * const request = await catalog.workItemRequest('quote-approval', 'approve-discount', variables);
 * const variables = await catalog.outputVariables('quote-approval', 'approve-discount', decision);
 */
export class BindingCatalog {
  private constructor(
    private readonly tasks: ReadonlyMap<string, BoundUserTask>,
    private readonly starters: ReadonlyMap<string, readonly string[]>,
  ) {}

  /**
   * Parses and compiles every process. Throws {@link BpmnBindingError} for a malformed or unbound
   * user task, a process id given twice, or a mapping function for no bound task;
   * {@link MappingError} `MAPPING_SYNTAX` for a mapping that does not parse.
   */
  static async fromBpmn(sources: readonly string[], options: { functions?: MappingFunctions } = {}): Promise<BindingCatalog> {
    const functions = options.functions ?? {};
    const tasks = new Map<string, BoundUserTask>();
    const processIds = new Set<string>();
    const starters = new Map<string, readonly string[]>();
    for (const source of sources) {
      for (const process of await parseBindings(source)) {
        if (processIds.has(process.processId)) throw new BpmnBindingError('BPMN_DUPLICATE_PROCESS', `process ${process.processId} is defined twice`);
        processIds.add(process.processId);
        if (process.starterRoles) starters.set(process.processId, process.starterRoles);
        for (const task of process.userTasks) {
          const key = bindingKey(task.processId, task.elementId);
          if (task.binding.kind === 'unbound') throw new BpmnBindingError('BPMN_UNBOUND_USER_TASK', `user task ${key} has no Mandate binding: set camunda:formKey="mandate:TASK_TYPE" or the property mandate.taskType`);
          const coded = functions[key];
          const bound: BoundUserTask = {
            key,
            processId: task.processId,
            elementId: task.elementId,
            binding: task.binding,
            input: mapping(key, 'input', task.inputMapping, coded?.input, DEFAULT_INPUT_MAPPING),
            output: mapping(key, 'output', task.outputMapping, coded?.output, DEFAULT_OUTPUT_MAPPING),
          };
          if (task.name !== undefined) bound.name = task.name;
          tasks.set(key, bound);
        }
      }
    }
    const unknown = Object.keys(functions).filter((key) => !tasks.has(key));
    if (unknown.length) throw new BpmnBindingError('BPMN_UNBOUND_USER_TASK', `mapping functions for ${unknown.join(', ')}, which no bound user task has (keys are <process id>/<activity id>)`);
    return new BindingCatalog(tasks, starters);
  }

  /** The roles that may start a process over the API (its `mandate:starters`); empty when it declares none: then nobody may. */
  startersOf(processKey: string): readonly string[] {
    return this.starters.get(processKey) ?? [];
  }

  /** Every bound user task. */
  list(): BoundUserTask[] {
    return [...this.tasks.values()];
  }

  /** The binding of an activity, or undefined. */
  get(processKey: string, activityId: string): BoundUserTask | undefined {
    return this.tasks.get(bindingKey(processKey, activityId));
  }

  /**
   * The work item a user task asks for, from the process variables through its input mapping.
   * Throws {@link MappingError} when the mapping fails or its result is no work item.
   */
  async workItemRequest(processKey: string, activityId: string, variables: Readonly<Record<string, unknown>>): Promise<WorkItemRequest> {
    const task = this.require(processKey, activityId);
    return workItemRequest(task.binding, await evaluateMapping(task.input, variables));
  }

  /**
   * The process variables a decision completes the user task with, through its output mapping.
   * Throws {@link MappingError} when the mapping fails; the caller logs that and
   * completes the task anyway.
   */
  async outputVariables(processKey: string, activityId: string, decision: DecisionOutput): Promise<Record<string, unknown>> {
    const task = this.require(processKey, activityId);
    return evaluateMapping(task.output, decision);
  }

  private require(processKey: string, activityId: string): BoundUserTask {
    const task = this.get(processKey, activityId);
    if (!task) throw new BpmnBindingError('BPMN_UNBOUND_USER_TASK', `no bound user task ${bindingKey(processKey, activityId)}`);
    return task;
  }
}

function mapping(key: string, direction: 'input' | 'output', source: string | undefined, fn: MappingFunction | undefined, fallback: string): CompiledMapping {
  if (source !== undefined && fn) throw new BpmnBindingError('BPMN_MAPPING_INVALID', `user task ${key} has both mandate.${direction}Mapping and a mapping function; keep one`);
  if (fn) return mappingFunction(`${key} ${direction}`, fn);
  try {
    return compileMapping(source ?? fallback);
  } catch (e) {
    if (e instanceof MappingError) throw new MappingError(e.code, `user task ${key}: mandate.${direction}Mapping ${e.message.replace(/^mapping /, '')}`, e.at, e.jsonataCode, { cause: e });
    throw e;
  }
}
