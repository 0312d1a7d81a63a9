// The Camunda 7 REST adapter against the HTTP double on 127.0.0.1: completions with typed
// variables, lost responses detected from Camunda's history (each command completes its task
// exactly once), engine outages as WorkflowUnavailableError, someone else's completion as a
// conflict, ended processes as gone, and message correlation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_ID_VARIABLE, WorkflowUnavailableError, type CallerRef } from '../WorkflowPort.js';
import { Camunda7Error } from './Camunda7Error.js';
import { Camunda7Port, camunda7CallerRef } from './Camunda7Port.js';
import { camunda7Double, type Camunda7Double } from '../../test-support/camunda7Double.js';
import { closedPort } from '../../test-support/closedPort.js';

const COMPLETE = { method: 'POST', path: /^\/task\/[^/]+\/complete$/ };
const GET_TASK = { method: 'GET', path: /^\/task\/[^/]+$/ };
const MESSAGE = { method: 'POST', path: /^\/message$/ };

let camunda: Camunda7Double;
let port: Camunda7Port;
let commandSeq = 0;
const commandId = () => `cmd-${++commandSeq}`;

beforeAll(async () => {
  camunda = camunda7Double({
    processes: {
      'quote-approval': { userTasks: ['approve'], messages: { 'mandate:RUN_RECONCILIATION': { whileAt: ['approve'], goTo: 'approve' }, QuoteWithdrawn: {} } },
      'two-step': { userTasks: ['approve', 'countersign'] },
    },
  });
  port = new Camunda7Port({ baseUrl: await camunda.listen(), timeoutMs: 2000 });
});

afterAll(() => camunda.close());

beforeEach(() => camunda.faults.clear());

/** Starts a process through the adapter and returns the caller reference of its open task, as the poller would. */
async function openTask(processKey = 'quote-approval'): Promise<CallerRef> {
  const instance = await port.startProcess(processKey, { quoteId: 'Q-1' }, `bk-${commandSeq}`);
  const [task] = await port.listTasks({ processInstanceId: instance.id });
  return camunda7CallerRef(task!, processKey);
}

describe('Camunda7Port reads and starts', () => {
  it('starts a process, lists and fetches its user task as a caller reference', async () => {
    const instance = await port.startProcess('quote-approval', { quoteId: 'Q-9', amount: 1200.5 }, 'Q-9');
    expect(instance).toMatchObject({ businessKey: 'Q-9', ended: false, suspended: false });
    expect(camunda.variables(instance.id)).toEqual({ quoteId: { type: 'String', value: 'Q-9', valueInfo: {} }, amount: { type: 'Double', value: 1200.5, valueInfo: {} } });

    const tasks = await port.listTasks({ processDefinitionKey: 'quote-approval', taskDefinitionKey: 'approve', processInstanceId: instance.id });
    expect(tasks).toHaveLength(1);
    const ref = camunda7CallerRef(tasks[0]!, 'quote-approval');
    expect(ref).toEqual({ engine: 'camunda7', processKey: 'quote-approval', processInstanceId: instance.id, activityId: 'approve', taskId: tasks[0]!.id });
    expect(await port.fetchTask(ref.taskId)).toMatchObject({ id: ref.taskId, taskDefinitionKey: 'approve', processInstanceId: instance.id });
    expect(await port.fetchTaskVariables(ref.taskId)).toEqual({ quoteId: 'Q-9', amount: 1200.5 });
    expect(await port.fetchTask('no-such-task')).toBeUndefined();
    expect(await port.fetchTaskVariables('no-such-task')).toBeUndefined();
  });

  it('maps an unknown process definition to a Camunda7Error with Camunda\'s type and message', async () => {
    const error = await port.startProcess('no-such-process').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Camunda7Error);
    expect(error).toMatchObject({ status: 404, type: 'RestException', camundaMessage: 'No matching process definition with key: no-such-process and no tenant-id' });
  });
});

describe('Camunda7Port.completeTask', () => {
  it('completes the task with typed variables and the command id', async () => {
    const ref = await openTask();
    const id = commandId();
    const variables = { approved: true, discount: 12, total: 1234.5, big: 2 ** 40, reasonCode: 'COMPETITIVE_MATCH', comment: null, outcome: { approvalStatus: 'APPROVED', approvers: ['dana'] } };

    expect(await port.completeTask({ tenantId: 'ACME_EU', commandId: id, callerRef: ref, variables })).toEqual({ kind: 'done' });

    expect(camunda.variables(ref.processInstanceId)).toMatchObject({
      approved: { type: 'Boolean', value: true },
      discount: { type: 'Integer', value: 12 },
      total: { type: 'Double', value: 1234.5 },
      big: { type: 'Long', value: 2 ** 40 },
      reasonCode: { type: 'String', value: 'COMPETITIVE_MATCH' },
      comment: { type: 'Null', value: null },
      outcome: { type: 'Json', value: '{"approvalStatus":"APPROVED","approvers":["dana"]}' },
      [COMMAND_ID_VARIABLE]: { type: 'String', value: id },
    });
    expect(camunda.completionsApplied(ref.taskId)).toBe(1);
    expect(camunda.processInstance(ref.processInstanceId)?.state).toBe('COMPLETED');
  });

  it('detects its own completion when the response is lost, at once and on every retry', async () => {
    const ref = await openTask();
    const command = { tenantId: 'ACME_EU', commandId: commandId(), callerRef: ref, variables: { approved: true } };
    camunda.faults.dropNextResponse({ match: COMPLETE });
    const before = camunda.requests.length;

    const first = await port.completeTask(command);
    expect(first.kind).toBe('already-done');
    expect(first).toMatchObject({ note: expect.stringContaining(command.commandId) });
    expect(camunda.requests.slice(before).map((r) => `${r.method} ${r.path.replace(ref.taskId, '{id}')}`)).toEqual([
      'POST /task/{id}/complete',
      'GET /task/{id}',
      'GET /history/task',
      'GET /history/variable-instance',
    ]);

    // the relay's retry: Camunda answers 500 "Cannot find task", history says it was ours
    expect((await port.completeTask(command)).kind).toBe('already-done');
    expect(camunda.completeRequests(ref.taskId)).toBe(2);
    expect(camunda.completionsApplied(ref.taskId)).toBe(1);
  });

  it('retries after a timeout while the engine is still working, then detects the late completion', async () => {
    const ref = await openTask();
    const command = { tenantId: 'ACME_EU', commandId: commandId(), callerRef: ref, variables: { approved: false } };
    const impatient = new Camunda7Port({ baseUrl: camunda.url, timeoutMs: 100 });
    camunda.faults.delay(800, { match: COMPLETE, count: 1 });

    // no answer within 100 ms, and the task is still open when checked: not completed, retry
    await expect(impatient.completeTask(command)).rejects.toThrow(WorkflowUnavailableError);
    await expect.poll(() => camunda.completionsApplied(ref.taskId), { timeout: 5000, interval: 25 }).toBe(1);

    expect((await impatient.completeTask(command)).kind).toBe('already-done');
    expect(camunda.completionsApplied(ref.taskId)).toBe(1);
  });

  it('finds its command id among earlier values when a later task overwrote the variable', async () => {
    const first = await openTask('two-step');
    const lost = { tenantId: 'ACME_EU', commandId: commandId(), callerRef: first, variables: { approved: true } };
    // applied, answer lost, and Camunda unreachable for the check: the relay will retry later
    camunda.faults.dropNextResponse({ match: COMPLETE });
    camunda.faults.failNext(1, { match: GET_TASK });
    await expect(port.completeTask(lost)).rejects.toThrow(WorkflowUnavailableError);

    // meanwhile the next task is decided and completed: mandateCommandId now holds the later id
    const [next] = await port.listTasks({ processInstanceId: first.processInstanceId });
    const later = { tenantId: 'ACME_EU', commandId: commandId(), callerRef: camunda7CallerRef(next!, 'two-step'), variables: { countersigned: true } };
    expect(await port.completeTask(later)).toEqual({ kind: 'done' });
    expect(camunda.variables(first.processInstanceId)[COMMAND_ID_VARIABLE]?.value).toBe(later.commandId);

    const before = camunda.requests.length;
    expect((await port.completeTask(lost)).kind).toBe('already-done');
    expect(camunda.requests.slice(before).map((r) => r.path).at(-1)).toBe('/history/detail');
    expect(camunda.completionsApplied(first.taskId)).toBe(1);
  });

  it('throws WorkflowUnavailableError while Camunda answers 503, and completes once it is back', async () => {
    const ref = await openTask();
    const command = { tenantId: 'ACME_EU', commandId: commandId(), callerRef: ref, variables: { approved: true } };
    camunda.faults.failNext(2); // the completion and the check

    const error = await port.completeTask(command).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUnavailableError);
    expect(camunda.completionsApplied(ref.taskId)).toBe(0);

    camunda.faults.failNext(1, { match: COMPLETE }); // only the completion: the check finds the task open
    await expect(port.completeTask(command)).rejects.toThrow(/still open/);

    expect(await port.completeTask(command)).toEqual({ kind: 'done' });
    expect(camunda.completionsApplied(ref.taskId)).toBe(1);
  });

  it('throws WorkflowUnavailableError when nothing listens (connection refused)', async () => {
    const closed = await closedPort();
    const down = new Camunda7Port({ baseUrl: `http://127.0.0.1:${closed}/engine-rest`, timeoutMs: 1000 });
    const ref: CallerRef = { engine: 'camunda7', processKey: 'quote-approval', processInstanceId: 'pi', activityId: 'approve', taskId: 't' };

    const error = await down.completeTask({ tenantId: 'ACME_EU', commandId: commandId(), callerRef: ref, variables: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUnavailableError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    await expect(down.correlateMessage({ tenantId: 'ACME_EU', commandId: commandId(), messageName: 'QuoteWithdrawn', processInstanceId: 'pi', variables: {} })).rejects.toThrow(WorkflowUnavailableError);
    await expect(down.listTasks()).rejects.toThrow(WorkflowUnavailableError);
  });

  it('reports a task completed by someone else as a conflict', async () => {
    const ref = await openTask();
    camunda.completeTaskOutOfBand(ref.taskId, { assignee: 'ops-admin' });

    const outcome = await port.completeTask({ tenantId: 'ACME_EU', commandId: commandId(), callerRef: ref, variables: { approved: true } });
    expect(outcome.kind).toBe('conflict');
    expect(outcome).toMatchObject({ note: expect.stringMatching(/completed by someone else.*ops-admin/) });
    expect(camunda.completionsApplied(ref.taskId)).toBe(1);
  });

  it('reports a conflict when someone else completed a later task of a process Mandate completed before', async () => {
    const first = await openTask('two-step');
    expect((await port.completeTask({ tenantId: 'ACME_EU', commandId: commandId(), callerRef: first, variables: {} })).kind).toBe('done');
    const [next] = await port.listTasks({ processInstanceId: first.processInstanceId });
    camunda.completeTaskOutOfBand(next!.id);

    const outcome = await port.completeTask({ tenantId: 'ACME_EU', commandId: commandId(), callerRef: camunda7CallerRef(next!, 'two-step'), variables: {} });
    expect(outcome.kind).toBe('conflict');
  });

  it('reports the task of a cancelled process as gone', async () => {
    const ref = await openTask();
    camunda.endProcess(ref.processInstanceId, 'cancelled by the sales system');

    const outcome = await port.completeTask({ tenantId: 'ACME_EU', commandId: commandId(), callerRef: ref, variables: { approved: true } });
    expect(outcome).toEqual({ kind: 'gone', note: expect.stringContaining('cancelled by the sales system') });
    expect(camunda.completionsApplied(ref.taskId)).toBe(0);
  });

  it('reports a task interrupted by a message as gone', async () => {
    const ref = await openTask();
    expect((await port.correlateMessage({ tenantId: 'ACME_EU', commandId: commandId(), messageName: 'mandate:RUN_RECONCILIATION', processInstanceId: ref.processInstanceId, variables: {} })).kind).toBe('done');

    const outcome = await port.completeTask({ tenantId: 'ACME_EU', commandId: commandId(), callerRef: ref, variables: {} });
    expect(outcome).toEqual({ kind: 'gone', note: expect.stringContaining('"deleted"') });
  });

  it('reports a task Camunda never had as gone, whether it knows the process instance or not', async () => {
    const unknown: CallerRef = { engine: 'camunda7', processKey: 'quote-approval', processInstanceId: 'pi-unknown', activityId: 'approve', taskId: 'task-unknown' };
    const before = camunda.requests.length;
    expect(await port.completeTask({ tenantId: 'ACME_EU', commandId: commandId(), callerRef: unknown, variables: {} })).toEqual({ kind: 'gone', note: expect.stringContaining('neither task task-unknown nor process instance pi-unknown') });
    expect(camunda.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /task/task-unknown/complete', 'GET /history/task', 'GET /history/process-instance/pi-unknown', 'GET /process-instance/pi-unknown']);

    const ref = await openTask();
    const outcome = await port.completeTask({ tenantId: 'ACME_EU', commandId: commandId(), callerRef: { ...ref, taskId: 'task-unknown' }, variables: {} });
    expect(outcome).toEqual({ kind: 'gone', note: expect.stringContaining(`process instance ${ref.processInstanceId} never had task task-unknown`) });
    expect(camunda.openTasks(ref.processInstanceId).map((t) => t.id)).toEqual([ref.taskId]);
  });

  it('reports a conflict for an operator when a lost completion cannot be checked: the instance runs without history', async () => {
    const blind = camunda7Double({ processes: { 'two-step': { userTasks: ['approve', 'countersign'] } }, historyLevel: 'none' });
    const blindPort = new Camunda7Port({ baseUrl: await blind.listen(), timeoutMs: 2000 });
    try {
      const instance = blind.startProcess('two-step');
      const [task] = blind.openTasks(instance.id);
      const command = { tenantId: 'ACME_EU', commandId: commandId(), callerRef: { engine: 'camunda7', processKey: 'two-step', processInstanceId: instance.id, activityId: 'approve', taskId: task!.id }, variables: {} };
      blind.faults.dropNextResponse({ match: COMPLETE });
      expect(await blindPort.completeTask(command)).toEqual({ kind: 'conflict', note: expect.stringContaining('runs without history') });
      expect(blind.completionsApplied(task!.id)).toBe(1);
    } finally {
      await blind.close();
    }
  });

  it('throws a definitive 4xx as Camunda7Error without checking (wrong credentials)', async () => {
    const secured = camunda7Double({ processes: { p: { userTasks: ['approve'] } }, basicAuth: { username: 'mandate', password: 'secret' } });
    const url = await secured.listen();
    try {
      const instance = secured.startProcess('p');
      const [task] = secured.openTasks(instance.id);
      const ref: CallerRef = { engine: 'camunda7', processKey: 'p', processInstanceId: instance.id, activityId: 'approve', taskId: task!.id };

      const wrong = new Camunda7Port({ baseUrl: url, auth: { username: 'mandate', password: 'wrong' } });
      const error = await wrong.completeTask({ tenantId: 'ACME_EU', commandId: commandId(), callerRef: ref, variables: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Camunda7Error);
      expect(error).toMatchObject({ status: 401 });
      expect(secured.requests).toHaveLength(0); // refused at the auth filter; no check was attempted either

      const right = new Camunda7Port({ baseUrl: url, auth: { username: 'mandate', password: 'secret' } });
      expect(await right.completeTask({ tenantId: 'ACME_EU', commandId: commandId(), callerRef: ref, variables: {} })).toEqual({ kind: 'done' });
    } finally {
      await secured.close();
    }
  });

  it('sends a bearer token through the injected fetch', async () => {
    const seen: (string | null)[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return fetch(input, init);
    };
    const withToken = new Camunda7Port({ baseUrl: camunda.url, auth: { bearerToken: () => Promise.resolve('t0ken') }, fetch: recording });
    await withToken.listTasks();
    expect(seen).toEqual(['Bearer t0ken']);
  });
});

describe('Camunda7Port.correlateMessage', () => {
  it('correlates to the waiting process with typed variables and the command id', async () => {
    const ref = await openTask();
    const id = commandId();

    const outcome = await port.correlateMessage({ tenantId: 'ACME_EU', commandId: id, messageName: 'mandate:RUN_RECONCILIATION', processInstanceId: ref.processInstanceId, variables: { mandateAction: 'RUN_RECONCILIATION', mandateEvidence: { ticket: 'INC-1' }, attempt: 2 } });

    expect(outcome).toEqual({ kind: 'done' });
    expect(camunda.correlationsApplied(ref.processInstanceId)).toBe(1);
    expect(camunda.variables(ref.processInstanceId)).toMatchObject({
      mandateAction: { type: 'String', value: 'RUN_RECONCILIATION' },
      mandateEvidence: { type: 'Json', value: '{"ticket":"INC-1"}' },
      attempt: { type: 'Integer', value: 2 },
      [COMMAND_ID_VARIABLE]: { type: 'String', value: id },
    });
    expect(camunda.openTasks(ref.processInstanceId).map((t) => t.taskDefinitionKey)).toEqual(['approve']);
  });

  it('correlates by business key', async () => {
    const instance = await port.startProcess('quote-approval', {}, 'Q-BK-1');
    expect((await port.correlateMessage({ tenantId: 'ACME_EU', commandId: commandId(), messageName: 'QuoteWithdrawn', businessKey: 'Q-BK-1', variables: {} })).kind).toBe('done');
    expect(camunda.processInstance(instance.id)?.state).toBe('COMPLETED');
  });

  it('reports a message no process waits for as gone', async () => {
    const ref = await openTask();
    camunda.endProcess(ref.processInstanceId);

    const ended = await port.correlateMessage({ tenantId: 'ACME_EU', commandId: commandId(), messageName: 'QuoteWithdrawn', processInstanceId: ref.processInstanceId, variables: {} });
    expect(ended).toEqual({ kind: 'gone', note: expect.stringContaining(ref.processInstanceId) });

    const unknown = await port.correlateMessage({ tenantId: 'ACME_EU', commandId: commandId(), messageName: 'NoSuchMessage', businessKey: 'nobody', variables: {} });
    expect(unknown.kind).toBe('gone');
  });

  it('detects its own delivery when the response is lost, and does not deliver again on retry', async () => {
    const ref = await openTask();
    // the process still waits for the same message afterwards: a blind resend would deliver it twice
    const command = { tenantId: 'ACME_EU', commandId: commandId(), messageName: 'mandate:RUN_RECONCILIATION', processInstanceId: ref.processInstanceId, variables: {} };
    camunda.faults.dropNextResponse({ match: MESSAGE });

    expect((await port.correlateMessage(command)).kind).toBe('already-done');
    expect((await port.correlateMessage(command)).kind).toBe('already-done');
    expect(camunda.correlationsApplied(ref.processInstanceId)).toBe(1);
  });

  it('throws WorkflowUnavailableError when Camunda answers 503', async () => {
    const ref = await openTask();
    camunda.faults.failNext(1, { match: MESSAGE });
    await expect(port.correlateMessage({ tenantId: 'ACME_EU', commandId: commandId(), messageName: 'QuoteWithdrawn', processInstanceId: ref.processInstanceId, variables: {} })).rejects.toThrow(WorkflowUnavailableError);
    expect(camunda.correlationsApplied(ref.processInstanceId)).toBe(0);
  });
});
