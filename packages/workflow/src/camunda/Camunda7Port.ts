/**
 * The Camunda 7 REST adapter of the workflow port (REST reference of Camunda 7.22; the endpoints
 * and parameters used are the same in 7.21 and later 7.x).
 *
 * Why it checks instead of guessing: a completion whose answer was lost (timeout, reset, gateway
 * 5xx) may or may not have been applied. Every completion carries the outbox command id as the
 * process variable `mandateCommandId`, so the engine's history can say who completed the task:
 *
 * 1. still open (`GET /task/{id}` 200): the completion did not happen; throw
 *    {@link WorkflowUnavailableError} so the relay sends it again;
 * 2. gone from the runtime: read the historic task (`GET /history/task?taskId=`). Ended with
 *    `deleteReason` `completed`: look for our command id among the values of `mandateCommandId`
 *    in that process instance (`GET /history/variable-instance`, then every update of it in
 *    `GET /history/detail`, since a later task may have overwritten it): ours → `already-done`,
 *    not ours → `conflict` (someone else completed it: an operator incident). Ended with another
 *    reason (process cancelled, boundary event, message) → `gone`;
 * 3. no historic task either: Camunda never had that task in that process instance → `gone`, as
 *    the other adapters answer. Only when the instance is running without any history (history
 *    level none) can Camunda not say what happened to the task → `conflict`, for an operator;
 * 4. Camunda unreachable while checking → {@link WorkflowUnavailableError}.
 *
 * A definitive 4xx about the request itself (invalid variable, missing authorization) is thrown
 * as {@link Camunda7Error} without a check: nothing was applied and sending it again will not help.
 */
import { COMMAND_ID_VARIABLE, WorkflowUnavailableError, type CallerRef, type CompleteTaskCommand, type CorrelateMessageCommand, type PortOutcome, type WorkflowPort } from '../WorkflowPort.js';
import { Camunda7Error } from './Camunda7Error.js';
import { fromCamundaVariables, toCamundaVariables, type CamundaVariable } from './toCamundaVariables.js';

/** How to reach one Camunda 7 engine's REST API. */
export interface Camunda7PortOptions {
  /** The REST root, e.g. `http://camunda:8080/engine-rest`. */
  baseUrl: string;
  /** HTTP basic auth (Camunda's `ProcessEngineAuthenticationFilter`) or a bearer token (e.g. behind an OIDC gateway). */
  auth?: { username: string; password: string } | { bearerToken: string | (() => string | Promise<string>) };
  /** Per request; a request without an answer by then counts as not answered. Default 10 000 ms. */
  timeoutMs?: number;
  /** The tenant to start processes, list tasks and correlate messages in (not combined with a process instance id). */
  tenantId?: string;
  /** Injectable for tests and instrumentation; defaults to the global `fetch`. */
  fetch?: typeof globalThis.fetch;
}

/** A runtime user task as `GET /task` returns it (the fields Mandate reads). */
export interface Camunda7Task {
  id: string;
  name: string | null;
  /** The user task's id in the BPMN: Mandate's `activityId`. */
  taskDefinitionKey: string;
  processInstanceId: string;
  /** `key:version:uuid` for most deployments. */
  processDefinitionId: string;
  executionId: string | null;
  assignee: string | null;
  created: string;
  due: string | null;
  priority: number;
  tenantId: string | null;
}

/** A task as `GET /history/task` returns it (the fields the duplicate check reads). */
export interface Camunda7HistoricTask {
  id: string;
  processInstanceId: string | null;
  processDefinitionKey: string | null;
  activityInstanceId: string | null;
  taskDefinitionKey: string | null;
  assignee: string | null;
  startTime: string;
  /** Null while the task is open. */
  endTime: string | null;
  /** `completed` when completed; `deleted` or a custom reason when it ended otherwise. */
  deleteReason: string | null;
}

/** A started process instance as `POST /process-definition/key/{key}/start` returns it. */
export interface Camunda7ProcessInstance {
  id: string;
  definitionId: string;
  businessKey: string | null;
  ended: boolean;
  suspended: boolean;
  tenantId: string | null;
}

/** Filters of {@link Camunda7Port.listTasks}; all optional, combined with AND. */
export interface Camunda7TaskFilter {
  processInstanceId?: string;
  processDefinitionKey?: string;
  taskDefinitionKey?: string;
  firstResult?: number;
  maxResults?: number;
}

interface CamundaResponse {
  status: number;
  body: unknown;
}

interface HistoricVariable {
  id: string;
  value: unknown;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** What Camunda says when a task is not there: 500 "Cannot find task with id …" on complete (7.x), 404 "No matching task" on GET. */
const TASK_MISSING = /Cannot find task with id|No matching task with id|task .* (?:does not|doesn't) exist/i;
/** Camunda's 400 when no process waits for the message. */
const NO_MESSAGE_MATCH = /No process definition or execution matches the parameters/;

/**
 * The caller reference of a Camunda user task: what a poller stores with the work item it creates
 * for the task, so the decision finds its way back to it.
 *
 * @example
 * const [task] = await port.listTasks({ processDefinitionKey: 'quote-approval' });
 * camunda7CallerRef(task, 'quote-approval') // { engine: 'camunda7', processKey: 'quote-approval', activityId: 'approve', … }
 */
export function camunda7CallerRef(task: Camunda7Task, processKey: string): CallerRef {
  return { engine: 'camunda7', processKey, processInstanceId: task.processInstanceId, activityId: task.taskDefinitionKey, taskId: task.id };
}

/**
 * {@link WorkflowPort} for Camunda 7 over its REST API, on `fetch`. Completes user tasks
 * (`POST /task/{id}/complete`) and correlates messages (`POST /message`), checking Camunda's history
 * after any failure that could hide an applied command; also starts processes and reads tasks for
 * the poller that turns Camunda user tasks into work items.
 *
 * @example
 * const port = new Camunda7Port({ baseUrl: 'http://camunda:8080/engine-rest', auth: { username: 'mandate', password }, timeoutMs: 5000 });
 * new OutboxRelay({ ports: [port], … });
 */
export class Camunda7Port implements WorkflowPort {
  readonly engine = 'camunda7';
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof globalThis.fetch;

  constructor(private readonly options: Camunda7PortOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /**
   * Completes the user task with the variables as typed Camunda variables plus `mandateCommandId`.
   *
   * @throws WorkflowUnavailableError when Camunda cannot be reached, or the task is still open after a failed attempt.
   * @throws Camunda7Error on a definitive 4xx (invalid variable, missing authorization).
   */
  async completeTask(command: CompleteTaskCommand): Promise<PortOutcome> {
    const taskId = command.callerRef.taskId;
    const variables = { ...toCamundaVariables(command.variables), [COMMAND_ID_VARIABLE]: { type: 'String', value: command.commandId } };
    let response: CamundaResponse;
    try {
      response = await this.call('POST', `/task/${encodeURIComponent(taskId)}/complete`, { body: { variables, withVariablesInReturn: false } });
    } catch (error) {
      if (error instanceof WorkflowUnavailableError) return this.settleCompletion(command, `the completion got no answer (${error.message})`, false);
      throw error;
    }
    if (isSuccess(response.status)) return { kind: 'done' };
    const error = camundaError(response);
    if ((response.status === 404 || response.status === 500) && TASK_MISSING.test(error.camundaMessage)) return this.settleCompletion(command, 'Camunda no longer has the task', true);
    if (isTransient(response.status)) return this.settleCompletion(command, `the completion failed (${error.message})`, false);
    throw error;
  }

  /**
   * Correlates the message with `resultEnabled`, the variables as typed process variables plus
   * `mandateCommandId`. With a process instance id, our command id in that instance's history
   * means an earlier attempt already delivered it (`already-done`, nothing is sent again); a
   * message no process waits for is `gone`.
   *
   * @throws WorkflowUnavailableError when Camunda cannot be reached.
   * @throws Camunda7Error on a definitive 4xx (e.g. the message matches several executions).
   */
  async correlateMessage(command: CorrelateMessageCommand): Promise<PortOutcome> {
    const { processInstanceId } = command;
    const alreadyDelivered: PortOutcome = { kind: 'already-done', note: `message ${command.messageName} was already delivered by command ${command.commandId} (an earlier answer was lost)` };
    if (processInstanceId && (await this.commandRecorded(processInstanceId, command.commandId))) return alreadyDelivered;
    const body = {
      messageName: command.messageName,
      ...(processInstanceId ? { processInstanceId } : {}),
      ...(command.businessKey ? { businessKey: command.businessKey } : {}),
      // Camunda refuses a tenant id together with a process instance id.
      ...(this.options.tenantId && !processInstanceId ? { tenantId: this.options.tenantId } : {}),
      processVariables: { ...toCamundaVariables(command.variables), [COMMAND_ID_VARIABLE]: { type: 'String', value: command.commandId } },
      resultEnabled: true,
    };
    let response: CamundaResponse;
    try {
      response = await this.call('POST', '/message', { body });
    } catch (error) {
      if (error instanceof WorkflowUnavailableError && processInstanceId && (await this.commandRecorded(processInstanceId, command.commandId).catch(() => false))) return alreadyDelivered;
      throw error;
    }
    if (isSuccess(response.status)) return { kind: 'done' };
    const error = camundaError(response);
    if (response.status === 400 && NO_MESSAGE_MATCH.test(error.camundaMessage)) {
      if (processInstanceId && (await this.commandRecorded(processInstanceId, command.commandId))) return alreadyDelivered;
      const target = processInstanceId ? `process instance ${processInstanceId}` : command.businessKey ? `business key ${command.businessKey}` : 'any process';
      return { kind: 'gone', note: `no execution of ${target} waits for message ${command.messageName} (ended, cancelled or moved on)` };
    }
    if (isTransient(response.status)) {
      if (processInstanceId && (await this.commandRecorded(processInstanceId, command.commandId))) return alreadyDelivered;
      throw new WorkflowUnavailableError(`message ${command.messageName} failed: ${error.message}`, { cause: error });
    }
    throw error;
  }

  /** The open user task, or undefined when Camunda has no such open task. */
  async fetchTask(taskId: string): Promise<Camunda7Task | undefined> {
    const response = await this.call('GET', `/task/${encodeURIComponent(taskId)}`);
    if (response.status === 404) return undefined;
    return expectOk<Camunda7Task>(response);
  }

  /** Open user tasks, oldest first, in the configured tenant. */
  async listTasks(filter: Camunda7TaskFilter = {}): Promise<Camunda7Task[]> {
    const query = {
      processInstanceId: filter.processInstanceId,
      processDefinitionKey: filter.processDefinitionKey,
      taskDefinitionKey: filter.taskDefinitionKey,
      tenantIdIn: this.options.tenantId,
      firstResult: filter.firstResult?.toString(),
      maxResults: filter.maxResults?.toString(),
      sortBy: 'created',
      sortOrder: 'asc',
    };
    return expectOk<Camunda7Task[]>(await this.call('GET', '/task', { query }));
  }

  /**
   * The variables visible from an open task (its own and its process's), as JS values (`Json`
   * parsed); undefined when the task is not open. For an input mapping.
   */
  async fetchTaskVariables(taskId: string): Promise<Record<string, unknown> | undefined> {
    const response = await this.call('GET', `/task/${encodeURIComponent(taskId)}/variables`, { query: { deserializeValues: 'false' } });
    if (response.status === 404 || (response.status === 500 && TASK_MISSING.test(camundaError(response).camundaMessage))) return undefined;
    return fromCamundaVariables(expectOk<Record<string, CamundaVariable>>(response));
  }

  /** Starts the latest version of a process definition (in the configured tenant) with typed variables. */
  async startProcess(processKey: string, variables: Record<string, unknown> = {}, businessKey?: string): Promise<Camunda7ProcessInstance> {
    const tenant = this.options.tenantId ? `/tenant-id/${encodeURIComponent(this.options.tenantId)}` : '';
    const body = { variables: toCamundaVariables(variables), ...(businessKey ? { businessKey } : {}) };
    return expectOk<Camunda7ProcessInstance>(await this.call('POST', `/process-definition/key/${encodeURIComponent(processKey)}${tenant}/start`, { body }));
  }

  /** Decides what a completion that failed without a definitive answer did, from Camunda's runtime and history. */
  private async settleCompletion(command: CompleteTaskCommand, reason: string, knownMissing: boolean): Promise<PortOutcome> {
    const { taskId } = command.callerRef;
    if (!knownMissing && (await this.fetchTask(taskId))) {
      throw new WorkflowUnavailableError(`task ${taskId} is still open after ${reason}: not completed, will retry`);
    }
    const historic = await this.historicTask(taskId);
    if (!historic) return this.settleUnknownTask(command);
    if (historic.endTime === null) throw new WorkflowUnavailableError(`task ${taskId} is not open but its history has not ended yet: check again`);
    if (historic.deleteReason !== 'completed') {
      return { kind: 'gone', note: `task ${taskId} ended at ${historic.endTime} without being completed (deleteReason ${JSON.stringify(historic.deleteReason)}): the process moved on or was cancelled` };
    }
    const processInstanceId = historic.processInstanceId ?? command.callerRef.processInstanceId;
    if (await this.commandRecorded(processInstanceId, command.commandId)) {
      return { kind: 'already-done', note: `task ${taskId} had already been completed by command ${command.commandId} at ${historic.endTime} (the answer was lost)` };
    }
    const by = historic.assignee ? ` (assignee ${historic.assignee})` : '';
    return { kind: 'conflict', note: `task ${taskId} (${command.callerRef.activityId} of process ${processInstanceId}) was completed by someone else at ${historic.endTime}${by}, not by command ${command.commandId}` };
  }

  /**
   * Neither the runtime nor the history has the task. With history (any level but none) Camunda
   * records every task of an instance, so the task was never there: `gone`, whether the instance
   * is known (`GET /history/process-instance/{id}`) or not even that (`GET /process-instance/{id}`
   * 404 too). An instance that runs but has no history is the one case Camunda cannot answer.
   */
  private async settleUnknownTask(command: CompleteTaskCommand): Promise<PortOutcome> {
    const { taskId, processInstanceId } = command.callerRef;
    const path = encodeURIComponent(processInstanceId);
    const historicInstance = await this.call('GET', `/history/process-instance/${path}`);
    if (historicInstance.status !== 404) {
      expectOk(historicInstance);
      return { kind: 'gone', note: `process instance ${processInstanceId} never had task ${taskId} (Camunda's history of the instance does not know it)` };
    }
    const running = await this.call('GET', `/process-instance/${path}`);
    if (running.status === 404) return { kind: 'gone', note: `Camunda has neither task ${taskId} nor process instance ${processInstanceId}, running or in its history` };
    expectOk(running);
    return { kind: 'conflict', note: `process instance ${processInstanceId} runs without history in Camunda (history level none): cannot tell whether command ${command.commandId} completed task ${taskId}` };
  }

  private async historicTask(taskId: string): Promise<Camunda7HistoricTask | undefined> {
    const tasks = expectOk<Camunda7HistoricTask[]>(await this.call('GET', '/history/task', { query: { taskId } }));
    return tasks[0];
  }

  /**
   * Whether `mandateCommandId` ever held this command id in the process instance: its current
   * value (`/history/variable-instance`, any history level but none), then every earlier value
   * (`/history/detail`, history level full), since a later task's completion overwrites it.
   */
  private async commandRecorded(processInstanceId: string, commandId: string): Promise<boolean> {
    const query = { variableName: COMMAND_ID_VARIABLE, processInstanceIdIn: processInstanceId, includeDeleted: 'true', deserializeValues: 'false' };
    const instances = expectOk<HistoricVariable[]>(await this.call('GET', '/history/variable-instance', { query }));
    if (instances.some((v) => v.value === commandId)) return true;
    for (const instance of instances) {
      const details = expectOk<HistoricVariable[]>(await this.call('GET', '/history/detail', { query: { variableInstanceId: instance.id, variableUpdates: 'true', deserializeValues: 'false' } }));
      if (details.some((d) => d.value === commandId)) return true;
    }
    return false;
  }

  /** One request; any HTTP status is returned, a failure without an HTTP answer is a {@link WorkflowUnavailableError}. */
  private async call(method: 'GET' | 'POST', path: string, request: { query?: Record<string, string | undefined>; body?: unknown } = {}): Promise<CamundaResponse> {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const authorization = await this.authorization();
    if (authorization) headers.authorization = authorization;
    try {
      const response = await this.fetch(url, {
        method,
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      return { status: response.status, body: parseBody(text) };
    } catch (error) {
      throw new WorkflowUnavailableError(`${method} ${path}: ${describeFailure(error, this.timeoutMs)}`, { cause: error });
    }
  }

  private async authorization(): Promise<string | undefined> {
    const auth = this.options.auth;
    if (!auth) return undefined;
    if ('username' in auth) return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    const token = typeof auth.bearerToken === 'function' ? await auth.bearerToken() : auth.bearerToken;
    return `Bearer ${token}`;
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** 5xx, and the 4xx that mean "not now" (request timeout, rate limit). */
function isTransient(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Camunda's error body (`{ type, message, code? }`) as an error; anything else (a proxy's page) as `HttpError`. */
function camundaError(response: CamundaResponse): Camunda7Error {
  const body = response.body;
  if (body !== null && typeof body === 'object') {
    const { type, message, code } = body as Record<string, unknown>;
    if (typeof message === 'string') return new Camunda7Error(response.status, typeof type === 'string' ? type : 'HttpError', message, typeof code === 'number' ? code : undefined);
  }
  const text = typeof body === 'string' ? body.trim().slice(0, 200) : '';
  return new Camunda7Error(response.status, 'HttpError', text || `HTTP ${response.status}`);
}

/** The body of a 2xx; a transient status as {@link WorkflowUnavailableError}, any other as {@link Camunda7Error}. */
function expectOk<T>(response: CamundaResponse): T {
  if (isSuccess(response.status)) return response.body as T;
  const error = camundaError(response);
  if (isTransient(response.status)) throw new WorkflowUnavailableError(`Camunda is unavailable: ${error.message}`, { cause: error });
  throw error;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  if (error instanceof Error) {
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
    return detail ? `${error.message} (${detail})` : error.message;
  }
  return String(error);
}
