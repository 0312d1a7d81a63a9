/**
 * The boundary between Mandate and a workflow engine (docs/workflow.md). The engine
 * owns the waiting point and the continuation; Mandate owns the decision. Every adapter (embedded
 * bpmn-engine, Camunda 7 REST) implements this one port, and only the outbox relay calls it.
 */
import { UnavailableError } from '@mandate/problems';

/** Where a work item came from in the engine, so the outcome finds its way back. */
export interface CallerRef {
  /** Which adapter created it: `embedded` or `camunda7`. */
  engine: string;
  /** Process definition key (BPMN process id), e.g. `quote-approval`. */
  processKey: string;
  processInstanceId: string;
  /** The user task element id in the BPMN (the activity). */
  activityId: string;
  /** The activation of that activity: the bpmn-engine execution id, or the Camunda task id. */
  taskId: string;
}

/** Encodes a caller reference as one stable string: the key that makes task activation idempotent. */
export function callerKey(ref: CallerRef): string {
  return [ref.engine, ref.processKey, ref.processInstanceId, ref.activityId, ref.taskId].map(encodeURIComponent).join(':');
}

/** Parses a caller reference stored with a work item; undefined when it is not one. */
export function parseCallerRef(value: unknown): CallerRef | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const text = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
  if (!text(v.engine) || !text(v.processKey) || !text(v.processInstanceId) || !text(v.activityId) || !text(v.taskId)) return undefined;
  return { engine: v.engine, processKey: v.processKey, processInstanceId: v.processInstanceId, activityId: v.activityId, taskId: v.taskId };
}

/** Complete a user task with the decision's output variables. */
export interface CompleteTaskCommand {
  /** The outbox command id: sent to the engine as a variable so a lost response can be checked, not guessed. */
  commandId: string;
  /** The tenant of the work item that decided: an engine refuses a process instance of another tenant. */
  tenantId: string;
  callerRef: CallerRef;
  variables: Record<string, unknown>;
}

/** Correlate a message to a waiting process (e.g. `QuoteRevised`). */
export interface CorrelateMessageCommand {
  commandId: string;
  /** The tenant the message is for: only that tenant's process instances receive it. */
  tenantId: string;
  messageName: string;
  processInstanceId?: string;
  businessKey?: string;
  variables: Record<string, unknown>;
}

/**
 * What happened. Transient failures (engine down, timeout without an answer that could be
 * checked) are thrown instead, and the relay retries them with backoff.
 */
export type PortOutcome =
  /** The engine took the command now. */
  | { kind: 'done' }
  /** An earlier attempt whose response was lost had already done it (checked at the engine). */
  | { kind: 'already-done'; note: string }
  /** Nothing waits for it: the process or task ended or was cancelled, the engine never had it, or it is another tenant's. Close the command with a note. */
  | { kind: 'gone'; note: string }
  /** Someone else completed the task: an operator must look (an incident, never silently closed). Never the answer to a message. */
  | { kind: 'conflict'; note: string };

/**
 * One workflow engine, as the outbox relay sees it. Every adapter passes the conformance suite
 * (`test-support/describeWorkflowPortConformance.ts`, docs/workflow.md "The port contract"), which
 * pins the outcome of each situation, so a decision settles alike on every engine.
 */
export interface WorkflowPort {
  /** Matches `CallerRef.engine`. */
  readonly engine: string;
  completeTask(command: CompleteTaskCommand): Promise<PortOutcome>;
  correlateMessage(command: CorrelateMessageCommand): Promise<PortOutcome>;
}

/** A transient failure: the engine could not be reached or did not answer; retry later. */
export class WorkflowUnavailableError extends UnavailableError {
  override name = 'WorkflowUnavailableError';
  declare readonly code: 'WORKFLOW_UNAVAILABLE';

  constructor(message: string, options?: ErrorOptions) {
    super('WORKFLOW_UNAVAILABLE', message, {}, options);
  }
}

/** The variable that carries the outbox command id to the engine, for duplicate detection. */
export const COMMAND_ID_VARIABLE = 'mandateCommandId';
