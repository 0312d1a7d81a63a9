// The outbox relay against a recording engine port, on PGlite and PostgreSQL: commands are sent
// once, retried with backoff, dead-lettered to an operator after the last attempt, and closed or
// raised as incidents as the engine answers.
import { randomUUID } from 'node:crypto';
import { createStores, KnexWorkItemStore, KnexWorkflowOutbox, type Database, type WorkflowCommand } from '@mandate/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import { WorkflowUnavailableError, type CallerRef, type CompleteTaskCommand, type CorrelateMessageCommand, type PortOutcome, type WorkflowPort } from '../WorkflowPort.js';
import { OutboxRelay, type OperatorAttention } from './OutboxRelay.js';
import { commandRouter } from './routeCommand.js';

/** An engine stand-in that records what it was asked and answers as told. */
class RecordingPort implements WorkflowPort {
  readonly engine = 'recording';
  readonly completed: CompleteTaskCommand[] = [];
  readonly correlated: CorrelateMessageCommand[] = [];
  answer: () => PortOutcome = () => ({ kind: 'done' });
  completeTask(command: CompleteTaskCommand): Promise<PortOutcome> {
    const outcome = this.answer();
    if (outcome.kind === 'done') this.completed.push(command);
    return Promise.resolve(outcome);
  }
  correlateMessage(command: CorrelateMessageCommand): Promise<PortOutcome> {
    this.correlated.push(command);
    return Promise.resolve({ kind: 'done' });
  }
}

const T0 = Date.parse('2026-07-02T10:00:00Z');

async function itemFor(db: Database, ref?: CallerRef): Promise<string> {
  const id = randomUUID();
  await db.transaction((tx) =>
    new KnexWorkItemStore(db.knex).create(tx, {
      id, tenantId: 'ACME_EU', taskType: 'DISCOUNT_APPROVAL', taskTypeVersion: 2, pinnedDefinitions: [], state: 'decided', title: 'Approve', businessObject: { type: 'QUOTE', id: `Q-${id}`, version: 1 },
      candidateGroups: [], priority: 0, priorityReasons: [], escalationLevel: 0, evidence: {}, ...(ref ? { callerRef: { ...ref }, callerKey: `recording:${id}` } : {}),
    }, new Date(T0).toISOString()),
  );
  return id;
}

async function decided(db: Database, workItemId: string, commandType = 'COMPLETE_TASK'): Promise<string> {
  const payload = { workItemId, taskType: 'DISCOUNT_APPROVAL', decisionId: randomUUID(), decision: 'APPROVE', reasonCode: 'COMPETITIVE_MATCH', comment: null, decidedBy: 'dana', outcome: { approvalStatus: 'APPROVED' }, action: 'RUN_RECONCILIATION' };
  return db.transaction((tx) => new KnexWorkflowOutbox(db.knex).enqueue(tx, { tenantId: 'ACME_EU', commandType, payload }, new Date(T0).toISOString()));
}

describe.each(engines)('outbox relay on $name', ({ open }) => {
  let db: Database;
  let port: RecordingPort;
  let now = T0;
  const attention: OperatorAttention[] = [];
  const relay = (owner = 'relay-1') =>
    new OutboxRelay({
      stores: createStores(db),
      ports: [port],
      owner,
      clock: () => new Date(now),
      retry: { maxAttempts: 3, backoffMs: (a) => a * 1000 },
      route: commandRouter(createStores(db), (_ref, decision) => Promise.resolve({ approved: decision.decision === 'APPROVE', reasonCode: decision.reasonCode })),
      onAttention: (a) => Promise.resolve(void attention.push(a)),
    });
  const ref = (n: string): CallerRef => ({ engine: 'recording', processKey: 'quote-approval', processInstanceId: `pi-${n}`, activityId: 'approve-discount', taskId: `task-${n}` });
  const status = async (id: string) => (await new KnexWorkflowOutbox(db.knex).get(id)) as WorkflowCommand;

  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('completes the waiting task with the output variables, once', async () => {
    port = new RecordingPort();
    const id = await decided(db, await itemFor(db, ref('1')));
    expect(await relay().runOnce()).toMatchObject({ sent: 1 });
    expect(port.completed).toEqual([{ commandId: id, tenantId: 'ACME_EU', callerRef: ref('1'), variables: { approved: true, reasonCode: 'COMPETITIVE_MATCH' } }]);
    expect(await status(id)).toMatchObject({ status: 'SENT', attemptCount: 1 });
    expect(await relay().runOnce()).toMatchObject({ sent: 0 });
    expect(port.completed).toHaveLength(1);
  });

  it('a recovery action is correlated as a message to its process instance', async () => {
    port = new RecordingPort();
    await decided(db, await itemFor(db, ref('2')), 'RECOVERY_ACTION');
    await relay().runOnce();
    expect(port.correlated).toMatchObject([{ messageName: 'mandate:RUN_RECONCILIATION', processInstanceId: 'pi-2', variables: { mandateAction: 'RUN_RECONCILIATION' } }]);
  });

  it('retries an unavailable engine with backoff and completes once it is back', async () => {
    port = new RecordingPort();
    port.answer = () => {
      throw new WorkflowUnavailableError('connection refused');
    };
    const id = await decided(db, await itemFor(db, ref('3')));
    expect(await relay().runOnce()).toMatchObject({ retried: 1 });
    expect(await relay().runOnce()).toMatchObject({ retried: 0 }); // not due before the backoff
    now += 1000;
    port.answer = () => ({ kind: 'done' });
    expect(await relay().runOnce()).toMatchObject({ sent: 1 });
    expect(await status(id)).toMatchObject({ status: 'SENT', attemptCount: 2 });
  });

  it('dead-letters after the last attempt and asks an operator, once', async () => {
    port = new RecordingPort();
    port.answer = () => {
      throw new WorkflowUnavailableError('503 from engine');
    };
    attention.length = 0;
    const id = await decided(db, await itemFor(db, ref('4')));
    for (let i = 0; i < 5; i++) {
      await relay().runOnce();
      now += 10_000;
    }
    expect(await status(id)).toMatchObject({ status: 'FAILED', attemptCount: 3, lastError: '503 from engine' });
    expect(attention).toMatchObject([{ kind: 'DEAD_LETTER', command: { id }, reason: '503 from engine' }]);
  });

  it('closes a command the process no longer waits for, and raises an incident when someone else completed the task', async () => {
    port = new RecordingPort();
    attention.length = 0;
    port.answer = () => ({ kind: 'gone', note: 'process instance pi-5 ended' });
    const gone = await decided(db, await itemFor(db, ref('5')));
    await relay().runOnce();
    expect(await status(gone)).toMatchObject({ status: 'CLOSED', note: 'process instance pi-5 ended' });
    port.answer = () => ({ kind: 'conflict', note: 'task-6 was completed by someone else' });
    const conflict = await decided(db, await itemFor(db, ref('6')));
    await relay().runOnce();
    expect(await status(conflict)).toMatchObject({ status: 'INCIDENT' });
    expect(attention).toMatchObject([{ kind: 'INCIDENT', command: { id: conflict } }]);
    const direct = await decided(db, await itemFor(db));
    await relay().runOnce();
    expect(await status(direct)).toMatchObject({ status: 'CLOSED', note: 'no workflow waits for this work item' });
  });
});

describe.each(engines.filter((e) => e.name === 'postgresql'))('three relays over one outbox on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('every command is completed exactly once', async () => {
    const port = new RecordingPort();
    const ids: string[] = [];
    for (let i = 0; i < 90; i++) ids.push(await decided(db, await itemFor(db, { engine: 'recording', processKey: 'p', processInstanceId: `pi-${i}`, activityId: 'a', taskId: `t-${i}` })));
    const relays = ['a', 'b', 'c'].map((owner) => new OutboxRelay({ stores: createStores(db), ports: [port], owner, batchSize: 10, clock: () => new Date(T0), route: commandRouter(createStores(db), () => Promise.resolve({})) }));
    for (let round = 0; round < 6; round++) await Promise.all(relays.map((r) => r.runOnce()));
    expect(port.completed.map((c) => c.commandId).sort()).toEqual([...ids].sort());
  });
});
