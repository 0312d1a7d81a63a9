/**
 * The embedded workflow engine: bpmn-engine in this process, its state durable in the store. The
 * default engine of `mandate start`; Camunda 7 is the choice for several runtime instances.
 *
 * Every change to an instance runs the same way: lock its row (`FOR UPDATE`), recover the engine
 * from the saved state, apply the command, run until the next waiting point, and save state,
 * variables, waiting tasks and the applied command id in the same transaction, checking the row
 * version it loaded. Callbacks (`onUserTask`, `onUserTaskEnded`) run after the commit: a crash in
 * between loses nothing, because `resumeAll()` announces every waiting task again and the callee
 * is idempotent on the caller key.
 *
 * Timers need the instance loaded: an instance with armed timers stays in memory after a command,
 * and a due timer fires under the row lock. If another runtime instance has saved the row since,
 * the loaded copy is stale: it is dropped and the instance recovered from the row, where an overdue
 * timer fires during the resume. Several runtime instances on one database are therefore safe
 * (commands serialise on the row; a timer fires once, whoever loads it first), but each only fires
 * the timers of instances it has loaded: those it started or touched, and all RUNNING ones at
 * `resumeAll()`.
 */
import { InputError, NotFoundError } from '@mandate/problems';
import { randomUUID } from 'node:crypto';
import { isDatabaseUnavailable, type ProcessInstanceChanges, type ProcessInstanceRecord, type ProcessInstanceStatus, type ProcessInstanceStore, type Stores, type StoredProcessInstance, type WaitingUserTask } from '@mandate/store';
import { COMMAND_ID_VARIABLE, WorkflowUnavailableError, type CallerRef, type CompleteTaskCommand, type CorrelateMessageCommand, type PortOutcome, type WorkflowPort } from '../WorkflowPort.js';
import { BpmnEngineSession, parseProcess, ProcessExecutionError, type ParsedProcess, type SessionSnapshot } from './BpmnEngineSession.js';
import { InstanceTimers, systemTimerScheduler, type ArmedTimer, type TimerScheduler } from './InstanceTimers.js';
import { ENGINE_VARIABLES, validateJuelTemplate } from './juelExpressions.js';

/** A BPMN process the engine can start: `key` is the id of the executable process in `source`. */
export interface EmbeddedProcess {
  key: string;
  /** BPMN 2.0 XML. */
  source: string;
}

/** A user task started waiting (or waits again after a restart): Mandate creates, or finds, its work item. */
export interface UserTaskActivation {
  callerRef: CallerRef;
  tenantId: string;
  businessKey?: string;
  /** The user task's name in the BPMN. */
  elementName?: string;
  /** `camunda:formKey` of the user task, when it has one. */
  formKey?: string;
  /** A copy of the process variables. */
  variables: Record<string, unknown>;
}

/**
 * Why a waiting user task ended without being completed through {@link EmbeddedWorkflowEngine.completeTask}:
 * `interrupted` (an interrupting boundary event took over, e.g. an escalation timer), `process-ended`
 * (the process ended elsewhere, e.g. a terminate end event), `cancelled` ({@link EmbeddedWorkflowEngine.cancelInstance}).
 */
export type UserTaskEndReason = 'interrupted' | 'process-ended' | 'cancelled';

export interface EmbeddedWorkflowEngineOptions {
  /** Where instances are kept: the process instance store and its transactions. */
  stores: Pick<Stores, 'processInstances' | 'transaction'>;
  processes: readonly EmbeddedProcess[];
  /** Called after the commit whenever a user task starts waiting, and again for every waiting task on `resumeAll()`. Must be idempotent on `callerKey`. */
  onUserTask: (activation: UserTaskActivation) => Promise<void>;
  /** Called after the commit when a waiting user task of an instance of `tenantId` was discarded without a completion, so the work item can be cancelled. */
  onUserTaskEnded?: (callerRef: CallerRef, reason: UserTaskEndReason, tenantId: string) => Promise<void>;
  /** Timestamps of saves. BPMN timers are computed by bpmn-engine from the system clock. */
  clock?: () => Date;
  /** Where BPMN timers are scheduled; default the host's timers. */
  timers?: TimerScheduler;
  logger?: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** How long after a failed timer continuation the instance is loaded again; default 30 s. */
  retryDelayMs?: number;
}

/** Input of {@link EmbeddedWorkflowEngine.startInstance}. */
export interface StartInstanceInput {
  processKey: string;
  tenantId: string;
  businessKey?: string;
  variables: Record<string, unknown>;
}

/** What {@link EmbeddedWorkflowEngine.resumeAll} did. */
export interface ResumeSummary {
  resumed: number;
  failed: number;
}

/** A process key the engine was not given. */
export class UnknownProcessError extends NotFoundError {
  override name = 'UnknownProcessError';
  declare readonly code: 'UNKNOWN_PROCESS';

  constructor(message: string) {
    super('UNKNOWN_PROCESS', message);
  }
}

/** Variables the engine cannot take (names bpmn-engine reserves, values that are not JSON). */
export class InvalidVariablesError extends InputError {
  override name = 'InvalidVariablesError';
  declare readonly code: 'INVALID_PROCESS_VARIABLES';

  constructor(message: string, options?: ErrorOptions) {
    super('INVALID_PROCESS_VARIABLES', message, {}, options);
  }
}

/** Who is notified of what once a change committed. */
type Notice = { kind: 'activated'; activation: UserTaskActivation } | { kind: 'ended'; callerRef: CallerRef; tenantId: string; reason: UserTaskEndReason };

/** What an operation on a locked instance did. */
interface Step<T> {
  result: T;
  /** The session that ran the instance: saved when it moved or `record` is set, kept in memory while it has timers. */
  session?: BpmnEngineSession;
  /** A command applied, remembered for duplicate detection (and, with a task, for conflict detection). */
  record?: { commandId: string; taskId?: string };
  /** Ends the instance without a session run (cancel). */
  end?: { status: Extract<ProcessInstanceStatus, 'CANCELLED'>; reason: UserTaskEndReason };
  /** Announce every waiting task, not only new ones (resume). */
  announceAll?: boolean;
  /** The user task this step completed: not reported as ended. */
  completedTaskId?: string;
}

const CONDITION_OR_TIMER = /<(?:[\w-]+:)?(conditionExpression|timeDuration|timeDate|timeCycle)\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?\1>/g;

function xmlText(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(raw);
  if (cdata) return cdata[1]!;
  return raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/**
 * {@link WorkflowPort} over bpmn-engine with durable state (see the module comment for the model).
 *
 * @example
 * const engine = new EmbeddedWorkflowEngine({ stores, processes: [{ key: 'quote-approval', source }], onUserTask: createWorkItem });
 * await engine.resumeAll();
 * const { processInstanceId } = await engine.startInstance({ processKey: 'quote-approval', tenantId: 'ACME_EU', businessKey: 'Q-1', variables: { amount: 1200 } });
 * // later, from the outbox relay:
 * await engine.completeTask({ commandId, tenantId: 'ACME_EU', callerRef, variables: { decision: 'APPROVE' } }); // { kind: 'done' }
 */
export class EmbeddedWorkflowEngine implements WorkflowPort {
  readonly engine = 'embedded';
  private readonly store: ProcessInstanceStore;
  private readonly sources = new Map<string, string>();
  private readonly parsed = new Map<string, Promise<ParsedProcess>>();
  /** Instances loaded with armed timers, and the row version their state was saved as. */
  private readonly loaded = new Map<string, { session: BpmnEngineSession; rowVersion: number }>();
  /** The operation running or queued per instance: one at a time within this process. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly clock: () => Date;
  private readonly scheduler: TimerScheduler;
  private stopped = false;

  constructor(private readonly options: EmbeddedWorkflowEngineOptions) {
    this.store = options.stores.processInstances;
    this.clock = options.clock ?? (() => new Date());
    this.scheduler = options.timers ?? systemTimerScheduler;
    for (const process of options.processes) {
      if (this.sources.has(process.key)) throw new Error(`process ${process.key} is given twice`);
      for (const match of process.source.matchAll(CONDITION_OR_TIMER)) {
        try {
          validateJuelTemplate(xmlText(match[2]!));
        } catch (error) {
          throw new Error(`process ${process.key}: ${match[1]} ${xmlText(match[2]!).trim()}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      this.sources.set(process.key, process.source);
    }
  }

  /** Starts an instance, runs it until it waits or ends, and saves it in one transaction. */
  async startInstance(input: StartInstanceInput): Promise<{ processInstanceId: string }> {
    this.assertVariables(input.variables);
    const process = await this.process(input.processKey);
    const id = randomUUID();
    let session: BpmnEngineSession | undefined;
    const notices = await this.serial(id, async () => {
      try {
        session = await BpmnEngineSession.start(process, this.engineName(input.processKey, id), structuredClone(input.variables), this.timersFor(id));
        const snapshot = await session.snapshot();
        const row = { id, tenantId: input.tenantId, processKey: input.processKey, ...(input.businessKey !== undefined ? { businessKey: input.businessKey } : {}) };
        await this.options.stores.transaction((tx) => this.store.insert(tx, { ...row, ...snapshot }, this.now()));
        const notices = snapshot.status === 'RUNNING' ? session.waitingUserTasks().map((task): Notice => ({ kind: 'activated', activation: this.activation(row, task, snapshot.variables) })) : [];
        this.keep(id, session, 1, snapshot.status);
        return notices;
      } catch (error) {
        session?.dispose();
        throw error;
      }
    });
    await this.notify(notices);
    return { processInstanceId: id };
  }

  /**
   * Completes a waiting user task with the decision's variables (merged into the process variables
   * before the task continues, so the gateways after it read them) and runs to the next wait.
   * done; already-done when this command was applied before; gone when the instance ended or the
   * task no longer waits, or the instance is not of the command's tenant (answered as if it did not
   * exist); conflict when another command completed the task or the instance FAILED.
   * Anything else is thrown, and the relay retries: the database unreachable as
   * {@link WorkflowUnavailableError} (the engine is down), a BPMN error on the way as it is.
   */
  async completeTask(command: CompleteTaskCommand): Promise<PortOutcome> {
    const ref = command.callerRef;
    if (ref.engine !== this.engine) return { kind: 'gone', note: `caller reference of engine ${ref.engine}, not ${this.engine}` };
    this.assertVariables(command.variables);
    return this.reachable(`completing ${ref.activityId} (${ref.taskId})`, () => this.complete(command));
  }

  private complete(command: CompleteTaskCommand): Promise<PortOutcome> {
    const ref = command.callerRef;
    return this.operate(ref.processInstanceId, async (row, load): Promise<Step<PortOutcome>> => {
      if (!row || row.processKey !== ref.processKey || row.tenantId !== command.tenantId) return { result: { kind: 'gone', note: `process instance ${ref.processInstanceId} of ${ref.processKey} does not exist in tenant ${command.tenantId}` } };
      if (row.completedCommandIds.includes(command.commandId)) return { result: { kind: 'already-done', note: `command ${command.commandId} was applied to process instance ${row.id}` } };
      const completedBy = row.completedTasks[ref.taskId];
      if (completedBy !== undefined) return { result: { kind: 'conflict', note: `user task ${ref.activityId} (${ref.taskId}) was completed by command ${completedBy}` } };
      if (row.status === 'FAILED') return { result: { kind: 'conflict', note: `process instance ${row.id} FAILED: ${row.failure ?? 'engine error'}` } };
      if (row.status !== 'RUNNING') return { result: { kind: 'gone', note: `process instance ${row.id} is ${row.status}` } };
      if (!row.waitingTasks.some((t) => t.taskId === ref.taskId && t.activityId === ref.activityId)) return { result: { kind: 'gone', note: `user task ${ref.activityId} (${ref.taskId}) no longer waits` } };
      const session = await load(row);
      if (!session.completeUserTask(ref.taskId, { ...structuredClone(command.variables), [COMMAND_ID_VARIABLE]: command.commandId })) {
        // It was waiting when saved; a timer that fell due while nobody had the instance loaded took it over during the resume.
        return { result: { kind: 'gone', note: `user task ${ref.activityId} (${ref.taskId}) no longer waits` }, session };
      }
      await session.settle();
      return { result: { kind: 'done' }, session, record: { commandId: command.commandId, taskId: ref.taskId }, completedTaskId: ref.taskId };
    });
  }

  /**
   * Delivers a message to the catch events and receive tasks waiting for it (by message name, or
   * id) in the instance, or in every RUNNING instance with the business key, only ever in the
   * command's tenant. done when at least one took it now; already-done when every instance that
   * could have had already; gone when none waits (an instance of another tenant never does).
   * The database unreachable is thrown as {@link WorkflowUnavailableError}.
   */
  async correlateMessage(command: CorrelateMessageCommand): Promise<PortOutcome> {
    this.assertVariables(command.variables);
    return this.reachable(`delivering message ${command.messageName}`, () => this.deliver(command));
  }

  private async deliver(command: CorrelateMessageCommand): Promise<PortOutcome> {
    const ids = command.processInstanceId !== undefined ? [command.processInstanceId] : command.businessKey !== undefined ? await this.store.runningIds({ tenantId: command.tenantId, businessKey: command.businessKey }) : [];
    const target = command.processInstanceId !== undefined ? `process instance ${command.processInstanceId}` : `business key ${command.businessKey ?? '(none)'}`;
    let delivered = 0;
    let before = 0;
    for (const id of ids) {
      const outcome = await this.operate(id, async (row, load): Promise<Step<'delivered' | 'before' | 'none'>> => {
        if (row?.tenantId !== command.tenantId) return { result: 'none' };
        if (row.completedCommandIds.includes(command.commandId)) return { result: 'before' };
        if (row.status !== 'RUNNING') return { result: 'none' };
        const session = await load(row);
        if (session.deliverMessage(command.messageName, { ...structuredClone(command.variables), [COMMAND_ID_VARIABLE]: command.commandId }) === 0) return { result: 'none', session };
        await session.settle();
        return { result: 'delivered', session, record: { commandId: command.commandId } };
      });
      if (outcome === 'delivered') delivered++;
      if (outcome === 'before') before++;
    }
    if (delivered > 0) return { kind: 'done' };
    if (before > 0) return { kind: 'already-done', note: `message ${command.messageName} (command ${command.commandId}) was delivered to ${target} before` };
    return { kind: 'gone', note: `nothing waits for message ${command.messageName} in ${target}` };
  }

  /** Cancels a RUNNING instance: its waiting tasks are reported ended (`cancelled`). False when it was not running. */
  async cancelInstance(processInstanceId: string): Promise<boolean> {
    return this.operate(processInstanceId, (row): Promise<Step<boolean>> => {
      if (row?.status !== 'RUNNING') return Promise.resolve({ result: false });
      return Promise.resolve({ result: true, end: { status: 'CANCELLED', reason: 'cancelled' } });
    });
  }

  /**
   * Loads every RUNNING instance: announces its waiting user tasks again (`onUserTask`), arms its
   * timers from the saved state and fires the overdue ones. Call once at start; an instance that
   * fails to resume is logged and left for the next call.
   */
  async resumeAll(): Promise<ResumeSummary> {
    const summary: ResumeSummary = { resumed: 0, failed: 0 };
    for (const id of await this.store.runningIds()) {
      try {
        await this.resume(id);
        summary.resumed++;
      } catch (error) {
        summary.failed++;
        this.options.logger?.error({ err: error, processInstanceId: id }, 'embedded process instance could not be resumed');
        if (error instanceof ProcessExecutionError) await this.markFailed(id, error);
      }
    }
    return summary;
  }

  /** An instance as saved, without its engine state. */
  getInstance(processInstanceId: string): Promise<ProcessInstanceRecord | undefined> {
    return this.store.get(processInstanceId);
  }

  /** Resolves when the operations and timer continuations started so far have finished. */
  async whenIdle(): Promise<void> {
    while (this.background.size > 0 || this.queues.size > 0) {
      await Promise.allSettled([...this.background, ...this.queues.values()]);
    }
  }

  /** Stops firing timers and unloads every instance; waits for what is running. Commands still work (they load instances from the store). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const { session } of this.loaded.values()) session.dispose();
    this.loaded.clear();
    await this.whenIdle();
  }

  private async resume(id: string): Promise<void> {
    await this.operate(id, async (row, load): Promise<Step<void>> => {
      if (row?.status !== 'RUNNING') return { result: undefined };
      return { result: undefined, session: await load(row), announceAll: true };
    });
  }

  /** Runs one change on an instance: serialised in this process, under the row lock in the database. */
  private async operate<T>(id: string, work: (row: StoredProcessInstance | undefined, load: (row: StoredProcessInstance) => Promise<BpmnEngineSession>) => Promise<Step<T>>, timerPath = false): Promise<T> {
    const { result, notices } = await this.serial(id, async () => {
      let step: Step<T> | undefined;
      let saved: { version: number; status: ProcessInstanceStatus } | undefined;
      const created: BpmnEngineSession[] = [];
      const load = async (row: StoredProcessInstance) => {
        const session = await this.recover(row);
        created.push(session);
        return session;
      };
      try {
        const outcome = await this.options.stores.transaction(async (tx) => {
          const row = await this.store.lock(tx, id);
          step = await work(row, load);
          if (!row) return { notices: [] };
          const session = step.session;
          if (step.end) {
            saved = { version: await this.store.save(tx, id, row.rowVersion, { status: step.end.status, waitingTasks: [] }, this.now()), status: step.end.status };
            return { notices: row.waitingTasks.map((task): Notice => ({ kind: 'ended', callerRef: this.callerRef(row, task), tenantId: row.tenantId, reason: step!.end!.reason })) };
          }
          if (!session) return { notices: [] };
          const snapshot = await session.snapshot();
          let version = row.rowVersion;
          if (session.progress > 0 || step.record) {
            const changes: ProcessInstanceChanges = { status: snapshot.status, state: snapshot.state, variables: snapshot.variables, waitingTasks: snapshot.waitingTasks };
            if (snapshot.endEventId !== undefined) changes.endEventId = snapshot.endEventId;
            if (step.record) {
              changes.completedCommandIds = [...row.completedCommandIds, step.record.commandId];
              if (step.record.taskId !== undefined) changes.completedTasks = { ...row.completedTasks, [step.record.taskId]: step.record.commandId };
            }
            version = await this.store.save(tx, id, row.rowVersion, changes, this.now());
          }
          saved = { version, status: snapshot.status };
          return { notices: this.changes(row, snapshot, session, step) };
        });
        if (step?.session && saved) this.keep(id, step.session, saved.version, saved.status);
        else if (step?.end) this.unload(id);
        for (const session of created) if (session !== step?.session) session.dispose();
        return { result: step!.result, notices: outcome.notices };
      } catch (error) {
        for (const session of created) if (this.loaded.get(id)?.session !== session) session.dispose();
        if (timerPath) this.unload(id);
        throw error;
      }
    });
    await this.notify(notices);
    return result;
  }

  /** What to announce after a save: tasks that started waiting, and tasks that ended without a completion. */
  private changes(row: StoredProcessInstance, snapshot: SessionSnapshot, session: BpmnEngineSession, step: Step<unknown>): Notice[] {
    const before = new Set(row.waitingTasks.map((t) => t.taskId));
    const after = new Set(snapshot.waitingTasks.map((t) => t.taskId));
    const notices: Notice[] = [];
    for (const task of row.waitingTasks) {
      if (after.has(task.taskId) || task.taskId === step.completedTaskId) continue;
      const reason = snapshot.status === 'COMPLETED' && !session.boundaryEventFiredOn(task.activityId) ? 'process-ended' : 'interrupted';
      notices.push({ kind: 'ended', callerRef: this.callerRef(row, task), tenantId: row.tenantId, reason });
    }
    for (const task of session.waitingUserTasks()) {
      if (snapshot.status !== 'RUNNING' || (before.has(task.taskId) && !step.announceAll)) continue;
      notices.push({ kind: 'activated', activation: this.activation(row, task, snapshot.variables) });
    }
    return notices;
  }

  private async recover(row: StoredProcessInstance): Promise<BpmnEngineSession> {
    if (!this.sources.has(row.processKey)) throw new UnknownProcessError(`process instance ${row.id} runs process ${row.processKey}, which this engine was not given`);
    return BpmnEngineSession.recover(row.processKey, this.engineName(row.processKey, row.id), row.state, this.timersFor(row.id));
  }

  private timersFor(id: string): InstanceTimers {
    const timers: InstanceTimers = new InstanceTimers(this.scheduler, (due) => this.onTimerDue(id, timers, due));
    return timers;
  }

  /** A timer is due in a loaded session: fire it under the row lock, or reload the instance when the session is stale. */
  private onTimerDue(id: string, timers: InstanceTimers, due: ArmedTimer): void {
    const run = async () => {
      const loaded = this.loaded.get(id);
      if (this.stopped || loaded?.session.timers !== timers) return;
      const { session } = loaded;
      try {
        await this.operate(
          id,
          async (row, load): Promise<Step<void>> => {
            if (row?.status !== 'RUNNING') return { result: undefined };
            // Read again: an operation queued before this one may have saved, or replaced the session.
            const current = this.loaded.get(id);
            if (current?.session !== session) return { result: undefined };
            if (row.rowVersion !== current.rowVersion) return { result: undefined, session: await load(row) };
            session.timers.fire(due);
            await session.settle();
            return { result: undefined, session };
          },
          true,
        );
      } catch (error) {
        await this.timerFailed(id, error);
      }
    };
    this.track(run());
  }

  private async timerFailed(id: string, error: unknown): Promise<void> {
    this.options.logger?.error({ err: error, processInstanceId: id }, 'embedded process timer continuation failed');
    if (error instanceof ProcessExecutionError) return this.markFailed(id, error);
    // The database or the engine setup failed: load the instance again later; its overdue timers fire then.
    if (this.stopped) return;
    this.scheduler.setTimeout(() => {
      if (!this.stopped) this.track(this.resume(id).catch((e: unknown) => this.timerFailed(id, e)));
    }, this.options.retryDelayMs ?? 30_000);
  }

  /**
   * The BPMN raised an error where no caller can retry (a timer continuation, a resume): the
   * instance becomes FAILED with the saved state unchanged, for an operator; commands to it answer conflict.
   */
  private async markFailed(id: string, error: ProcessExecutionError): Promise<void> {
    try {
      await this.serial(id, () =>
        this.options.stores.transaction(async (tx) => {
          const row = await this.store.lock(tx, id);
          if (row?.status === 'RUNNING') await this.store.save(tx, id, row.rowVersion, { status: 'FAILED', failure: error.message }, this.now());
        }),
      );
      this.unload(id);
    } catch (saveError) {
      this.options.logger?.error({ err: saveError, processInstanceId: id }, 'embedded process instance could not be marked FAILED');
    }
  }

  /** Keeps a session loaded while it has timers; unloads it otherwise. */
  private keep(id: string, session: BpmnEngineSession, rowVersion: number, status: ProcessInstanceStatus): void {
    const previous = this.loaded.get(id);
    if (previous && previous.session !== session) previous.session.dispose();
    if (!this.stopped && status === 'RUNNING' && session.timers.size > 0) {
      this.loaded.set(id, { session, rowVersion });
    } else {
      this.loaded.delete(id);
      session.dispose();
    }
  }

  private unload(id: string): void {
    this.loaded.get(id)?.session.dispose();
    this.loaded.delete(id);
  }

  private activation(row: { id: string; tenantId: string; processKey: string; businessKey?: string }, task: WaitingUserTask & { formKey?: string }, variables: Record<string, unknown>): UserTaskActivation {
    const activation: UserTaskActivation = { callerRef: this.callerRef(row, task), tenantId: row.tenantId, variables: structuredClone(variables) };
    if (row.businessKey !== undefined) activation.businessKey = row.businessKey;
    if (task.elementName !== undefined) activation.elementName = task.elementName;
    if (task.formKey !== undefined) activation.formKey = task.formKey;
    return activation;
  }

  private callerRef(row: { id: string; processKey: string }, task: WaitingUserTask): CallerRef {
    return { engine: this.engine, processKey: row.processKey, processInstanceId: row.id, activityId: task.activityId, taskId: task.taskId };
  }

  private async notify(notices: Notice[]): Promise<void> {
    for (const notice of notices) {
      try {
        if (notice.kind === 'activated') await this.options.onUserTask(notice.activation);
        else await this.options.onUserTaskEnded?.(notice.callerRef, notice.reason, notice.tenantId);
      } catch (error) {
        // The change is committed; resumeAll() announces waiting tasks again.
        const ref = notice.kind === 'activated' ? notice.activation.callerRef : notice.callerRef;
        this.options.logger?.error({ err: error, callerRef: ref, notice: notice.kind }, 'embedded engine callback failed');
      }
    }
  }

  private process(key: string): Promise<ParsedProcess> {
    const source = this.sources.get(key);
    if (source === undefined) return Promise.reject(new UnknownProcessError(`unknown process ${key}; known: ${[...this.sources.keys()].join(', ')}`));
    let parsed = this.parsed.get(key);
    if (!parsed) {
      parsed = parseProcess(key, source);
      parsed.catch(() => this.parsed.delete(key));
      this.parsed.set(key, parsed);
    }
    return parsed;
  }

  private assertVariables(variables: Record<string, unknown>): void {
    const reserved = Object.keys(variables).filter((name) => ENGINE_VARIABLES.includes(name));
    if (reserved.length) throw new InvalidVariablesError(`process variables may not be named ${reserved.join(', ')} (bpmn-engine uses these names)`);
    try {
      JSON.stringify(variables);
    } catch (error) {
      throw new InvalidVariablesError('process variables must be JSON', { cause: error });
    }
  }

  /**
   * The engine is as reachable as its database: a connection that cannot be made or was lost
   * becomes {@link WorkflowUnavailableError}, as the port promises for an engine that is down.
   */
  private async reachable<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw new WorkflowUnavailableError(`${what}: the embedded engine's database is unavailable (${error instanceof Error ? error.message : String(error)})`, { cause: error });
      throw error;
    }
  }

  private serial<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return next;
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined);
    this.background.add(tracked);
    void tracked.then(() => this.background.delete(tracked));
  }

  private engineName(processKey: string, id: string): string {
    return `${processKey}:${id}`;
  }

  private now(): string {
    return this.clock().toISOString();
  }
}
