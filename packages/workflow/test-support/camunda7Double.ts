/**
 * An HTTP test double of the part of the Camunda 7 REST API that {@link Camunda7Port} uses,
 * modelled on the Camunda 7.22 REST reference (status codes and error bodies as the 7.x engine-rest
 * code produces them; unchanged in 7.21-7.24), with in-memory state and fault injection.
 *
 * Implemented, under `/engine-rest`:
 * - `POST /process-definition/key/{key}/start` (and `/key/{key}/tenant-id/{tenantId}/start`): 200 with
 *   the instance; 404 RestException "No matching process definition with key: … and no tenant-id";
 * - `GET /task` (`processInstanceId`, `processDefinitionKey`, `taskDefinitionKey`, `tenantIdIn`,
 *   `firstResult`, `maxResults`), `GET /task/{id}` (404 InvalidRequestException "No matching task with
 *   id …"), `GET /task/{id}/variables` (500 "task … doesn't exist" when not open);
 * - `POST /task/{id}/complete`: 204 (200 with variables when `withVariablesInReturn`); a task that is
 *   not open is **500** RestException "Cannot complete task {id}: Cannot find task with id {id}: task
 *   is null" (Camunda 7 maps the engine's NullValueException to 500, not 404); an invalid variable is
 *   400 InvalidRequestException "Cannot complete task {id}: …" and is checked before the task;
 * - `POST /message`: 200 with `[{ resultType: 'Execution', … }]` when `resultEnabled`, else 204; no
 *   waiting process is 400 RestException "org.camunda.bpm.engine.MismatchingMessageCorrelationException:
 *   Cannot correlate message '{name}': No process definition or execution matches the parameters";
 *   several are 400 "Cannot correlate a message with name '{name}' to a single execution. …";
 * - `GET /process-instance/{id}` (404 InvalidRequestException "Process instance with id … does not
 *   exist" once it ended);
 * - `GET /history/task` (`taskId`, `processInstanceId`, `taskDefinitionKey`, `finished`, `unfinished`),
 *   `GET /history/variable-instance` (`variableName`, `processInstanceId`, `processInstanceIdIn`,
 *   `taskIdIn`), `GET /history/detail` (`variableInstanceId`, `processInstanceId`,
 *   `activityInstanceId`; variable updates only), `GET /history/process-instance/{id}` (404
 *   InvalidRequestException "Historic process instance with id … does not exist"): history level
 *   full (or none: every history query finds nothing), values always serialized.
 *
 * The process model is tiny: an ordered list of user tasks (completing one opens the next, the last
 * ends the process) and the messages the process waits for. Variables live on the process instance
 * scope, as `taskService.complete` and message correlation set them. Out of scope: BPMN, Bytes/File
 * variables, untyped object variables, deserialized values, sorting other than by creation.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { CamundaVariable } from '../src/camunda/toCamundaVariables.js';

/** One process definition of the double's model. */
export interface Camunda7DoubleProcess {
  /** User task ids (`taskDefinitionKey`) in order: start opens the first, completing one opens the next, the last ends the process. */
  userTasks: string[];
  /**
   * Messages the process waits for. `whileAt`: only while one of these user tasks is open (an
   * interrupting boundary event), otherwise whenever it runs (an event sub-process). A correlation
   * deletes the open tasks (`deleteReason` `deleted`) and opens `goTo`, or ends the process.
   */
  messages?: Record<string, { whileAt?: string[]; goTo?: string }>;
}

/** Options of {@link camunda7Double}. */
export interface Camunda7DoubleOptions {
  /** Process definitions by key. */
  processes: Record<string, Camunda7DoubleProcess>;
  /** When set, every request needs this HTTP basic auth (401 without a body otherwise, as Camunda's auth filter). */
  basicAuth?: { username: string; password: string };
  /** `full` (default): every change is in the history; `none`: the history endpoints find nothing, as with `camunda.bpm.history-level: none`. */
  historyLevel?: 'full' | 'none';
  clock?: () => Date;
}

/** Which requests a fault applies to; both optional. */
export interface RequestMatch {
  method?: string;
  /** Tested against the path below `/engine-rest`, e.g. `/task/abc/complete`. */
  path?: RegExp;
}

/** A process instance as the double holds it. */
export interface DoubleProcessInstance {
  id: string;
  definitionKey: string;
  definitionId: string;
  businessKey: string | null;
  tenantId: string | null;
  state: 'ACTIVE' | 'COMPLETED' | 'EXTERNALLY_TERMINATED';
  startTime: string;
  endTime: string | null;
  deleteReason: string | null;
}

/** A user task (open or historic) as the double holds it. */
export interface DoubleTask {
  id: string;
  name: string;
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  activityInstanceId: string;
  assignee: string | null;
  tenantId: string | null;
  startTime: string;
  endTime: string | null;
  deleteReason: string | null;
}

interface DoubleVariable {
  id: string;
  name: string;
  type: string;
  value: unknown;
  valueInfo: Record<string, unknown>;
  processInstanceId: string;
  activityInstanceId: string;
  createTime: string;
  revision: number;
}

interface DoubleDetail {
  id: string;
  variableInstanceId: string;
  variableName: string;
  variableType: string;
  value: unknown;
  valueInfo: Record<string, unknown>;
  processInstanceId: string;
  activityInstanceId: string;
  time: string;
  revision: number;
  initial: boolean;
}

type Fault = { match: RequestMatch; remaining: number } & ({ kind: 'fail'; status: number } | { kind: 'drop' } | { kind: 'delay'; ms: number } | { kind: 'delayResponse'; ms: number });

/** A failure to answer as Camunda would: status and `{ type, message, code? }`. */
class CamundaFailure extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

/** The running double: its URL, fault injection, engine-side operations and what happened. */
export interface Camunda7Double {
  /** Starts listening (default 127.0.0.1, a free port); resolves the REST root, e.g. `http://127.0.0.1:40123/engine-rest`. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
  /** The REST root once listening. */
  readonly url: string;
  readonly faults: {
    /** The next `count` matching requests answer `status` (default 503, a proxy's text body) and change nothing. */
    failNext(count: number, options?: { status?: number; match?: RequestMatch }): void;
    /** The next matching request is applied, then its connection is destroyed instead of answered (a lost response). */
    dropNextResponse(options?: { match?: RequestMatch }): void;
    /** Matching requests wait `ms` (after their body is read, before they are applied); `count` of them, default all. */
    delay(ms: number, options?: { match?: RequestMatch; count?: number }): void;
    /**
     * Matching requests are applied at once and answered only after `ms` (a caller that dies or
     * gives up meanwhile never hears the answer; a closed connection cancels it); `count` of them, default 1.
     */
    delayResponse(ms: number, options?: { match?: RequestMatch; count?: number }): void;
    /** Removes every fault. */
    clear(): void;
  };
  /** Starts a process instance directly (no HTTP). */
  startProcess(processKey: string, variables?: Record<string, CamundaVariable>, businessKey?: string): DoubleProcessInstance;
  /** Someone else completes the task (e.g. in Camunda Tasklist): without `mandateCommandId` unless given. */
  completeTaskOutOfBand(taskId: string, options?: { assignee?: string; variables?: Record<string, CamundaVariable> }): void;
  /** The process instance is cancelled: open tasks end with `deleteReason` (default `deleted`). */
  endProcess(processInstanceId: string, deleteReason?: string): void;
  processInstance(id: string): DoubleProcessInstance | undefined;
  /** Open tasks, oldest first. */
  openTasks(processInstanceId?: string): DoubleTask[];
  /** Every task that existed, with its end. */
  historicTask(taskId: string): DoubleTask | undefined;
  /** The process instance's variables as stored (typed, serialized). */
  variables(processInstanceId: string): Record<string, CamundaVariable>;
  /** How many completions were applied to the task (through REST or out of band). */
  completionsApplied(taskId: string): number;
  /** How many `POST /task/{id}/complete` requests arrived for the task, applied or not. */
  completeRequests(taskId: string): number;
  /** How many messages were correlated to the process instance. */
  correlationsApplied(processInstanceId: string): number;
  /** Every request received, in order. */
  readonly requests: readonly { method: string; path: string }[];
}

const PRIMITIVES: Record<string, string> = { String: 'java.lang.String', Boolean: 'java.lang.Boolean', Integer: 'java.lang.Integer', Short: 'java.lang.Short', Long: 'java.lang.Long', Double: 'java.lang.Double', Date: 'java.util.Date' };
const SERIALIZABLE = new Set(['Json', 'Xml', 'Object']);
const CAMUNDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

/** Camunda's REST date format `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, in UTC. */
function camundaTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** Milliseconds of a date in Camunda's format (`+0000` has no colon, which `Date.parse` does not promise to read). */
function parseCamundaTime(value: string): number {
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** A REST variable as the engine would store it, or a 400 as `VariableValueDto.toTypedValue` raises it. */
function typedValue(dto: unknown): { type: string; value: unknown; valueInfo: Record<string, unknown> } {
  if (dto === null || typeof dto !== 'object') throw new CamundaFailure(400, 'InvalidRequestException', 'a variable must be an object with value and type');
  const { type: rawType, value, valueInfo } = dto as { type?: unknown; value?: unknown; valueInfo?: unknown };
  const info = valueInfo !== null && typeof valueInfo === 'object' ? (valueInfo as Record<string, unknown>) : {};
  if (rawType === undefined || rawType === null) {
    // Untyped: the engine infers the type of a primitive value.
    if (value === null || value === undefined) return { type: 'Null', value: null, valueInfo: info };
    if (typeof value === 'string') return { type: 'String', value, valueInfo: info };
    if (typeof value === 'boolean') return { type: 'Boolean', value, valueInfo: info };
    if (typeof value === 'number') return { type: Number.isInteger(value) ? (Math.abs(value) < 2 ** 31 ? 'Integer' : 'Long') : 'Double', value, valueInfo: info };
    throw new CamundaFailure(400, 'InvalidRequestException', 'untyped object values are not supported by this double');
  }
  if (typeof rawType !== 'string' || rawType === '') throw new CamundaFailure(400, 'InvalidRequestException', `Unsupported value type '${JSON.stringify(rawType)}'`);
  const type = rawType.charAt(0).toUpperCase() + rawType.slice(1);
  if (type === 'Null') return { type, value: null, valueInfo: info };
  if (SERIALIZABLE.has(type)) {
    if (value !== null && value !== undefined && typeof value !== 'string') throw new CamundaFailure(400, 'InvalidRequestException', `Must provide 'null' or String value for value of SerializableValue type '${rawType}'.`);
    return { type, value: value ?? null, valueInfo: info };
  }
  const javaType = PRIMITIVES[type];
  if (!javaType) throw new CamundaFailure(400, 'InvalidRequestException', `Unsupported value type '${rawType}'`);
  if (value === null || value === undefined) return { type, value: null, valueInfo: info };
  const converted = convertPrimitive(type, value);
  if (converted === undefined) throw new CamundaFailure(400, 'InvalidRequestException', `Cannot convert value '${typeof value === 'string' ? value : JSON.stringify(value)}' of type '${rawType}' to java type ${javaType}`);
  return { type, value: converted, valueInfo: info };
}

function convertPrimitive(type: string, value: unknown): unknown {
  const asNumber = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  switch (type) {
    case 'String':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    case 'Boolean':
      return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
    case 'Integer':
      return Number.isInteger(asNumber) && asNumber >= -(2 ** 31) && asNumber < 2 ** 31 ? asNumber : undefined;
    case 'Short':
      return Number.isInteger(asNumber) && asNumber >= -(2 ** 15) && asNumber < 2 ** 15 ? asNumber : undefined;
    case 'Long':
      return Number.isSafeInteger(asNumber) ? asNumber : undefined;
    case 'Double':
      return Number.isFinite(asNumber) ? asNumber : undefined;
    case 'Date':
      return typeof value === 'string' && CAMUNDA_DATE.test(value) ? value : undefined;
    default:
      return undefined;
  }
}

/**
 * Creates the double; call `listen()` to serve it.
 *
 * @example
 * const camunda = camunda7Double({ processes: { 'quote-approval': { userTasks: ['approve'] } } });
 * const port = new Camunda7Port({ baseUrl: await camunda.listen() });
 * camunda.faults.dropNextResponse({ match: { method: 'POST', path: /\/complete$/ } });
 */
export function camunda7Double(options: Camunda7DoubleOptions): Camunda7Double {
  const clock = options.clock ?? (() => new Date());
  const now = () => camundaTime(clock());
  const instances = new Map<string, DoubleProcessInstance>();
  const tasks = new Map<string, DoubleTask>();
  const variables = new Map<string, DoubleVariable>();
  const details: DoubleDetail[] = [];
  const applied = new Map<string, number>();
  const completeRequestCount = new Map<string, number>();
  const correlations = new Map<string, number>();
  const requests: { method: string; path: string }[] = [];
  let faults: Fault[] = [];
  let server: Server | undefined;
  let url = '';

  const increment = (counter: Map<string, number>, key: string) => counter.set(key, (counter.get(key) ?? 0) + 1);

  const modelOf = (key: string): Camunda7DoubleProcess => {
    const model = options.processes[key];
    if (!model) throw new Error(`the double has no process ${key}`);
    return model;
  };

  const setVariables = (instance: DoubleProcessInstance, values: Record<string, { type: string; value: unknown; valueInfo: Record<string, unknown> }>, activityInstanceId: string, initial = false) => {
    const time = now();
    for (const [name, typed] of Object.entries(values)) {
      let variable = [...variables.values()].find((v) => v.processInstanceId === instance.id && v.name === name);
      if (variable) {
        Object.assign(variable, { type: typed.type, value: typed.value, valueInfo: typed.valueInfo, revision: variable.revision + 1 });
      } else {
        variable = { id: randomUUID(), name, ...typed, processInstanceId: instance.id, activityInstanceId, createTime: time, revision: 0 };
        variables.set(variable.id, variable);
      }
      details.push({ id: randomUUID(), variableInstanceId: variable.id, variableName: name, variableType: typed.type, value: typed.value, valueInfo: typed.valueInfo, processInstanceId: instance.id, activityInstanceId, time, revision: variable.revision, initial });
    }
  };

  const typedAll = (raw: unknown): Record<string, { type: string; value: unknown; valueInfo: Record<string, unknown> }> => {
    if (raw === undefined || raw === null) return {};
    if (typeof raw !== 'object') throw new CamundaFailure(400, 'InvalidRequestException', 'variables must be an object');
    return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([name, dto]) => [name, typedValue(dto)]));
  };

  const openTask = (instance: DoubleProcessInstance, taskDefinitionKey: string) => {
    const id = randomUUID();
    tasks.set(id, {
      id, name: taskDefinitionKey, taskDefinitionKey, processInstanceId: instance.id, processDefinitionKey: instance.definitionKey, processDefinitionId: instance.definitionId,
      activityInstanceId: `${taskDefinitionKey}:${randomUUID()}`, assignee: null, tenantId: instance.tenantId, startTime: now(), endTime: null, deleteReason: null,
    });
  };

  const endTask = (task: DoubleTask, deleteReason: string) => {
    task.endTime = now();
    task.deleteReason = deleteReason;
  };

  const finish = (instance: DoubleProcessInstance, state: DoubleProcessInstance['state'], deleteReason: string | null) => {
    instance.state = state;
    instance.endTime = now();
    instance.deleteReason = deleteReason;
  };

  const open = (processInstanceId?: string) => [...tasks.values()].filter((t) => t.endTime === null && (!processInstanceId || t.processInstanceId === processInstanceId));

  const start = (key: string, rawVariables: unknown, businessKey: string | null, tenantId: string | null): DoubleProcessInstance => {
    const model = modelOf(key);
    const typed = typedAll(rawVariables);
    const instance: DoubleProcessInstance = { id: randomUUID(), definitionKey: key, definitionId: `${key}:1:${randomUUID()}`, businessKey, tenantId, state: 'ACTIVE', startTime: now(), endTime: null, deleteReason: null };
    instances.set(instance.id, instance);
    setVariables(instance, typed, instance.id, true);
    const first = model.userTasks[0];
    if (first) openTask(instance, first);
    else finish(instance, 'COMPLETED', null);
    return instance;
  };

  const complete = (taskId: string, rawVariables: unknown, assignee: string | null): Record<string, CamundaVariable> => {
    const typed = typedAll(rawVariables);
    const task = tasks.get(taskId);
    if (!task || task.endTime !== null) throw new CamundaFailure(500, 'RestException', `Cannot find task with id ${taskId}: task is null`, 0);
    const instance = instances.get(task.processInstanceId)!;
    setVariables(instance, typed, task.activityInstanceId);
    if (assignee) task.assignee = assignee;
    endTask(task, 'completed');
    increment(applied, taskId);
    const userTasks = modelOf(instance.definitionKey).userTasks;
    const next = userTasks[userTasks.indexOf(task.taskDefinitionKey) + 1];
    if (next) openTask(instance, next);
    else finish(instance, 'COMPLETED', null);
    return snapshotVariables(instance.id);
  };

  const snapshotVariables = (processInstanceId: string): Record<string, CamundaVariable> =>
    Object.fromEntries([...variables.values()].filter((v) => v.processInstanceId === processInstanceId).map((v) => [v.name, { type: v.type, value: v.value, valueInfo: v.valueInfo }]));

  const correlate = (body: Record<string, unknown>) => {
    const messageName = body.messageName;
    if (typeof messageName !== 'string') throw new CamundaFailure(400, 'InvalidRequestException', 'No message name supplied');
    let typed;
    try {
      typed = typedAll(body.processVariables);
    } catch (error) {
      if (error instanceof CamundaFailure) throw new CamundaFailure(error.status, error.type, `Cannot deliver message: ${error.message}`);
      throw error;
    }
    const matches = [...instances.values()].filter((instance) => {
      const waits = instance.state === 'ACTIVE' ? modelOf(instance.definitionKey).messages?.[messageName] : undefined;
      if (!waits) return false;
      if (typeof body.processInstanceId === 'string' && body.processInstanceId !== instance.id) return false;
      if (typeof body.businessKey === 'string' && body.businessKey !== instance.businessKey) return false;
      if (typeof body.tenantId === 'string' && body.tenantId !== instance.tenantId) return false;
      return !waits.whileAt || open(instance.id).some((t) => waits.whileAt!.includes(t.taskDefinitionKey));
    });
    if (matches.length === 0) {
      throw new CamundaFailure(400, 'RestException', `org.camunda.bpm.engine.MismatchingMessageCorrelationException: Cannot correlate message '${messageName}': No process definition or execution matches the parameters`, 0);
    }
    if (matches.length > 1) {
      throw new CamundaFailure(400, 'RestException', `org.camunda.bpm.engine.MismatchingMessageCorrelationException: Cannot correlate a message with name '${messageName}' to a single execution. ${matches.length} executions match the correlation keys`, 0);
    }
    const instance = matches[0]!;
    const waits = modelOf(instance.definitionKey).messages![messageName]!;
    setVariables(instance, typed, instance.id);
    for (const task of open(instance.id)) endTask(task, 'deleted');
    increment(correlations, instance.id);
    if (waits.goTo) openTask(instance, waits.goTo);
    else finish(instance, 'COMPLETED', null);
    return [{ resultType: 'Execution', execution: { id: instance.id, processInstanceId: instance.id, ended: instance.state !== 'ACTIVE', tenantId: instance.tenantId }, processInstance: null }];
  };

  const taskDto = (t: DoubleTask) => ({
    id: t.id, name: t.name, assignee: t.assignee, owner: null, created: t.startTime, lastUpdated: null, due: null, followUp: null, delegationState: null, description: null,
    executionId: t.processInstanceId, parentTaskId: null, priority: 50, processDefinitionId: t.processDefinitionId, processInstanceId: t.processInstanceId,
    caseExecutionId: null, caseDefinitionId: null, caseInstanceId: null, taskDefinitionKey: t.taskDefinitionKey, suspended: false, formKey: null, camundaFormRef: null, tenantId: t.tenantId,
  });

  const historicTaskDto = (t: DoubleTask) => ({
    id: t.id, processDefinitionKey: t.processDefinitionKey, processDefinitionId: t.processDefinitionId, processInstanceId: t.processInstanceId, executionId: t.processInstanceId,
    caseDefinitionKey: null, caseDefinitionId: null, caseInstanceId: null, caseExecutionId: null, activityInstanceId: t.activityInstanceId, name: t.name, description: null,
    deleteReason: t.deleteReason, owner: null, assignee: t.assignee, startTime: t.startTime, endTime: t.endTime,
    duration: t.endTime === null ? null : parseCamundaTime(t.endTime) - parseCamundaTime(t.startTime),
    taskDefinitionKey: t.taskDefinitionKey, priority: 50, due: null, parentTaskId: null, followUp: null, tenantId: t.tenantId, removalTime: null, rootProcessInstanceId: t.processInstanceId,
  });

  const variableDto = (v: DoubleVariable) => {
    const instance = instances.get(v.processInstanceId)!;
    return {
      id: v.id, name: v.name, type: v.type, value: v.value, valueInfo: v.valueInfo, processDefinitionKey: instance.definitionKey, processDefinitionId: instance.definitionId,
      processInstanceId: v.processInstanceId, executionId: v.processInstanceId, activityInstanceId: v.activityInstanceId, caseDefinitionKey: null, caseDefinitionId: null,
      caseInstanceId: null, caseExecutionId: null, taskId: null, tenantId: instance.tenantId, errorMessage: null, state: 'CREATED', createTime: v.createTime, removalTime: null,
      rootProcessInstanceId: v.processInstanceId,
    };
  };

  const detailDto = (d: DoubleDetail) => {
    const instance = instances.get(d.processInstanceId)!;
    return {
      type: 'variableUpdate', id: d.id, processDefinitionKey: instance.definitionKey, processDefinitionId: instance.definitionId, processInstanceId: d.processInstanceId,
      activityInstanceId: d.activityInstanceId, executionId: d.processInstanceId, caseDefinitionKey: null, caseDefinitionId: null, caseInstanceId: null, caseExecutionId: null,
      taskId: null, tenantId: instance.tenantId, userOperationId: null, time: d.time, removalTime: null, rootProcessInstanceId: d.processInstanceId, variableName: d.variableName,
      variableInstanceId: d.variableInstanceId, variableType: d.variableType, value: d.value, valueInfo: d.valueInfo, initial: d.initial, revision: d.revision, errorMessage: null,
    };
  };

  const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const list = (value: unknown): string[] | undefined => str(value)?.split(',');
  const page = <T>(items: T[], query: Request['query']): T[] => {
    const first = Number(str(query.firstResult) ?? 0);
    const max = str(query.maxResults);
    return items.slice(first, max === undefined ? undefined : first + Number(max));
  };

  /**
   * Answers unless the request's response is to be lost: then the change stays applied and the
   * connection is destroyed. A delayed response is sent later, unless the connection closed first.
   */
  const reply = (res: Response, status: number, body?: unknown) => {
    if (res.locals.drop === true) {
      res.socket?.destroy();
      return;
    }
    const send = () => {
      if (body === undefined) res.status(status).end();
      else res.status(status).json(body);
    };
    const responseDelayMs = typeof res.locals.responseDelayMs === 'number' ? res.locals.responseDelayMs : 0;
    if (responseDelayMs <= 0) return send();
    const timer = setTimeout(send, responseDelayMs);
    res.once('close', () => clearTimeout(timer));
  };

  const api = express.Router();

  api.post(['/process-definition/key/:key/start', '/process-definition/key/:key/tenant-id/:tenantId/start'], (req, res) => {
    const key = String(req.params.key);
    const tenantId = str(req.params.tenantId) ?? null;
    if (!options.processes[key]) {
      throw new CamundaFailure(404, 'RestException', tenantId ? `No matching process definition with key: ${key} and tenant-id: ${tenantId}` : `No matching process definition with key: ${key} and no tenant-id`);
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    let instance: DoubleProcessInstance;
    try {
      instance = start(key, body.variables, str(body.businessKey) ?? null, tenantId);
    } catch (error) {
      if (error instanceof CamundaFailure) throw new CamundaFailure(error.status, error.type, `Cannot instantiate process definition ${key}: ${error.message}`);
      throw error;
    }
    reply(res, 200, {
      links: [{ method: 'GET', href: `${url}/process-instance/${instance.id}`, rel: 'self' }],
      id: instance.id, definitionId: instance.definitionId, businessKey: instance.businessKey, caseInstanceId: null, ended: instance.state !== 'ACTIVE', suspended: false, tenantId: instance.tenantId,
    });
  });

  api.get('/task', (req, res) => {
    const q = req.query;
    const tenants = list(q.tenantIdIn);
    const found = open().filter(
      (t) =>
        (!str(q.processInstanceId) || t.processInstanceId === q.processInstanceId) &&
        (!str(q.processDefinitionKey) || t.processDefinitionKey === q.processDefinitionKey) &&
        (!str(q.taskDefinitionKey) || t.taskDefinitionKey === q.taskDefinitionKey) &&
        (!tenants || (t.tenantId !== null && tenants.includes(t.tenantId))),
    );
    reply(res, 200, page(found, q).map(taskDto));
  });

  api.get('/task/:id', (req, res) => {
    const task = tasks.get(String(req.params.id));
    if (!task || task.endTime !== null) throw new CamundaFailure(404, 'InvalidRequestException', `No matching task with id ${String(req.params.id)}`);
    reply(res, 200, taskDto(task));
  });

  api.get('/task/:id/variables', (req, res) => {
    const task = tasks.get(String(req.params.id));
    if (!task || task.endTime !== null) throw new CamundaFailure(500, 'InvalidRequestException', `Cannot get task variables: task ${String(req.params.id)} doesn't exist: task is null`, 0);
    reply(res, 200, snapshotVariables(task.processInstanceId));
  });

  api.post('/task/:id/complete', (req, res) => {
    const taskId = String(req.params.id);
    increment(completeRequestCount, taskId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    let result: Record<string, CamundaVariable>;
    try {
      result = complete(taskId, body.variables, null);
    } catch (error) {
      if (error instanceof CamundaFailure) throw new CamundaFailure(error.status, error.type, `Cannot complete task ${taskId}: ${error.message}`, error.code);
      throw error;
    }
    if (body.withVariablesInReturn === true) reply(res, 200, result);
    else reply(res, 204);
  });

  api.post('/message', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = correlate(body);
    if (body.resultEnabled === true) reply(res, 200, result);
    else reply(res, 204);
  });

  api.get('/process-instance/:id', (req, res) => {
    const instance = instances.get(String(req.params.id));
    if (!instance || instance.state !== 'ACTIVE') throw new CamundaFailure(404, 'InvalidRequestException', `Process instance with id ${String(req.params.id)} does not exist`);
    reply(res, 200, {
      links: [{ method: 'GET', href: `${url}/process-instance/${instance.id}`, rel: 'self' }],
      id: instance.id, definitionId: instance.definitionId, businessKey: instance.businessKey, caseInstanceId: null, ended: false, suspended: false, tenantId: instance.tenantId,
    });
  });

  // With history level none, the history tables stay empty.
  const withHistory = options.historyLevel !== 'none';

  api.get('/history/process-instance/:id', (req, res) => {
    const instance = withHistory ? instances.get(String(req.params.id)) : undefined;
    if (!instance) throw new CamundaFailure(404, 'InvalidRequestException', `Historic process instance with id ${String(req.params.id)} does not exist`);
    reply(res, 200, {
      id: instance.id, businessKey: instance.businessKey, processDefinitionId: instance.definitionId, processDefinitionKey: instance.definitionKey, processDefinitionName: instance.definitionKey,
      processDefinitionVersion: 1, startTime: instance.startTime, endTime: instance.endTime,
      durationInMillis: instance.endTime === null ? null : parseCamundaTime(instance.endTime) - parseCamundaTime(instance.startTime), removalTime: null, startUserId: null,
      startActivityId: null, deleteReason: instance.deleteReason, rootProcessInstanceId: instance.id, superProcessInstanceId: null, superCaseInstanceId: null, caseInstanceId: null,
      tenantId: instance.tenantId, state: instance.state,
    });
  });

  api.get('/history/task', (req, res) => {
    const q = req.query;
    const found = [...tasks.values()].filter(
      (t) =>
        withHistory &&
        (!str(q.taskId) || t.id === q.taskId) &&
        (!str(q.processInstanceId) || t.processInstanceId === q.processInstanceId) &&
        (!str(q.taskDefinitionKey) || t.taskDefinitionKey === q.taskDefinitionKey) &&
        (q.finished !== 'true' || t.endTime !== null) &&
        (q.unfinished !== 'true' || t.endTime === null),
    );
    reply(res, 200, page(found, q).map(historicTaskDto));
  });

  api.get('/history/variable-instance', (req, res) => {
    const q = req.query;
    const instanceIds = list(q.processInstanceIdIn);
    const taskIds = list(q.taskIdIn);
    const found = [...variables.values()].filter(
      (v) =>
        withHistory &&
        (!str(q.variableName) || v.name === q.variableName) &&
        (!str(q.processInstanceId) || v.processInstanceId === q.processInstanceId) &&
        (!instanceIds || instanceIds.includes(v.processInstanceId)) &&
        !taskIds, // every variable of the double lives on the process instance scope: none belongs to a task
    );
    reply(res, 200, page(found, q).map(variableDto));
  });

  api.get('/history/detail', (req, res) => {
    const q = req.query;
    const found = details.filter(
      (d) =>
        withHistory &&
        (!str(q.variableInstanceId) || d.variableInstanceId === q.variableInstanceId) &&
        (!str(q.processInstanceId) || d.processInstanceId === q.processInstanceId) &&
        (!str(q.activityInstanceId) || d.activityInstanceId === q.activityInstanceId) &&
        q.formFields !== 'true',
    );
    reply(res, 200, page(found, q).map(detailDto));
  });

  const app = express();
  app.disable('x-powered-by');

  if (options.basicAuth) {
    const expected = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
    app.use((req, res, next) => {
      if (req.header('authorization') === expected) return next();
      res.status(401).set('WWW-Authenticate', 'Basic realm="default"').end();
    });
  }

  app.use(express.json({ limit: '5mb' }));

  app.use('/engine-rest', (req, res, next) => {
    requests.push({ method: req.method, path: req.path });
    const matching = faults.filter((f) => f.remaining > 0 && (!f.match.method || f.match.method.toUpperCase() === req.method) && (!f.match.path || f.match.path.test(req.path)));
    const failure = matching.find((f) => f.kind === 'fail');
    const drop = matching.find((f) => f.kind === 'drop');
    const wait = matching.reduce((ms, f) => ms + (f.kind === 'delay' ? f.ms : 0), 0);
    const responseWait = matching.reduce((ms, f) => ms + (f.kind === 'delayResponse' ? f.ms : 0), 0);
    for (const f of matching) if (f.kind === 'delay' || f.kind === 'delayResponse' || f === failure || f === drop) f.remaining--;
    faults = faults.filter((f) => f.remaining > 0);
    const proceed = () => {
      if (failure?.kind === 'fail') {
        res.status(failure.status).type('text/plain').send(failure.status === 503 ? 'Service Unavailable' : `HTTP ${failure.status}`);
        return;
      }
      if (drop) res.locals.drop = true;
      if (responseWait > 0) res.locals.responseDelayMs = responseWait;
      next();
    };
    if (wait > 0) setTimeout(proceed, wait);
    else proceed();
  });

  app.use('/engine-rest', api);

  app.use((_req, res) => {
    res.status(404).json({ type: 'NotFoundException', message: 'HTTP 404 Not Found' });
  });

  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof CamundaFailure) {
      reply(res, error.status, { type: error.type, message: error.message, ...(error.code !== undefined ? { code: error.code } : {}) });
      return;
    }
    const parseFailed = (error as { type?: unknown }).type === 'entity.parse.failed';
    if (parseFailed) {
      res.status(400).json({ type: 'JsonParseException', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    res.status(500).json({ type: 'ProcessEngineException', message: error instanceof Error ? error.message : String(error), code: 0 });
  });

  const matchOf = (match?: RequestMatch): RequestMatch => ({ ...match });

  return {
    async listen(port = 0, host = '127.0.0.1') {
      const listening = app.listen(port, host);
      server = listening;
      await new Promise<void>((resolve, reject) => {
        listening.once('listening', resolve);
        listening.once('error', reject);
      });
      const address = listening.address() as AddressInfo;
      url = `http://${host}:${address.port}/engine-rest`;
      return url;
    },
    async close() {
      const running = server;
      server = undefined;
      if (!running) return;
      running.closeAllConnections();
      await new Promise<void>((resolve, reject) => running.close((error) => (error ? reject(error) : resolve())));
    },
    get url() {
      return url;
    },
    faults: {
      failNext(count, faultOptions = {}) {
        faults.push({ kind: 'fail', status: faultOptions.status ?? 503, match: matchOf(faultOptions.match), remaining: count });
      },
      dropNextResponse(faultOptions = {}) {
        faults.push({ kind: 'drop', match: matchOf(faultOptions.match), remaining: 1 });
      },
      delay(ms, faultOptions = {}) {
        faults.push({ kind: 'delay', ms, match: matchOf(faultOptions.match), remaining: faultOptions.count ?? Number.POSITIVE_INFINITY });
      },
      delayResponse(ms, faultOptions = {}) {
        faults.push({ kind: 'delayResponse', ms, match: matchOf(faultOptions.match), remaining: faultOptions.count ?? 1 });
      },
      clear() {
        faults = [];
      },
    },
    startProcess(processKey, startVariables = {}, businessKey) {
      return { ...start(processKey, startVariables, businessKey ?? null, null) };
    },
    completeTaskOutOfBand(taskId, outOfBand = {}) {
      complete(taskId, outOfBand.variables ?? {}, outOfBand.assignee ?? null);
    },
    endProcess(processInstanceId, deleteReason = 'deleted') {
      const instance = instances.get(processInstanceId);
      if (!instance || instance.state !== 'ACTIVE') throw new Error(`process instance ${processInstanceId} is not running`);
      for (const task of open(processInstanceId)) endTask(task, deleteReason);
      finish(instance, 'EXTERNALLY_TERMINATED', deleteReason);
    },
    processInstance(id) {
      const instance = instances.get(id);
      return instance ? { ...instance } : undefined;
    },
    openTasks(processInstanceId) {
      return open(processInstanceId).map((t) => ({ ...t }));
    },
    historicTask(taskId) {
      const task = tasks.get(taskId);
      return task ? { ...task } : undefined;
    },
    variables: snapshotVariables,
    completionsApplied: (taskId) => applied.get(taskId) ?? 0,
    completeRequests: (taskId) => completeRequestCount.get(taskId) ?? 0,
    correlationsApplied: (processInstanceId) => correlations.get(processInstanceId) ?? 0,
    requests,
  };
}
