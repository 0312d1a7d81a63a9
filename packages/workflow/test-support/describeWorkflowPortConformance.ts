/**
 * The one conformance suite of {@link WorkflowPort}: every adapter (the embedded engine, Camunda 7
 * over its REST double, any adapter added later) must pass it, so the outbox relay can settle a
 * command the same way whichever engine answered.
 *
 * Why a suite and not each adapter's own tests: the relay turns the port's answer into the fate of
 * the decision (`done`/`already-done` SENT, `gone` CLOSED, `conflict` an operator incident, a
 * thrown `WorkflowUnavailableError` a retry). Two adapters that classify one situation differently
 * make the same decision an incident on one engine and a silent close on the other.
 *
 * The contract, per operation (docs/workflow.md, "Adding an adapter"):
 * - done: the engine took the command now (its variables and `mandateCommandId` are set);
 * - already-done: the same command id again, after it was applied: nothing is applied twice;
 * - gone: nothing waits for it: the instance was cancelled or moved on (a message interrupted the
 *   task), or the engine never had that instance or activation, or the instance is another
 *   tenant's (answered as if it did not exist);
 * - conflict: another command completed the activation (someone else decided); a message has no
 *   owner, so a correlation is never a conflict;
 * - engine down: `WorkflowUnavailableError` is thrown, nothing is applied, and the same command
 *   succeeds once the engine is back.
 *
 * The process every adapter models: user task `approve` ({@link CONFORMANCE_USER_TASK}) in process
 * {@link CONFORMANCE_PROCESS_KEY}, interrupted by the message {@link CONFORMANCE_MESSAGE};
 * completing the task or correlating the message ends the process
 * (`test-support/fixtures/conformance.bpmn`).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_ID_VARIABLE, WorkflowUnavailableError, type CallerRef, type CompleteTaskCommand, type CorrelateMessageCommand, type PortOutcome, type WorkflowPort } from '../src/WorkflowPort.js';

/** Process id of the suite's process. */
export const CONFORMANCE_PROCESS_KEY = 'conformance';
/** The user task that waits in it. */
export const CONFORMANCE_USER_TASK = 'approve';
/** The message that interrupts the task and ends the process. */
export const CONFORMANCE_MESSAGE = 'Withdrawn';

/** The suite's process as BPMN 2.0 XML, for an adapter that runs BPMN. */
export function conformanceBpmn(): string {
  return readFileSync(new URL('./fixtures/conformance.bpmn', import.meta.url), 'utf8');
}

/** The cases of the suite, for {@link WorkflowPortUnderTest.notApplicable}. */
export type ConformanceCase =
  | 'complete.done'
  | 'complete.already-done'
  | 'complete.gone.cancelled'
  | 'complete.gone.interrupted'
  | 'complete.gone.unknown-instance'
  | 'complete.gone.unknown-activation'
  | 'complete.gone.other-tenant'
  | 'complete.conflict'
  | 'complete.engine-down'
  | 'correlate.done'
  | 'correlate.already-done'
  | 'correlate.gone.cancelled'
  | 'correlate.gone.unknown-instance'
  | 'correlate.gone.not-waiting'
  | 'correlate.gone.other-tenant'
  | 'correlate.never-conflict'
  | 'correlate.engine-down';

/** One adapter, set up for the suite: its port and the engine-side means the cases need. */
export interface WorkflowPortUnderTest {
  port: WorkflowPort;
  /** The tenant the activations belong to. */
  tenantId: string;
  /** Starts an instance of the suite's process; resolves the caller reference of its waiting user task. */
  activate(): Promise<CallerRef>;
  /** The instance is cancelled in the engine (not through the port): its task ends without a completion. */
  cancel(processInstanceId: string): Promise<void>;
  /** Whether the activation still waits in the engine. */
  waiting(ref: CallerRef): Promise<boolean>;
  /** The instance's process variables as JS values. */
  variables(processInstanceId: string): Promise<Record<string, unknown>>;
  /** How often the engine completed this activation and delivered a message to its instance. */
  applied(ref: CallerRef): Promise<{ completions: number; correlations: number }>;
  /** Takes the engine down: a port that meets the outage as this adapter would, and how to end it. */
  outage(): Promise<{ port: WorkflowPort; restore(): Promise<void> }>;
  /** Cases that cannot apply to this adapter, each with the reason (printed with the skipped test). */
  notApplicable?: Partial<Record<ConformanceCase, string>>;
  close?(): Promise<void>;
}

/**
 * Declares the conformance suite for one adapter (a `describe` block); `setup` runs once before
 * its cases, and every case starts instances of its own.
 *
 * @example
 * describeWorkflowPortConformance('Camunda7Port over the REST double', async () => {
 *   const camunda = camunda7Double({ processes: { conformance: { userTasks: ['approve'], messages: { Withdrawn: { whileAt: ['approve'] } } } } });
 *   const port = new Camunda7Port({ baseUrl: await camunda.listen() });
 *   return { port, tenantId: 'ACME_EU', activate: …, cancel: …, waiting: …, variables: …, applied: …, outage: …, close: () => camunda.close() };
 * });
 */
export function describeWorkflowPortConformance(name: string, setup: () => Promise<WorkflowPortUnderTest>): void {
  describe(`WorkflowPort conformance: ${name}`, () => {
    let ut: WorkflowPortUnderTest;
    let skips: Partial<Record<ConformanceCase, string>> = {};
    beforeAll(async () => {
      ut = await setup();
      skips = ut.notApplicable ?? {};
    });
    afterAll(async () => {
      await ut?.close?.();
    });

    /** A case, or its explicit skip with the adapter's reason. `skips` is only known after setup, so the check runs inside the test. */
    const conformance = (id: ConformanceCase, title: string, body: () => Promise<void>) =>
      it(`${id}: ${title}`, async (context) => {
        const reason = skips[id];
        if (reason !== undefined) context.skip(`not applicable to ${name}: ${reason}`);
        await body();
      });

    const completion = (callerRef: CallerRef, variables: Record<string, unknown> = { decision: 'APPROVE' }, tenantId = ut.tenantId): CompleteTaskCommand => ({ commandId: randomUUID(), tenantId, callerRef, variables });
    const message = (processInstanceId: string, messageName = CONFORMANCE_MESSAGE, tenantId = ut.tenantId): CorrelateMessageCommand => ({ commandId: randomUUID(), tenantId, messageName, processInstanceId, variables: { mandateAction: 'WITHDRAW' } });
    const withNote = (kind: PortOutcome['kind']) => ({ kind, note: expect.stringMatching(/\S/) as string });
    const unknownRef = (ref: CallerRef): CallerRef => ({ ...ref, processInstanceId: randomUUID(), taskId: `${ref.taskId}-unknown` });

    describe('completeTask', () => {
      conformance('complete.done', 'a waiting activation is completed: done, its variables and mandateCommandId reach the engine', async () => {
        const ref = await ut.activate();
        const command = completion(ref, { decision: 'APPROVE', approvedBy: 'dana' });
        expect(await ut.port.completeTask(command)).toEqual({ kind: 'done' });
        expect(await ut.waiting(ref)).toBe(false);
        expect(await ut.applied(ref)).toEqual({ completions: 1, correlations: 0 });
        expect(await ut.variables(ref.processInstanceId)).toMatchObject({ decision: 'APPROVE', approvedBy: 'dana', [COMMAND_ID_VARIABLE]: command.commandId });
      });

      conformance('complete.already-done', 'the same command again: already-done, applied once', async () => {
        const ref = await ut.activate();
        const command = completion(ref);
        expect(await ut.port.completeTask(command)).toEqual({ kind: 'done' });
        expect(await ut.port.completeTask(command)).toEqual(withNote('already-done'));
        expect(await ut.port.completeTask(command)).toEqual(withNote('already-done'));
        expect(await ut.applied(ref)).toEqual({ completions: 1, correlations: 0 });
      });

      conformance('complete.gone.cancelled', 'the instance was cancelled in the engine: gone, nothing applied', async () => {
        const ref = await ut.activate();
        await ut.cancel(ref.processInstanceId);
        expect(await ut.port.completeTask(completion(ref))).toEqual(withNote('gone'));
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 0 });
      });

      conformance('complete.gone.interrupted', 'a message interrupted the task: gone', async () => {
        const ref = await ut.activate();
        expect(await ut.port.correlateMessage(message(ref.processInstanceId))).toEqual({ kind: 'done' });
        expect(await ut.port.completeTask(completion(ref))).toEqual(withNote('gone'));
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 1 });
      });

      conformance('complete.gone.unknown-instance', 'a process instance and activation the engine never had: gone', async () => {
        const ref = await ut.activate();
        expect(await ut.port.completeTask(completion(unknownRef(ref)))).toEqual(withNote('gone'));
        expect(await ut.waiting(ref)).toBe(true);
      });

      conformance('complete.gone.unknown-activation', 'an activation the running instance never had: gone, and its real activation still waits', async () => {
        const ref = await ut.activate();
        expect(await ut.port.completeTask(completion({ ...ref, taskId: `${ref.taskId}-unknown` }))).toEqual(withNote('gone'));
        expect(await ut.waiting(ref)).toBe(true);
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 0 });
      });

      conformance('complete.gone.other-tenant', "a command of another tenant: gone, as if the instance did not exist, and it still waits", async () => {
        const ref = await ut.activate();
        expect(await ut.port.completeTask(completion(ref, { decision: 'APPROVE' }, `${ut.tenantId}_OTHER`))).toEqual(withNote('gone'));
        expect(await ut.waiting(ref)).toBe(true);
      });

      conformance('complete.conflict', 'another command completed the activation: conflict, the first completion stands', async () => {
        const ref = await ut.activate();
        const first = completion(ref, { decision: 'APPROVE' });
        expect(await ut.port.completeTask(first)).toEqual({ kind: 'done' });
        expect(await ut.port.completeTask(completion(ref, { decision: 'REJECT' }))).toEqual(withNote('conflict'));
        expect(await ut.applied(ref)).toEqual({ completions: 1, correlations: 0 });
        expect(await ut.variables(ref.processInstanceId)).toMatchObject({ decision: 'APPROVE', [COMMAND_ID_VARIABLE]: first.commandId });
      });

      conformance('complete.engine-down', 'the engine is down: WorkflowUnavailableError, nothing applied; once it is back the same command is done, once', async () => {
        const ref = await ut.activate();
        const command = completion(ref);
        const outage = await ut.outage();
        try {
          await expect(outage.port.completeTask(command)).rejects.toBeInstanceOf(WorkflowUnavailableError);
        } finally {
          await outage.restore();
        }
        expect(await ut.waiting(ref)).toBe(true);
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 0 });
        expect(await ut.port.completeTask(command)).toEqual({ kind: 'done' });
        expect(await ut.port.completeTask(command)).toEqual(withNote('already-done'));
        expect(await ut.applied(ref)).toEqual({ completions: 1, correlations: 0 });
      });
    });

    describe('correlateMessage (to a process instance)', () => {
      conformance('correlate.done', 'the instance waits for the message: done, the task is interrupted, the variables and mandateCommandId reach the engine', async () => {
        const ref = await ut.activate();
        const command = message(ref.processInstanceId);
        expect(await ut.port.correlateMessage(command)).toEqual({ kind: 'done' });
        expect(await ut.waiting(ref)).toBe(false);
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 1 });
        expect(await ut.variables(ref.processInstanceId)).toMatchObject({ mandateAction: 'WITHDRAW', [COMMAND_ID_VARIABLE]: command.commandId });
      });

      conformance('correlate.already-done', 'the same command again: already-done, delivered once', async () => {
        const ref = await ut.activate();
        const command = message(ref.processInstanceId);
        expect(await ut.port.correlateMessage(command)).toEqual({ kind: 'done' });
        expect(await ut.port.correlateMessage(command)).toEqual(withNote('already-done'));
        expect(await ut.port.correlateMessage(command)).toEqual(withNote('already-done'));
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 1 });
      });

      conformance('correlate.gone.cancelled', 'the instance was cancelled: gone, nothing delivered', async () => {
        const ref = await ut.activate();
        await ut.cancel(ref.processInstanceId);
        expect(await ut.port.correlateMessage(message(ref.processInstanceId))).toEqual(withNote('gone'));
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 0 });
      });

      conformance('correlate.gone.unknown-instance', 'a process instance the engine never had: gone', async () => {
        expect(await ut.port.correlateMessage(message(randomUUID()))).toEqual(withNote('gone'));
      });

      conformance('correlate.gone.not-waiting', 'a message the instance does not wait for: gone, and the task still waits', async () => {
        const ref = await ut.activate();
        expect(await ut.port.correlateMessage(message(ref.processInstanceId, 'NobodyWaitsForThis'))).toEqual(withNote('gone'));
        expect(await ut.waiting(ref)).toBe(true);
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 0 });
      });

      conformance('correlate.gone.other-tenant', 'a command of another tenant: gone, and the task still waits', async () => {
        const ref = await ut.activate();
        expect(await ut.port.correlateMessage(message(ref.processInstanceId, CONFORMANCE_MESSAGE, `${ut.tenantId}_OTHER`))).toEqual(withNote('gone'));
        expect(await ut.waiting(ref)).toBe(true);
      });

      conformance('correlate.never-conflict', 'another command with the same message after the instance moved on: gone, not conflict (a message has no owner)', async () => {
        const ref = await ut.activate();
        expect(await ut.port.correlateMessage(message(ref.processInstanceId))).toEqual({ kind: 'done' });
        expect(await ut.port.correlateMessage(message(ref.processInstanceId))).toEqual(withNote('gone'));
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 1 });
      });

      conformance('correlate.engine-down', 'the engine is down: WorkflowUnavailableError, nothing delivered; once it is back the same command is done, once', async () => {
        const ref = await ut.activate();
        const command = message(ref.processInstanceId);
        const outage = await ut.outage();
        try {
          await expect(outage.port.correlateMessage(command)).rejects.toBeInstanceOf(WorkflowUnavailableError);
        } finally {
          await outage.restore();
        }
        expect(await ut.waiting(ref)).toBe(true);
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 0 });
        expect(await ut.port.correlateMessage(command)).toEqual({ kind: 'done' });
        expect(await ut.port.correlateMessage(command)).toEqual(withNote('already-done'));
        expect(await ut.applied(ref)).toEqual({ completions: 0, correlations: 1 });
      });
    });
  });
}
