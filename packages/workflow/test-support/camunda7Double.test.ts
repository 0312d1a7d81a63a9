// The Camunda 7 double answers as the 7.x REST API does (status codes and error bodies of the
// engine-rest code), so adapters tested against it meet the same answers in production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camunda7Double, type Camunda7Double } from './camunda7Double.js';

let camunda: Camunda7Double;
let url: string;

beforeAll(async () => {
  camunda = camunda7Double({ processes: { 'quote-approval': { userTasks: ['approve', 'countersign'], messages: { QuoteRevised: { whileAt: ['approve'] } } } } });
  url = await camunda.listen();
});

afterAll(() => camunda.close());

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('camunda7Double', () => {
  it('starts a process with an open first user task and walks the model on completion', async () => {
    const started = await call('POST', '/process-definition/key/quote-approval/start', { variables: { amount: { value: 5, type: 'Integer' } }, businessKey: 'Q-1' });
    expect(started.status).toBe(200);
    const instance = started.body as { id: string; definitionId: string; ended: boolean };
    expect(instance.definitionId).toMatch(/^quote-approval:1:/);
    expect(instance.ended).toBe(false);

    const listed = await call('GET', `/task?processInstanceId=${instance.id}`);
    const [approve] = listed.body as { id: string; taskDefinitionKey: string; created: string }[];
    expect(approve).toMatchObject({ taskDefinitionKey: 'approve', processInstanceId: instance.id });
    expect(approve!.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);

    expect(await call('POST', `/task/${approve!.id}/complete`, { variables: { ok: { value: true, type: 'Boolean' } } })).toEqual({ status: 204, body: undefined });
    const [countersign] = (await call('GET', `/task?processInstanceId=${instance.id}`)).body as { id: string; taskDefinitionKey: string }[];
    expect(countersign?.taskDefinitionKey).toBe('countersign');

    const withVariables = await call('POST', `/task/${countersign!.id}/complete`, { variables: {}, withVariablesInReturn: true });
    expect(withVariables).toEqual({ status: 200, body: { amount: { type: 'Integer', value: 5, valueInfo: {} }, ok: { type: 'Boolean', value: true, valueInfo: {} } } });
    expect(camunda.processInstance(instance.id)?.state).toBe('COMPLETED');

    const history = (await call('GET', `/history/task?processInstanceId=${instance.id}&finished=true`)).body as { taskDefinitionKey: string; deleteReason: string; endTime: string }[];
    expect(history.map((t) => [t.taskDefinitionKey, t.deleteReason])).toEqual([['approve', 'completed'], ['countersign', 'completed']]);
  });

  it('answers completing a task that is not open with 500 RestException, as Camunda 7 does', async () => {
    expect(await call('POST', '/task/nope/complete', { variables: {} })).toEqual({
      status: 500,
      body: { type: 'RestException', message: 'Cannot complete task nope: Cannot find task with id nope: task is null', code: 0 },
    });
  });

  it('answers an unknown task with 404 InvalidRequestException', async () => {
    expect(await call('GET', '/task/nope')).toEqual({ status: 404, body: { type: 'InvalidRequestException', message: 'No matching task with id nope' } });
  });

  it('refuses invalid variables with 400 before looking at the task', async () => {
    const json = await call('POST', '/task/nope/complete', { variables: { outcome: { value: { a: 1 }, type: 'Json' } } });
    expect(json).toEqual({ status: 400, body: { type: 'InvalidRequestException', message: "Cannot complete task nope: Must provide 'null' or String value for value of SerializableValue type 'Json'." } });

    const integer = await call('POST', '/task/nope/complete', { variables: { n: { value: 'abc', type: 'Integer' } } });
    expect(integer).toEqual({ status: 400, body: { type: 'InvalidRequestException', message: "Cannot complete task nope: Cannot convert value 'abc' of type 'Integer' to java type java.lang.Integer" } });

    const unknown = await call('POST', '/task/nope/complete', { variables: { n: { value: 1, type: 'Money' } } });
    expect(unknown).toMatchObject({ status: 400, body: { message: "Cannot complete task nope: Unsupported value type 'Money'" } });
  });

  it('answers a message no process waits for with 400 MismatchingMessageCorrelationException', async () => {
    expect(await call('POST', '/message', { messageName: 'QuoteRevised', processInstanceId: 'nope' })).toEqual({
      status: 400,
      body: { type: 'RestException', message: "org.camunda.bpm.engine.MismatchingMessageCorrelationException: Cannot correlate message 'QuoteRevised': No process definition or execution matches the parameters", code: 0 },
    });
  });

  it('correlates a message with a result when asked, and 204 otherwise', async () => {
    const first = camunda.startProcess('quote-approval');
    const second = camunda.startProcess('quote-approval');
    const ambiguous = await call('POST', '/message', { messageName: 'QuoteRevised' });
    expect(ambiguous.status).toBe(400);
    expect((ambiguous.body as { message: string }).message).toContain('to a single execution');

    const result = await call('POST', '/message', { messageName: 'QuoteRevised', processInstanceId: first.id, resultEnabled: true, processVariables: { r: { value: 2, type: 'Integer' } } });
    expect(result).toMatchObject({ status: 200, body: [{ resultType: 'Execution', execution: { processInstanceId: first.id } }] });
    expect(await call('POST', '/message', { messageName: 'QuoteRevised', processInstanceId: second.id })).toEqual({ status: 204, body: undefined });
    expect(camunda.processInstance(first.id)?.state).toBe('COMPLETED');
  });

  it('keeps every value of a variable in the history details', async () => {
    const instance = camunda.startProcess('quote-approval', { mandateCommandId: { value: 'a', type: 'String' } });
    const [approve] = camunda.openTasks(instance.id);
    await call('POST', `/task/${approve!.id}/complete`, { variables: { mandateCommandId: { value: 'b', type: 'String' } } });

    const [variable] = (await call('GET', `/history/variable-instance?variableName=mandateCommandId&processInstanceIdIn=${instance.id}`)).body as { id: string; value: string; state: string }[];
    expect(variable).toMatchObject({ value: 'b', state: 'CREATED' });
    const updates = (await call('GET', `/history/detail?variableInstanceId=${variable!.id}&variableUpdates=true`)).body as { value: string; revision: number }[];
    expect(updates.map((u) => [u.value, u.revision])).toEqual([['a', 0], ['b', 1]]);
  });

  it('fails, delays and drops responses on request', async () => {
    camunda.faults.failNext(1, { match: { method: 'GET' } });
    const failed = await fetch(`${url}/task`);
    expect([failed.status, await failed.text()]).toEqual([503, 'Service Unavailable']);
    expect((await call('GET', '/task')).status).toBe(200);

    camunda.faults.delay(150, { count: 1 });
    const started = Date.now();
    await call('GET', '/task');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    const instance = camunda.startProcess('quote-approval');
    const [approve] = camunda.openTasks(instance.id);
    camunda.faults.dropNextResponse();
    await expect(call('POST', `/task/${approve!.id}/complete`, { variables: {} })).rejects.toThrow();
    expect(camunda.completionsApplied(approve!.id)).toBe(1);
    expect(camunda.completeRequests(approve!.id)).toBe(1);
  });

  it('applies a request at once and holds its response on request', async () => {
    const instance = camunda.startProcess('quote-approval');
    const [approve] = camunda.openTasks(instance.id);
    camunda.faults.delayResponse(300, { match: { method: 'POST', path: /\/complete$/ } });
    const started = Date.now();
    const answered = call('POST', `/task/${approve!.id}/complete`, { variables: {} });
    await expect.poll(() => camunda.completionsApplied(approve!.id), { interval: 5 }).toBe(1);
    expect(Date.now() - started).toBeLessThan(300);
    expect(await answered).toEqual({ status: 204, body: undefined });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // Only the next matching request: the following one is answered at once.
    const [countersign] = camunda.openTasks(instance.id);
    const again = Date.now();
    expect((await call('POST', `/task/${countersign!.id}/complete`, { variables: {} })).status).toBe(204);
    expect(Date.now() - again).toBeLessThan(290);
  });
});
