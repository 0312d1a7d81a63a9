// The embedded engine against the store, on PGlite and PostgreSQL: user tasks are announced with
// their caller reference, completions choose the gateway branch, duplicates and stale commands get
// the port's answers, a restart resumes waiting processes, timers fire through the injected
// scheduler, messages correlate, and two engine objects over one database serialise.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStores, type Database } from '@mandate/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import { callerKey, type CallerRef, type CompleteTaskCommand } from '../WorkflowPort.js';
import { ProcessExecutionError } from './BpmnEngineSession.js';
import { EmbeddedWorkflowEngine, InvalidVariablesError, UnknownProcessError, type EmbeddedProcess, type UserTaskActivation, type UserTaskEndReason } from './EmbeddedWorkflowEngine.js';
import { ManualTimerScheduler } from '../../test-support/ManualTimerScheduler.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(join(here, 'fixtures', name), 'utf8');
const PROCESSES: EmbeddedProcess[] = [
  { key: 'review', source: fixture('review.bpmn') },
  { key: 'sla', source: fixture('sla.bpmn') },
  { key: 'payment', source: fixture('payment.bpmn') },
  { key: 'timeout', source: fixture('timeout.bpmn') },
  { key: 'nested', source: fixture('subprocess.bpmn') },
];
const HOUR = 3_600_000;
/**
 * bpmn-engine computes a timer's delay from two readings of the system clock, so a PT1H timer may
 * be armed for 1 h + 1 ms: advance a little past the due instant.
 */
const SLACK = 1_000;

/** An engine object with recording callbacks and a manual timer scheduler. */
function harness(db: Database, processes = PROCESSES) {
  const activations: UserTaskActivation[] = [];
  const ended: { ref: CallerRef; reason: UserTaskEndReason }[] = [];
  const timers = new ManualTimerScheduler();
  const errors: object[] = [];
  const engine = new EmbeddedWorkflowEngine({
    stores: createStores(db),
    processes,
    timers,
    onUserTask: (a) => Promise.resolve(void activations.push(a)),
    onUserTaskEnded: (ref, reason) => Promise.resolve(void ended.push({ ref, reason })),
    logger: { warn: () => undefined, error: (obj) => void errors.push(obj) },
  });
  const activated = (activityId: string) => activations.filter((a) => a.callerRef.activityId === activityId);
  return { engine, activations, ended, timers, errors, activated };
}

const complete = (callerRef: CallerRef, variables: Record<string, unknown>, commandId = randomUUID(), tenantId = 'ACME_EU'): CompleteTaskCommand => ({ commandId, tenantId, callerRef, variables });

describe.each(engines)('embedded workflow engine on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db.close();
  });

  it('announces the user task with its caller reference, and the decision chooses the gateway branch', async () => {
    const h = harness(db);
    const { processInstanceId } = await h.engine.startInstance({ processKey: 'review', tenantId: 'ACME_EU', businessKey: 'Q-1', variables: { amount: 1200, quote: { id: 'Q-1' } } });
    expect(h.activations).toHaveLength(1);
    const activation = h.activations[0]!;
    expect(activation).toEqual({
      callerRef: { engine: 'embedded', processKey: 'review', processInstanceId, activityId: 'approve', taskId: expect.stringMatching(/^approve_/) as string },
      tenantId: 'ACME_EU',
      businessKey: 'Q-1',
      elementName: 'Approve the discount',
      formKey: 'mandate:DISCOUNT_APPROVAL',
      variables: { amount: 1200, quote: { id: 'Q-1' } },
    });
    const started = await h.engine.getInstance(processInstanceId);
    expect(started).toMatchObject({ status: 'RUNNING', tenantId: 'ACME_EU', processKey: 'review', businessKey: 'Q-1', rowVersion: 1, waitingTasks: [{ activityId: 'approve', taskId: activation.callerRef.taskId, elementName: 'Approve the discount' }] });

    const command = complete(activation.callerRef, { decision: 'APPROVE', approvedBy: 'dana' });
    expect(await h.engine.completeTask(command)).toEqual({ kind: 'done' });
    const done = await h.engine.getInstance(processInstanceId);
    expect(done).toMatchObject({ status: 'COMPLETED', endEventId: 'endApproved', waitingTasks: [], completedCommandIds: [command.commandId], completedTasks: { [activation.callerRef.taskId]: command.commandId }, rowVersion: 2 });
    expect(done!.variables).toEqual({ amount: 1200, quote: { id: 'Q-1' }, decision: 'APPROVE', approvedBy: 'dana', mandateCommandId: command.commandId });
    expect(h.ended).toEqual([]);

    const rejected = harness(db);
    const second = await rejected.engine.startInstance({ processKey: 'review', tenantId: 'ACME_EU', variables: { amount: 50_000 } });
    expect(await rejected.engine.completeTask(complete(rejected.activations[0]!.callerRef, { decision: 'APPROVE' }))).toEqual({ kind: 'done' });
    expect(await rejected.engine.getInstance(second.processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'endRejected' });
    expect(rejected.activations[0]!.businessKey).toBeUndefined();
  });

  it('answers a repeated command with already-done and advances the process once', async () => {
    const h = harness(db);
    const { processInstanceId } = await h.engine.startInstance({ processKey: 'sla', tenantId: 'ACME_EU', variables: { slaReminderAfter: 'PT4H', slaEscalateAfter: 'PT8H' } });
    const command = complete(h.activated('approve')[0]!.callerRef, { decision: 'APPROVE' });
    expect(await h.engine.completeTask(command)).toEqual({ kind: 'done' });
    const after = await h.engine.getInstance(processInstanceId);
    const again = await h.engine.completeTask(command);
    expect(again.kind).toBe('already-done');
    expect(await h.engine.getInstance(processInstanceId)).toEqual(after);
    expect(after).toMatchObject({ status: 'COMPLETED', endEventId: 'endDone', completedCommandIds: [command.commandId] });
    // Completing the task cleared its boundary timers: nothing is left to fire.
    expect(h.timers.scheduled).toEqual([]);
  });

  it('answers gone for a task of an ended or cancelled instance, conflict for a task another command completed', async () => {
    const h = harness(db);
    const first = await h.engine.startInstance({ processKey: 'review', tenantId: 'ACME_EU', variables: { amount: 10 } });
    const ref = h.activations[0]!.callerRef;
    await h.engine.completeTask(complete(ref, { decision: 'REJECT' }));
    const other = await h.engine.completeTask(complete(ref, { decision: 'APPROVE' }));
    expect(other).toMatchObject({ kind: 'conflict', note: expect.stringContaining('was completed by command') as string });

    const second = await h.engine.startInstance({ processKey: 'review', tenantId: 'ACME_EU', variables: { amount: 10 } });
    const secondRef = h.activations[1]!.callerRef;
    expect(await h.engine.cancelInstance(second.processInstanceId)).toBe(true);
    expect(await h.engine.cancelInstance(second.processInstanceId)).toBe(false);
    expect(h.ended).toEqual([{ ref: secondRef, reason: 'cancelled' }]);
    expect(await h.engine.completeTask(complete(secondRef, { decision: 'APPROVE' }))).toMatchObject({ kind: 'gone', note: expect.stringContaining('CANCELLED') as string });
    expect(await h.engine.getInstance(second.processInstanceId)).toMatchObject({ status: 'CANCELLED', waitingTasks: [] });

    expect(await h.engine.completeTask(complete({ ...ref, taskId: 'approve_unknown' }, {}))).toMatchObject({ kind: 'gone', note: expect.stringContaining('COMPLETED') as string });
    expect(await h.engine.completeTask(complete({ ...ref, processInstanceId: randomUUID() }, {}))).toMatchObject({ kind: 'gone', note: expect.stringContaining('does not exist') as string });
    expect(await h.engine.completeTask(complete({ ...ref, processInstanceId: 'not-a-uuid' }, {}))).toMatchObject({ kind: 'gone' });
    expect(await h.engine.completeTask(complete({ ...ref, engine: 'camunda7' }, {}))).toMatchObject({ kind: 'gone' });
    expect(first.processInstanceId).toBe(ref.processInstanceId);
  });

  it('throws when the BPMN fails on the way, and leaves the instance waiting for a retry', async () => {
    const h = harness(db);
    const { processInstanceId } = await h.engine.startInstance({ processKey: 'review', tenantId: 'ACME_EU', variables: { amount: 10 } });
    const ref = h.activations[0]!.callerRef;
    const before = await h.engine.getInstance(processInstanceId);
    // No flow matches MAYBE: the gateway raises an error; the transaction rolls back.
    await expect(h.engine.completeTask(complete(ref, { decision: 'MAYBE' }))).rejects.toBeInstanceOf(ProcessExecutionError);
    // A condition over a variable nobody set: Camunda's unknown-property error.
    await expect(h.engine.completeTask(complete(ref, {}))).rejects.toThrow(/unknown variable "decision"/);
    expect(await h.engine.getInstance(processInstanceId)).toEqual(before);
    expect(await h.engine.completeTask(complete(ref, { decision: 'APPROVE' }))).toEqual({ kind: 'done' });
  });

  it('marks the instance FAILED when a timer continuation raises a BPMN error; a completion then is a conflict', async () => {
    const h = harness(db);
    const ok = await h.engine.startInstance({ processKey: 'timeout', tenantId: 'ACME_EU', variables: { expiresAfter: 'PT1H', route: 'A' } });
    const broken = await h.engine.startInstance({ processKey: 'timeout', tenantId: 'ACME_EU', variables: { expiresAfter: 'PT1H', route: 'B' } });
    h.timers.advance(HOUR + SLACK);
    await h.engine.whenIdle();
    expect(await h.engine.getInstance(ok.processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'endA' });
    const failed = await h.engine.getInstance(broken.processInstanceId);
    expect(failed).toMatchObject({ status: 'FAILED', failure: expect.stringContaining('no conditional flow taken') as string, waitingTasks: [{ activityId: 'wait' }] });
    expect(h.errors.length).toBeGreaterThan(0);
    const ref = h.activations.find((a) => a.callerRef.processInstanceId === broken.processInstanceId)!.callerRef;
    expect(await h.engine.completeTask(complete(ref, {}))).toMatchObject({ kind: 'conflict', note: expect.stringContaining('FAILED') as string });
    await h.engine.stop();
  });

  it('completes a user task inside a sub-process; the process after it reads the variables', async () => {
    const h = harness(db);
    const { processInstanceId } = await h.engine.startInstance({ processKey: 'nested', tenantId: 'ACME_EU', variables: {} });
    expect(h.activations.map((a) => a.callerRef.activityId)).toEqual(['check']);
    const restarted = harness(db);
    await restarted.engine.resumeAll();
    expect(restarted.activations.find((a) => a.callerRef.processInstanceId === processInstanceId)?.callerRef).toEqual(h.activations[0]!.callerRef);
    expect(await restarted.engine.completeTask(complete(h.activations[0]!.callerRef, { decision: 'APPROVE' }))).toEqual({ kind: 'done' });
    expect(await h.engine.getInstance(processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'endApproved', variables: { decision: 'APPROVE' } });
  });

  it('resumes after a restart: the same task is announced again and can be completed', async () => {
    const before = harness(db);
    const { processInstanceId } = await before.engine.startInstance({ processKey: 'review', tenantId: 'ACME_EU', businessKey: 'Q-7', variables: { amount: 99 } });
    await before.engine.stop();

    const after = harness(db);
    const summary = await after.engine.resumeAll();
    expect(summary.failed).toBe(0);
    const again = after.activations.filter((a) => a.callerRef.processInstanceId === processInstanceId);
    expect(again).toHaveLength(1);
    expect(callerKey(again[0]!.callerRef)).toBe(callerKey(before.activations[0]!.callerRef));
    expect(again[0]).toEqual(before.activations[0]);
    expect((await after.engine.getInstance(processInstanceId))!.rowVersion).toBe(1);

    expect(await after.engine.completeTask(complete(again[0]!.callerRef, { decision: 'APPROVE' }))).toEqual({ kind: 'done' });
    expect(await after.engine.getInstance(processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'endApproved' });
    await after.engine.stop();
  });

  it('fires boundary timers through the injected scheduler: the reminder keeps the task, the escalation interrupts it', async () => {
    const h = harness(db);
    const { processInstanceId } = await h.engine.startInstance({ processKey: 'sla', tenantId: 'ACME_EU', variables: { slaReminderAfter: 'PT1H', slaEscalateAfter: 'PT2H' } });
    const approve = h.activated('approve')[0]!.callerRef;
    expect(h.timers.scheduled).toHaveLength(2);

    h.timers.advance(HOUR + SLACK);
    await h.engine.whenIdle();
    expect(h.activated('followUp')).toHaveLength(1);
    expect(h.ended).toEqual([]);
    expect((await h.engine.getInstance(processInstanceId))!.waitingTasks.map((t) => t.activityId).sort()).toEqual(['approve', 'followUp']);

    h.timers.advance(HOUR);
    await h.engine.whenIdle();
    expect(h.ended).toEqual([{ ref: approve, reason: 'interrupted' }]);
    expect(h.activated('handleEscalation')).toHaveLength(1);
    expect(await h.engine.completeTask(complete(approve, { decision: 'APPROVE' }))).toMatchObject({ kind: 'gone', note: expect.stringContaining('no longer waits') as string });

    expect(await h.engine.completeTask(complete(h.activated('followUp')[0]!.callerRef, {}))).toEqual({ kind: 'done' });
    expect(await h.engine.completeTask(complete(h.activated('handleEscalation')[0]!.callerRef, { escalatedTo: 'ops' }))).toEqual({ kind: 'done' });
    expect(await h.engine.getInstance(processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'endEscalated', waitingTasks: [] });
    expect(h.errors).toEqual([]);
    await h.engine.stop();
  });

  it('re-arms timers from the saved state after a restart, and a timer fires once across two engine objects', async () => {
    const a = harness(db);
    const { processInstanceId } = await a.engine.startInstance({ processKey: 'sla', tenantId: 'ACME_EU', variables: { slaReminderAfter: 'PT1H', slaEscalateAfter: 'PT2H' } });
    const b = harness(db);
    await b.engine.resumeAll();
    // Re-armed with what is left of the durations saved with the state.
    expect(b.timers.scheduled).toHaveLength(2);
    expect(b.timers.scheduled[0]).toBeGreaterThan(HOUR - 60_000);
    expect(b.timers.scheduled[1]).toBeLessThanOrEqual(2 * HOUR + SLACK);

    b.timers.advance(HOUR + SLACK);
    await b.engine.whenIdle();
    expect(b.activated('followUp')).toHaveLength(1);
    // A's copy is stale now: when its reminder falls due it reloads the instance and finds the reminder taken.
    a.timers.advance(HOUR + SLACK);
    await a.engine.whenIdle();
    expect(a.activated('followUp')).toHaveLength(0);
    expect((await a.engine.getInstance(processInstanceId))!.rowVersion).toBe(2);

    // B fires the escalation; A's reloaded copy re-armed it, and when it falls due there, finds it taken.
    b.timers.advance(HOUR);
    await b.engine.whenIdle();
    a.timers.advance(2 * HOUR + SLACK);
    await a.engine.whenIdle();
    expect(b.activated('handleEscalation')).toHaveLength(1);
    expect(a.activated('handleEscalation')).toHaveLength(0);
    expect(b.ended).toHaveLength(1);
    expect(a.ended).toHaveLength(0);
    expect((await a.engine.getInstance(processInstanceId))!.rowVersion).toBe(3);
    await a.engine.stop();
    await b.engine.stop();
  });

  it("refuses a completion for another tenant's instance as if it did not exist; the task keeps waiting for its own tenant", async () => {
    const h = harness(db);
    const { processInstanceId } = await h.engine.startInstance({ processKey: 'review', tenantId: 'ACME_EU', variables: { amount: 10 } });
    const ref = h.activations[0]!.callerRef;
    const foreign = await h.engine.completeTask(complete(ref, { decision: 'APPROVE' }, randomUUID(), 'ACME_APAC'));
    expect(foreign).toEqual({ kind: 'gone', note: `process instance ${processInstanceId} of review does not exist in tenant ACME_APAC` });
    expect(await h.engine.getInstance(processInstanceId)).toMatchObject({ status: 'RUNNING', rowVersion: 1, completedCommandIds: [], waitingTasks: [{ taskId: ref.taskId }] });
    expect(await h.engine.completeTask(complete(ref, { decision: 'APPROVE' }))).toEqual({ kind: 'done' });
  });

  it("delivers a message only to the command's tenant, by business key and by instance", async () => {
    const h = harness(db);
    const businessKey = `ORDER-${randomUUID()}`;
    const { processInstanceId } = await h.engine.startInstance({ processKey: 'payment', tenantId: 'ACME_EU', businessKey, variables: { orderId: businessKey } });
    const foreign = { tenantId: 'ACME_APAC', messageName: 'PaymentReceived', variables: { paidAmount: 1 } };
    expect(await h.engine.correlateMessage({ ...foreign, commandId: randomUUID(), businessKey })).toMatchObject({ kind: 'gone' });
    expect(await h.engine.correlateMessage({ ...foreign, commandId: randomUUID(), processInstanceId })).toMatchObject({ kind: 'gone' });
    expect(await h.engine.getInstance(processInstanceId)).toMatchObject({ status: 'RUNNING', rowVersion: 1, completedCommandIds: [] });
    expect(h.activated('ship')).toHaveLength(0);
    expect(await h.engine.correlateMessage({ commandId: randomUUID(), tenantId: 'ACME_EU', messageName: 'PaymentReceived', businessKey, variables: { paidAmount: 100 } })).toEqual({ kind: 'done' });
    expect(h.activated('ship')).toHaveLength(1);
  });

  it('correlates messages by business key and by instance, once per command', async () => {
    const h = harness(db);
    const businessKey = `ORDER-${randomUUID()}`;
    const { processInstanceId } = await h.engine.startInstance({ processKey: 'payment', tenantId: 'ACME_EU', businessKey, variables: { orderId: businessKey } });
    expect(h.activations).toEqual([]);

    const paid = { commandId: randomUUID(), tenantId: 'ACME_EU', messageName: 'PaymentReceived', businessKey, variables: { paidAmount: 100 } };
    expect(await h.engine.correlateMessage(paid)).toEqual({ kind: 'done' });
    expect(await h.engine.correlateMessage(paid)).toMatchObject({ kind: 'already-done' });
    expect(h.activated('ship')).toHaveLength(1);
    expect(h.activated('ship')[0]!.variables).toMatchObject({ orderId: businessKey, paidAmount: 100 });

    expect(await h.engine.correlateMessage({ commandId: randomUUID(), tenantId: 'ACME_EU', messageName: 'PaymentReceived', businessKey, variables: {} })).toMatchObject({ kind: 'gone' });
    expect(await h.engine.correlateMessage({ commandId: randomUUID(), tenantId: 'ACME_EU', messageName: 'Unheard', processInstanceId, variables: {} })).toMatchObject({ kind: 'gone' });
    expect(await h.engine.correlateMessage({ commandId: randomUUID(), tenantId: 'ACME_EU', messageName: 'OrderRevised', businessKey: 'NO-SUCH-ORDER', variables: {} })).toMatchObject({ kind: 'gone' });

    expect(await h.engine.correlateMessage({ commandId: randomUUID(), tenantId: 'ACME_EU', messageName: 'OrderRevised', processInstanceId, variables: { revision: 2 } })).toEqual({ kind: 'done' });
    expect(h.ended).toEqual([{ ref: h.activated('ship')[0]!.callerRef, reason: 'interrupted' }]);
    expect(await h.engine.getInstance(processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'endRevised', variables: { orderId: businessKey, paidAmount: 100, revision: 2 } });
  });

  it('serialises two engine objects completing the same task', async () => {
    const a = harness(db);
    const b = harness(db);
    const { processInstanceId } = await a.engine.startInstance({ processKey: 'review', tenantId: 'ACME_EU', variables: { amount: 10 } });
    const ref = a.activations[0]!.callerRef;
    const command = complete(ref, { decision: 'APPROVE' });
    const outcomes = await Promise.all([a.engine.completeTask(command), b.engine.completeTask(command)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['already-done', 'done']);
    expect(await a.engine.getInstance(processInstanceId)).toMatchObject({ status: 'COMPLETED', rowVersion: 2, completedCommandIds: [command.commandId] });

    const second = await a.engine.startInstance({ processKey: 'review', tenantId: 'ACME_EU', variables: { amount: 10 } });
    const secondRef = a.activations[1]!.callerRef;
    const racing = await Promise.all([a.engine.completeTask(complete(secondRef, { decision: 'APPROVE' })), b.engine.completeTask(complete(secondRef, { decision: 'REJECT' }))]);
    expect(racing.map((o) => o.kind).sort()).toEqual(['conflict', 'done']);
    const record = await a.engine.getInstance(second.processInstanceId);
    expect(record).toMatchObject({ status: 'COMPLETED', rowVersion: 2 });
    expect(record!.completedCommandIds).toHaveLength(1);
    expect(record!.endEventId).toBe(record!.variables.decision === 'APPROVE' ? 'endApproved' : 'endRejected');
  });

  it('refuses unknown processes, reserved variable names, and conditions outside the subset', async () => {
    const h = harness(db);
    await expect(h.engine.startInstance({ processKey: 'nope', tenantId: 'ACME_EU', variables: {} })).rejects.toBeInstanceOf(UnknownProcessError);
    await expect(h.engine.startInstance({ processKey: 'review', tenantId: 'ACME_EU', variables: { content: 1 } })).rejects.toBeInstanceOf(InvalidVariablesError);
    expect(() => harness(db, [{ key: 'invalid', source: fixture('invalid/EXPRESSION_SYNTAX.bpmn') }])).toThrow(/method calls are not supported/);
    await expect(harness(db, [{ key: 'other', source: fixture('review.bpmn') }]).engine.startInstance({ processKey: 'other', tenantId: 'ACME_EU', variables: {} })).rejects.toThrow(/no executable process with id other/);
  });

  it('logs a failing callback and keeps the committed change; resumeAll announces the task again', async () => {
    const errors: object[] = [];
    let fail = true;
    const announced: UserTaskActivation[] = [];
    const make = () =>
      new EmbeddedWorkflowEngine({
        stores: createStores(db),
        processes: PROCESSES,
        timers: new ManualTimerScheduler(),
        onUserTask: (a) => (fail ? Promise.reject(new Error('work item store down')) : Promise.resolve(void announced.push(a))),
        logger: { warn: () => undefined, error: (obj) => void errors.push(obj) },
      });
    const { processInstanceId } = await make().startInstance({ processKey: 'review', tenantId: 'ACME_EU', variables: { amount: 1 } });
    expect(errors).toHaveLength(1);
    expect((await make().getInstance(processInstanceId))!.waitingTasks).toHaveLength(1);
    fail = false;
    await make().resumeAll();
    expect(announced.filter((a) => a.callerRef.processInstanceId === processInstanceId)).toHaveLength(1);
  });

  const bpmnDir = join(here, '../../../../bpmn');
  const product = (name: string): EmbeddedProcess[] => (existsSync(join(bpmnDir, `${name}.bpmn`)) ? [{ key: name, source: readFileSync(join(bpmnDir, `${name}.bpmn`), 'utf8') }] : []);
  const quoteApproval = product('quote-approval');
  const orderFulfilment = product('order-fulfilment');
  const quote = (overrides: Record<string, unknown> = {}) => ({
    quoteId: 'Q-1001', quoteVersion: 3, quoteRevision: 1, salesRepId: 'sam', customerName: 'Globex', customerTier: 'GOLD', totalAmount: 120_000, currency: 'EUR', regulatoryRisk: false,
    requestedDiscountPercent: 18, standardLimitPercent: 10, marginImpactPercent: 6.5, pricingResultId: 'PR-1', region: 'EU', productFamily: 'HARDWARE', slaReminderAfter: 'PT4H', slaEscalateAfter: 'PT8H', ...overrides,
  });

  it.runIf(quoteApproval.length)('runs bpmn/quote-approval.bpmn: threshold, SLA reminder and escalation, the decision branches, reprice loop', async () => {
    const h = harness(db, quoteApproval);
    const start = (overrides?: Record<string, unknown>) => h.engine.startInstance({ processKey: 'quote-approval', tenantId: 'ACME_EU', businessKey: 'Q-1001', variables: quote(overrides) });
    const instance = async (id: string) => (await h.engine.getInstance(id))!;

    const within = await start({ requestedDiscountPercent: 5 });
    expect(await instance(within.processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'quote-approved' });
    expect(h.activations).toEqual([]);

    const approved = await start();
    const task = h.activations.at(-1)!;
    expect(task).toMatchObject({ callerRef: { processKey: 'quote-approval', activityId: 'approve-discount' }, formKey: 'mandate:DISCOUNT_APPROVAL', elementName: 'Approve discount override', variables: quote() });
    h.timers.advance(4 * HOUR + SLACK);
    await h.engine.whenIdle();
    expect(await instance(approved.processInstanceId)).toMatchObject({ status: 'RUNNING', waitingTasks: [{ activityId: 'approve-discount', taskId: task.callerRef.taskId }] });
    expect(h.ended).toEqual([]);
    expect(await h.engine.completeTask(complete(task.callerRef, { decision: 'APPROVE', approvalStatus: 'APPROVED' }))).toEqual({ kind: 'done' });
    expect(await instance(approved.processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'quote-approved' });

    const breached = await start();
    h.timers.advance(8 * HOUR + SLACK);
    await h.engine.whenIdle();
    expect(h.ended).toEqual([{ ref: h.activations.at(-1)!.callerRef, reason: 'interrupted' }]);
    expect(await instance(breached.processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'quote-escalated' });

    const repriced = await start();
    const first = h.activations.at(-1)!.callerRef;
    expect(await h.engine.completeTask(complete(first, { decision: 'REQUEST_REPRICE', requestedDiscountPercent: 12 }))).toEqual({ kind: 'done' });
    const second = h.activations.at(-1)!.callerRef;
    expect(second.activityId).toBe('approve-discount');
    expect(second.taskId).not.toBe(first.taskId);
    expect(await h.engine.completeTask(complete(second, { decision: 'REJECT' }))).toEqual({ kind: 'done' });
    expect(await instance(repriced.processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'quote-rejected' });

    // An ended work item completes the task without a decision: the gateway's conditions read
    // `decision`, so it must be set (null), as Camunda's JUEL would also require.
    const withdrawn = await start();
    const withdrawnRef = h.activations.at(-1)!.callerRef;
    await expect(h.engine.completeTask(complete(withdrawnRef, { mandateOutcome: 'CANCELLED' }))).rejects.toThrow(/unknown variable "decision"/);
    expect(await h.engine.completeTask(complete(withdrawnRef, { decision: null, mandateOutcome: 'CANCELLED' }))).toEqual({ kind: 'done' });
    expect(await instance(withdrawn.processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'quote-withdrawn' });
    await h.engine.stop();
  });

  it.runIf(orderFulfilment.length)('runs bpmn/order-fulfilment.bpmn: reservation outcomes, escalation to inventory operations, retry loop', async () => {
    const h = harness(db, orderFulfilment);
    const order = (reservationOutcome: string) => ({ orderId: 'O-1', orderVersion: 1, orderStatus: 'IN_PROGRESS', customerImpacting: true, region: 'EU', orderLines: [{ sku: 'A', qty: 1 }], reservationOutcome, reservationCorrelationId: 'C-1', reservationRequestSentAt: '2026-07-02T10:00:00Z', reservationTimeoutAt: '2026-07-02T10:00:30Z', reservationRequestSummary: 'reserve 1 x A' });
    const start = (outcome: string) => h.engine.startInstance({ processKey: 'order-fulfilment', tenantId: 'ACME_EU', businessKey: 'O-1', variables: order(outcome) });
    const instance = async (id: string) => (await h.engine.getInstance(id))!;

    expect(await instance((await start('CONFIRMED')).processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'order-fulfilled' });
    expect(await instance((await start('REJECTED')).processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'order-reservation-failed' });

    const unknown = await start('UNKNOWN');
    const fallout = h.activations.at(-1)!;
    expect(fallout).toMatchObject({ callerRef: { activityId: 'resolve-reservation-unknown' }, formKey: 'mandate:INVENTORY_RESERVATION_UNKNOWN_OUTCOME@3' });
    expect(await h.engine.completeTask(complete(fallout.callerRef, { decision: 'ESCALATE_TO_INVENTORY_OPS' }))).toEqual({ kind: 'done' });
    const ops = h.activations.at(-1)!.callerRef;
    expect(ops.activityId).toBe('inventory-ops-review');
    expect(await h.engine.completeTask(complete(ops, { decision: 'MARK_NO_EFFECT_AND_RETRY' }))).toEqual({ kind: 'done' });
    const retried = h.activations.at(-1)!.callerRef;
    expect(retried.activityId).toBe('resolve-reservation-unknown');
    expect(retried.taskId).not.toBe(fallout.callerRef.taskId);
    expect(await h.engine.completeTask(complete(retried, { decision: 'CONFIRM_RESERVED' }))).toEqual({ kind: 'done' });
    expect(await instance(unknown.processInstanceId)).toMatchObject({ status: 'COMPLETED', endEventId: 'order-fulfilled', variables: { decision: 'CONFIRM_RESERVED' } });
  });
});
