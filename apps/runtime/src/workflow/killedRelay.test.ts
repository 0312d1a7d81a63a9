// Fault test (b) of the workflow round trip, with Camunda 7 (the REST double) on PGlite (a file
// data dir) and PostgreSQL: the runtime is killed (SIGKILL of a child process) after the decision
// committed with its COMPLETE_TASK outbox row, either before the engine call or during it (Camunda
// applied the completion, the answer never arrived). A restarted runtime takes the command over
// once the dead relay's lease ends, and Camunda's task is completed exactly once.
//
// How the kill points are pinned: before the call, the child's port reports `CLAIMED <id>` and
// hangs instead of sending; during the call, the double applies the completion and holds its answer
// for ten minutes while the child waits as long, and the test (which runs the double) kills the
// child as soon as the double counts the completion.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@mandate/store';
import { Camunda7Port, type BindingCatalog, type EmbeddedProcess } from '@mandate/workflow';
import { camunda7Double, type Camunda7Double } from '@mandate/workflow/test-support';
import { createRuntime } from '../createServer.js';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { createDevIdentity } from '../identity/devIdentity.js';
import { loadDefinitions } from '../loadDefinitions.js';
import { loadProcesses } from './loadProcesses.js';
import { sharedDatabaseEngines, type SharedDatabase } from '../../test-support/sharedDatabases.js';
import { CAMUNDA_TENANT, relayChildAuditKeys, relayChildEnv, relayChildPath, type RelayChildConfig } from '../../test-support/relayChild.js';
import { quoteVariables } from '../../test-support/workflowApp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const runtimeDir = join(root, 'apps/runtime');
/** Long enough to count as "never" within a test; a killed caller's closed connection cancels it. */
const NEVER_MS = 10 * 60_000;
/** The children's lease: short, so the restarted relay need not wait 30 s for the dead one's. */
const LEASE_MS = 500;
const COMPLETE = /^\/task\/[^/]+\/complete$/;

const engines = sharedDatabaseEngines('kill');

interface OutboxRow {
  id: string;
  command_type: string;
  status: string;
  attempt_count: number;
  lease_owner: string | null;
  note: string | null;
}

/** A child runtime: its stdout lines as they come, its stderr, and how it ended. */
class RelayChild {
  readonly lines: string[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly listeners = new Set<() => void>();

  constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.lines.push(line);
      this.notify();
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.notify());
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves the first line matching `pattern`; rejects when the child ends first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    return this.until(() => this.lines.map((l) => l.match(pattern)).find((m) => m !== null) ?? undefined, `a line matching ${pattern}`, timeoutMs);
  }

  /** Resolves once `check` returns something; rejects when the child ends first or after `timeoutMs`. */
  until<T>(check: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail = (why: string) => reject(new Error(`${why} waiting for ${what}\nstdout:\n${this.lines.join('\n')}\nstderr:\n${this.stderr}`));
      const listener = () => {
        const found = check();
        if (found !== undefined) done(() => resolve(found));
        else if (!this.alive) done(() => fail(`the child ended (${this.child.exitCode ?? this.child.signalCode})`));
      };
      const timer = setTimeout(() => done(() => fail(`${timeoutMs} ms passed`)), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        settle();
      };
      this.listeners.add(listener);
      listener();
    });
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill(): Promise<NodeJS.Signals | null> {
    if (this.alive) this.child.kill('SIGKILL');
    return (await this.exited).signal;
  }

  /** Checks again: on every line, on exit, and when the caller's state (the double's counters) may have moved. */
  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

describe.each(engines)('a runtime killed between the decision commit and Camunda, on $name', (engine) => {
  let camunda: Camunda7Double;
  let camundaUrl: string;
  let shared: SharedDatabase;
  let registry: DefinitionRegistry;
  let processes: EmbeddedProcess[];
  let bindings: BindingCatalog;
  const children = new Set<RelayChild>();
  let opened: Database | undefined;

  beforeAll(async () => {
    camunda = camunda7Double({ processes: { 'quote-approval': { userTasks: ['approve-discount'] } } });
    camundaUrl = await camunda.listen();
    shared = engine.prepare();
    registry = loadDefinitions(join(root, 'definitions'));
    ({ processes, bindings } = await loadProcesses(join(root, 'bpmn')));
  });

  afterAll(async () => {
    await Promise.all([...children].map((c) => c.kill()));
    await opened?.close();
    await camunda?.close();
    await shared?.remove();
  });

  /** The runtime in the test process, on the shared database; only one process may have PGlite's data dir open. */
  const boot = async () => {
    const db = createDatabase(shared.options, relayChildAuditKeys, 'owner');
    opened = db;
    await db.migrate();
    const identity = createDevIdentity();
    const port = new Camunda7Port({ baseUrl: camundaUrl, tenantId: CAMUNDA_TENANT });
    const { app, workflow } = createRuntime({ db, registry, identity, workflow: { processes, bindings, camunda: { port, processKeys: ['quote-approval'], tenantId: CAMUNDA_TENANT } } });
    const as = async (user: string) => ({ Authorization: `Bearer ${await identity.issueDevToken!(user)}` });
    const commandOf = async (workItemId: string) => {
      const rows = await db.knex<OutboxRow>('workflow_command_outbox').where({ command_type: 'COMPLETE_TASK' }).whereRaw(`payload->>'workItemId' = ?`, [workItemId]).select('id', 'status', 'attempt_count', 'lease_owner', 'note');
      expect(rows).toHaveLength(1);
      return rows[0]!;
    };
    const close = async () => {
      await db.close();
      opened = undefined;
    };
    return { db, app, workflow: workflow!, as, commandOf, close };
  };

  const spawnChild = (config: Pick<RelayChildConfig, 'mode' | 'commandId'> & { engineTimeoutMs?: number }) => {
    const env = relayChildEnv({ database: shared.options, camundaUrl, leaseMs: LEASE_MS, engineTimeoutMs: 10_000, ...config });
    const child = new RelayChild(spawn(process.execPath, ['--import', 'tsx', relayChildPath], { cwd: runtimeDir, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] }));
    children.add(child);
    void child.exited.then(() => children.delete(child));
    return child;
  };

  /**
   * A Camunda process instance waits on `approve-discount`; the poller makes its work item; dana
   * claims and approves through the API, which commits the decision with its COMPLETE_TASK row.
   * The test process then closes the database, as the child must open it next.
   */
  const decided = async (quoteId: string) => {
    // Booted first: opening PGlite blocks this process for seconds, and a keep-alive connection to
    // the double that both ends drop meanwhile would fail the next request (ECONNRESET).
    const t = await boot();
    try {
      const instance = await new Camunda7Port({ baseUrl: camundaUrl, tenantId: CAMUNDA_TENANT }).startProcess('quote-approval', quoteVariables(quoteId), quoteId);
      const [task] = camunda.openTasks(instance.id);
      expect(task).toMatchObject({ taskDefinitionKey: 'approve-discount', tenantId: CAMUNDA_TENANT });
      await t.workflow.poller!.pollOnce();
      const listed = await request(t.app).get(`/work-items?businessObjectId=${quoteId}`).set(await t.as('dana'));
      expect(listed.body.items, listed.text).toHaveLength(1);
      const item = listed.body.items[0] as { id: string; state: string; callerRef: Record<string, string> };
      expect(item).toMatchObject({ state: 'available', callerRef: { engine: 'camunda7', processKey: 'quote-approval', processInstanceId: instance.id, activityId: 'approve-discount', taskId: task!.id } });
      expect((await request(t.app).post(`/work-items/${item.id}/claim`).set(await t.as('dana'))).status).toBe(200);
      const decision = await request(t.app).post(`/work-items/${item.id}/decisions`).set(await t.as('dana')).send({ decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 });
      expect(decision.status, decision.text).toBe(201);
      const command = await t.commandOf(item.id);
      expect(command).toMatchObject({ status: 'PENDING', attempt_count: 0, lease_owner: null });
      return { processInstanceId: instance.id, taskId: task!.id, workItemId: item.id, commandId: command.id };
    } finally {
      await t.close();
    }
  };

  /** After the kill: the decision and its command survived, the command still leased by the dead relay, nothing attempted. */
  const expectUntouchedCommand = async (workItemId: string, killed: RelayChild) => {
    const t = await boot();
    try {
      expect(await t.commandOf(workItemId)).toMatchObject({ status: 'PENDING', attempt_count: 0, lease_owner: `relay-child-${killed.child.pid}` });
      expect((await request(t.app).get(`/work-items/${workItemId}`).set(await t.as('dana'))).body).toMatchObject({ state: 'decided' });
    } finally {
      await t.close();
    }
  };

  /** After the restart: the command SENT, the item completed, one TaskCompleted in the audit, the process ended approved. */
  const expectCompletedOnce = async (d: Awaited<ReturnType<typeof decided>>) => {
    expect(camunda.completionsApplied(d.taskId)).toBe(1);
    expect(camunda.processInstance(d.processInstanceId)).toMatchObject({ state: 'COMPLETED' });
    expect(camunda.variables(d.processInstanceId)).toMatchObject({ mandateCommandId: { value: d.commandId }, decision: { value: 'APPROVE' }, approvalStatus: { value: 'APPROVED' }, approvalDecidedBy: { value: 'dana' } });
    const t = await boot();
    try {
      const command = await t.commandOf(d.workItemId);
      expect(command).toMatchObject({ id: d.commandId, status: 'SENT', attempt_count: 1, lease_owner: null });
      expect((await request(t.app).get(`/work-items/${d.workItemId}`).set(await t.as('dana'))).body).toMatchObject({ state: 'completed' });
      const audit = await request(t.app).get(`/audit?workItemId=${d.workItemId}`).set(await t.as('dana'));
      expect(audit.status, audit.text).toBe(200);
      const completed = (audit.body.events as { eventType: string; payload: Record<string, unknown> }[]).filter((e) => e.eventType === 'TaskCompleted');
      expect(completed).toHaveLength(1);
      expect(completed[0]!.payload).toMatchObject({ commandId: d.commandId, workflow: 'TASK_COMPLETED' });
      return command;
    } finally {
      await t.close();
    }
  };

  it('killed before the engine call: the restarted runtime completes the task exactly once', async () => {
    const d = await decided('Q-KILL-BEFORE');

    const first = spawnChild({ mode: 'hang-before-send', commandId: d.commandId });
    const [, claimed] = await first.waitFor(/^CLAIMED (\S+)$/);
    expect(claimed).toBe(d.commandId);
    expect(await first.kill()).toBe('SIGKILL');
    expect(camunda.completeRequests(d.taskId)).toBe(0);
    expect(camunda.completionsApplied(d.taskId)).toBe(0);
    await expectUntouchedCommand(d.workItemId, first);

    const restarted = spawnChild({ mode: 'relay', commandId: d.commandId });
    const [, status] = await restarted.waitFor(/^SETTLED (\w+)$/);
    expect(status).toBe('SENT');
    expect(await restarted.exited).toEqual({ code: 0, signal: null });
    expect(restarted.lines).toContain(`SENDING ${d.commandId}`);
    expect(camunda.completeRequests(d.taskId)).toBe(1);
    expect((await expectCompletedOnce(d)).note).toBeNull();
  }, 120_000);

  it('killed during the engine call (applied, answer not yet back): the restarted runtime finds its command id in the history and completes nothing twice', async () => {
    const d = await decided('Q-KILL-INFLIGHT');
    camunda.faults.delayResponse(NEVER_MS, { match: { method: 'POST', path: COMPLETE } });

    // The child waits as long as the double holds the answer, so it cannot give up and check by itself.
    const first = spawnChild({ mode: 'relay', commandId: d.commandId, engineTimeoutMs: NEVER_MS });
    const poll = setInterval(() => first.notify(), 5);
    try {
      await first.until(() => (camunda.completionsApplied(d.taskId) === 1 ? true : undefined), 'Camunda to apply the completion');
    } finally {
      clearInterval(poll);
    }
    expect(await first.kill()).toBe('SIGKILL');
    expect(first.lines).toEqual([`SENDING ${d.commandId}`]);
    expect(camunda.completeRequests(d.taskId)).toBe(1);
    expect(camunda.completionsApplied(d.taskId)).toBe(1);
    await expectUntouchedCommand(d.workItemId, first);

    const restarted = spawnChild({ mode: 'relay', commandId: d.commandId });
    const [, status] = await restarted.waitFor(/^SETTLED (\w+)$/);
    expect(status).toBe('SENT');
    expect(await restarted.exited).toEqual({ code: 0, signal: null });
    // The resend met a task Camunda no longer has; its history names our command: already done.
    expect(camunda.completeRequests(d.taskId)).toBe(2);
    expect((await expectCompletedOnce(d)).note).toMatch(new RegExp(`already been completed by command ${d.commandId}`));
  }, 120_000);
});
