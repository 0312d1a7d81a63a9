/**
 * The one place that talks to bpmn-engine. Its hand-written types are loose and its errors arrive
 * as events; everything outside this file sees sessions, waiting tasks and snapshots instead.
 *
 * Quirks handled here (bpmn-engine 25 / bpmn-elements 17):
 * - A signal's message becomes the activity's output, not process variables: completion variables
 *   are assigned to the process environment before the signal, so the gateways after it read them.
 * - Every process environment also holds the run message's `fields`, `content` and `properties` as
 *   variables; they are reserved names and hidden from readers and expressions.
 * - Each process has its own environment (a clone of the engine's): variables are read from the
 *   process, not from `execution.environment`, which keeps the start variables only.
 * - A definition error is an `error` event, not a rejection; an `error` event without a listener
 *   would throw from wherever the engine happened to be.
 * - `execution.stop()` never resolves for an execution that already ended; sessions are disposed
 *   (timers cleared, references dropped) instead of stopped.
 */
import { UnprocessableError } from '@mandate/problems';
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import type { WaitingUserTask } from '@mandate/store';
import { businessVariables, juelExpressions } from './juelExpressions.js';
import type { InstanceTimers } from './InstanceTimers.js';

/** The BPMN execution raised an error (no flow to take, an expression that failed, ...). */
export class ProcessExecutionError extends UnprocessableError {
  override name = 'ProcessExecutionError';
  declare readonly code: 'PROCESS_EXECUTION_FAILED';

  constructor(message: string, options?: ErrorOptions) {
    super('PROCESS_EXECUTION_FAILED', message, {}, options);
  }
}

/** What this adapter uses of bpmn-engine's element API. */
interface ElementApi {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  readonly executionId: string;
  readonly content: { message?: { id?: string; name?: string }; parent?: { id?: string; type?: string }; attachedTo?: string };
  readonly owner?: { type?: string; isSubProcess?: boolean; behaviour?: { formKey?: unknown } };
  readonly environment: ProcessEnvironment;
  signal(message?: Record<string, unknown>): void;
  getPostponed(): ElementApi[];
}

interface ProcessEnvironment {
  readonly variables: Record<string, unknown>;
  assignVariables(values: Record<string, unknown>): void;
}

interface EngineExecution {
  readonly activityStatus: string;
  readonly definitions: { getProcessById(id: string): { environment: ProcessEnvironment } | undefined; getExecutableProcesses(): { id: string }[]; environment: { options: { source?: unknown } } }[];
  getPostponed(): ElementApi[];
}

interface EngineHandle extends EventEmitter {
  readonly state: string;
  readonly execution: EngineExecution | null;
  execute(options: { listener: EventEmitter; variables: Record<string, unknown> }): Promise<unknown>;
  resume(options: { listener: EventEmitter }): Promise<unknown>;
  recover(state: unknown): EngineHandle;
  getState(): Promise<unknown>;
  getDefinitions(): Promise<EngineExecution['definitions']>;
}

/** bpmn-engine logs through `debug`, one logger per element per load: silent unless `DEBUG` names bpmn or everything (`*`). */
const silentLogger = () => ({ debug: () => undefined, error: () => undefined, warn: () => undefined });
const engineLogging = /bpmn|\*/.test(process.env.DEBUG ?? '') ? {} : { Logger: silentLogger };

function newEngine(options: Record<string, unknown>): EngineHandle {
  return new Engine({ moddleOptions: { camunda }, ...engineLogging, ...options }) as unknown as EngineHandle;
}

/** A BPMN source parsed once, checked to hold an executable process with the expected id. */
export interface ParsedProcess {
  key: string;
  /** bpmn-engine's serialised definition context, shared by every engine that starts this process. */
  sourceContext: unknown;
}

/** Parses a BPMN source; throws when it has no executable process `key`. */
export async function parseProcess(key: string, source: string): Promise<ParsedProcess> {
  const engine = newEngine({ name: key, source });
  const definitions = await engine.getDefinitions();
  const executable = definitions.flatMap((d) => d.getExecutableProcesses().map((p) => p.id));
  if (!executable.includes(key)) throw new Error(`BPMN source for process ${key} has no executable process with id ${key} (found: ${executable.join(', ') || 'none'})`);
  if (executable.length > 1) throw new Error(`BPMN source for process ${key} has several executable processes (${executable.join(', ')}); the embedded engine runs one per file`);
  return { key, sourceContext: definitions[0]!.environment.options.source };
}

const WAIT_TICKS = 1000;
const PROGRESS_EVENTS = ['activity.end', 'activity.leave', 'activity.discard', 'flow.take', 'flow.discard'];

/** The waiting point of a user task, as the engine offers it. */
export interface UserTaskWait extends WaitingUserTask {
  formKey?: string;
}

/** The instance as it stands after a run: what gets saved. */
export interface SessionSnapshot {
  state: unknown;
  variables: Record<string, unknown>;
  status: 'RUNNING' | 'COMPLETED';
  waitingTasks: WaitingUserTask[];
  endEventId?: string;
}

/**
 * One process instance loaded into bpmn-engine: started, or recovered from a saved state and
 * resumed. Runs are synchronous in bpmn-engine for the elements Mandate's processes use (user
 * tasks, gateways, events, timers); {@link settle} waits out anything that is not.
 */
export class BpmnEngineSession {
  /** Activities ended or flows taken since the session was loaded: zero means the state did not move. */
  progress = 0;
  private error: Error | undefined;
  private ended = false;
  private endEventId: string | undefined;
  private readonly boundaryFired = new Set<string>();
  private readonly listener = new EventEmitter();

  private constructor(
    private readonly engine: EngineHandle,
    readonly processKey: string,
    readonly timers: InstanceTimers,
  ) {
    engine.on('end', () => void (this.ended = true));
    engine.on('error', (error: unknown) => void (this.error ??= error instanceof Error ? error : new Error(String(error))));
    for (const event of PROGRESS_EVENTS) this.listener.on(event, () => void this.progress++);
    this.listener.on('activity.end', (api: ElementApi) => {
      if (api.owner?.type === 'bpmn:EndEvent' && api.content.parent?.id === processKey) this.endEventId = api.id;
      if (api.owner?.type === 'bpmn:BoundaryEvent' && api.content.attachedTo !== undefined) this.boundaryFired.add(api.content.attachedTo);
    });
  }

  /** Starts a new instance and runs it until it waits or ends. */
  static async start(process: ParsedProcess, name: string, variables: Record<string, unknown>, timers: InstanceTimers): Promise<BpmnEngineSession> {
    const engine = newEngine({ name, sourceContext: process.sourceContext, expressions: juelExpressions(), timers });
    const session = new BpmnEngineSession(engine, process.key, timers);
    return session.run(() => engine.execute({ listener: session.listener, variables }));
  }

  /** Recovers a saved instance and resumes it: waiting tasks wait again, timers are armed again (overdue ones fire now). */
  static async recover(processKey: string, name: string, state: unknown, timers: InstanceTimers): Promise<BpmnEngineSession> {
    const engine = newEngine({ name, expressions: juelExpressions(), timers }).recover(state);
    const session = new BpmnEngineSession(engine, processKey, timers);
    return session.run(() => engine.resume({ listener: session.listener }));
  }

  private async run(begin: () => Promise<unknown>): Promise<this> {
    try {
      await begin();
      await this.settle();
      return this;
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** Whether a boundary event attached to the activity fired in this session (what interrupts a task). */
  boundaryEventFiredOn(activityId: string): boolean {
    return this.boundaryFired.has(activityId);
  }

  /** Waits until nothing executes; throws {@link ProcessExecutionError} when the run raised an error. */
  async settle(): Promise<void> {
    for (let i = 0; i < WAIT_TICKS && !this.error && !this.ended && this.engine.execution?.activityStatus === 'executing'; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!this.error && this.engine.state === 'error') this.error = new Error('the engine is in error');
    if (this.error) throw new ProcessExecutionError(`process ${this.processKey}: ${this.error.message}`, { cause: this.error });
    if (!this.ended && this.engine.execution?.activityStatus === 'executing') throw new ProcessExecutionError(`process ${this.processKey} is still executing an activity; the embedded engine supports waiting points, not asynchronous tasks`);
  }

  /** User tasks waiting now, sub-processes included. */
  waitingUserTasks(): UserTaskWait[] {
    return this.postponed()
      .filter((api) => (api.owner?.type ?? api.type) === 'bpmn:UserTask')
      .map((api) => {
        const wait: UserTaskWait = { activityId: api.id, taskId: api.executionId };
        if (api.name) wait.elementName = api.name;
        const formKey = api.owner?.behaviour?.formKey;
        if (typeof formKey === 'string') wait.formKey = formKey;
        return wait;
      });
  }

  /** Completes a waiting user task: `variables` become process variables, then the task is signalled. False when it does not wait. */
  completeUserTask(taskId: string, variables: Record<string, unknown>): boolean {
    const api = this.postponed().find((a) => a.executionId === taskId && (a.owner?.type ?? a.type) === 'bpmn:UserTask');
    if (!api) return false;
    this.signal(api, variables);
    return true;
  }

  /** Delivers a message to every catch event or receive task waiting for it (by message name or id); returns how many took it. */
  deliverMessage(messageName: string, variables: Record<string, unknown>): number {
    const delivered = new Set<string>();
    for (;;) {
      const api = this.postponed().find((a) => !delivered.has(a.executionId) && a.content.message !== undefined && (a.content.message.name === messageName || a.content.message.id === messageName));
      if (!api) return delivered.size;
      delivered.add(api.executionId);
      this.signal(api, variables);
    }
  }

  /** The instance as it stands now. */
  async snapshot(): Promise<SessionSnapshot> {
    const state: unknown = JSON.parse(JSON.stringify(await this.engine.getState()));
    const environment = this.rootEnvironment();
    const snapshot: SessionSnapshot = {
      state,
      variables: JSON.parse(JSON.stringify(businessVariables(environment?.variables ?? {}))) as Record<string, unknown>,
      status: this.ended ? 'COMPLETED' : 'RUNNING',
      waitingTasks: this.ended ? [] : this.waitingUserTasks().map(({ formKey: _formKey, ...task }) => task),
    };
    // A non-interrupting branch can reach an end event while the process goes on: only the last one, when the process ended, counts.
    if (this.ended && this.endEventId !== undefined) snapshot.endEventId = this.endEventId;
    return snapshot;
  }

  /** Drops the session: clears its timers; nothing of it runs afterwards. */
  dispose(): void {
    this.timers.dispose();
    this.listener.removeAllListeners();
  }

  private signal(api: ElementApi, variables: Record<string, unknown>): void {
    api.environment.assignVariables(variables);
    // A task inside a sub-process has the sub-process's environment; the process reads its own.
    const root = this.rootEnvironment();
    if (root && root !== api.environment) root.assignVariables(variables);
    api.signal();
  }

  private rootEnvironment(): ProcessEnvironment | undefined {
    for (const definition of this.engine.execution?.definitions ?? []) {
      const process = definition.getProcessById(this.processKey);
      if (process) return process.environment;
    }
    return undefined;
  }

  private postponed(): ElementApi[] {
    const result: ElementApi[] = [];
    const seen = new Set<string>();
    const visit = (apis: ElementApi[]) => {
      for (const api of apis) {
        if (seen.has(api.executionId)) continue;
        seen.add(api.executionId);
        result.push(api);
        if (api.owner?.isSubProcess) visit(api.getPostponed());
      }
    };
    visit(this.engine.execution?.getPostponed() ?? []);
    return result;
  }
}
