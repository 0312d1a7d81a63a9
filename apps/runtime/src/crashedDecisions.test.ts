// Crash tests of the decision command: nothing is lost, nothing is doubled.
// (a) A runtime process (test-support/runtimeChild.ts) is SIGKILLed while a few hundred decisions
//     under Idempotency-Keys are in flight, restarted on the same database, and every decision is
//     sent again with its key: each answered one replays byte for byte, every other one decides.
// (b) PostgreSQL terminates the runtime's connections (`pg_terminate_backend`, only the backends
//     with this test's application_name) during a burst of decisions: every answer is 201 or 503
//     with Retry-After, and every retry with the same key succeeds.
// Afterwards every item is decided exactly once, no key is left unfinished, no item is left
// `decided` (the relay and reconciliation completed them) and the audit chain verifies.
// (b) runs on PostgreSQL only: PGlite runs inside the runtime's process and has no connection to terminate.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, createStores, KnexAuditLog, KnexDefinitionVersionStore, type Database, type DatabaseOptions } from '@mandate/store';
import { createRuntime } from './createServer.js';
import { DefinitionRegistry } from './DefinitionRegistry.js';
import { createDevIdentity } from './identity/devIdentity.js';
import { loadProcesses } from './workflow/loadProcesses.js';
import { reconcileDecisions } from './workflow/completion.js';
import { runtimeChildAuditKeys, runtimeChildEnv, runtimeChildPath } from '../test-support/runtimeChild.js';
import { sharedDatabaseEngines } from '../test-support/sharedDatabases.js';
import { testApp } from '../test-support/testApp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const runtimeDir = join(root, 'apps/runtime');
/** Decisions per run, and how many are in flight at once. */
const ITEMS = 300;
const IN_FLIGHT = 32;

const engines = sharedDatabaseEngines('crash');

/** A runtime child process: its port once it listens, its stderr, and how it ended. */
class RuntimeChild {
  stderr = '';
  readonly port: Promise<number>;
  readonly exited: Promise<unknown>;

  constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', resolve));
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.port = new Promise((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /^LISTENING (\d+)$/.exec(line);
        if (match) resolve(Number(match[1]));
      });
      void this.exited.then(() => reject(new Error(`the runtime child ended before listening:\n${this.stderr}`)));
    });
  }

  static start(options: DatabaseOptions): RuntimeChild {
    return new RuntimeChild(spawn(process.execPath, ['--import', 'tsx', runtimeChildPath], { cwd: runtimeDir, env: { ...process.env, ...runtimeChildEnv(options) }, stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  /** An HTTP client of the child, with dev tokens it issued. */
  async client() {
    const base = `http://127.0.0.1:${await this.port}`;
    const tokens = new Map<string, string>();
    for (const user of ['dana']) {
      const res = await fetch(`${base}/auth/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: user }) });
      tokens.set(user, ((await res.json()) as { token: string }).token);
    }
    return async (user: string, path: string, body: unknown, key?: string) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens.get(user)!}`, ...(key ? { 'Idempotency-Key': key } : {}) }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.text(), retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type') };
    };
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

type Send = Awaited<ReturnType<RuntimeChild['client']>>;
type Answer = Awaited<ReturnType<Send>>;

/** Runs `task` for 0..count-1, `IN_FLIGHT` at a time; a task that throws (the runtime is gone) is recorded as undefined. */
async function inFlight<T>(count: number, task: (i: number) => Promise<T>): Promise<(T | undefined)[]> {
  const results: (T | undefined)[] = Array.from({ length: count }, () => undefined);
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i).catch(() => undefined);
      }
    }),
  );
  return results;
}

const quote = {
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id: 'Q-CRASH-1', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM' } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: 'Q-CRASH-1', quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
};
const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 };

/**
 * ITEMS items claimed by dana, what the decisions act on, seeded before the runtime child starts
 * (PGlite's data dir is open in one process at a time): one created and claimed through the API,
 * the others copied from it row for row. Creating each through the API cost half a minute of the
 * test's time; the decisions are what it is about.
 */
async function claimedItems(options: DatabaseOptions): Promise<string[]> {
  const t = await testApp(async () => {
    const db = createDatabase(options, runtimeChildAuditKeys, 'owner');
    await db.migrate();
    return db;
  }, () => new Date());
  try {
    const created = await request(t.app).post('/work-items').set('Authorization', await t.token('rita')).send(quote);
    expect(created.status, created.text).toBe(201);
    const template = created.body.id as string;
    expect((await request(t.app).post(`/work-items/${template}/claim`).set('Authorization', await t.token('dana'))).status).toBe(200);
    const knex = t.db.knex;
    await knex.raw(`insert into work_item select (jsonb_populate_record(null::work_item, to_jsonb(w) || jsonb_build_object('id', gen_random_uuid()))).* from work_item w, generate_series(2, ?) n where w.id = ?`, [ITEMS, template]);
    await knex.raw(`insert into work_item_candidate_group (work_item_id, group_code) select w.id, g.group_code from work_item w join work_item_candidate_group g on g.work_item_id = ? where w.id <> ?`, [template, template]);
    await knex.raw(`insert into approval_request select (jsonb_populate_record(null::approval_request, to_jsonb(a) || jsonb_build_object('work_item_id', w.id))).* from approval_request a join work_item w on w.id <> a.work_item_id where a.work_item_id = ?`, [template]);
    const ids = (await knex('work_item').where({ state: 'claimed', assignee: 'dana' }).pluck('id')) as string[];
    expect(ids).toHaveLength(ITEMS);
    return ids;
  } finally {
    await t.db.close();
  }
}

const decide = (send: Send, id: string) => send('dana', `/work-items/${id}/decisions`, approve, `crash-${id}`);

/**
 * After the runs, in this process (the children are gone): the relay drains the outbox and
 * reconciliation runs past its grace period, as a restarted runtime would; then every item is
 * completed with one decision, every key finished, and the audit chain verifies.
 */
async function expectNothingLostNothingDoubled(options: DatabaseOptions, ids: string[]): Promise<void> {
  const db: Database = createDatabase(options, runtimeChildAuditKeys, 'owner');
  try {
    const registry = await DefinitionRegistry.fromSource(new KnexDefinitionVersionStore(db.knex));
    const { processes, bindings } = await loadProcesses(join(root, 'bpmn'));
    const { workflow } = createRuntime({ db, registry, identity: createDevIdentity(), workflow: { processes, bindings } });
    const pending = async () => Number((await db.knex('workflow_command_outbox').where({ status: 'PENDING' }).count('* as n').first())?.n);
    // Commands the killed relay had leased wait for its lease (runtimeChild's CHILD_LEASE_MS) to end.
    for (const deadline = Date.now() + 30_000; (await pending()) > 0 && Date.now() < deadline; ) {
      const pass = await workflow!.relay.runOnce();
      if (pass.sent + pass.closed + pass.incidents + pass.retried + pass.deadLettered === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await reconcileDecisions(createStores(db), registry, new Date(Date.now() + 10 * 60_000), undefined, 1_000);
    expect(await db.knex('workflow_command_outbox').whereNot({ status: 'CLOSED' }).select('id', 'status')).toEqual([]);

    const decisions: { work_item_id: string; n: string | number }[] = await db.knex('decision').select('work_item_id').count<{ work_item_id: string; n: string | number }[]>('* as n').groupBy('work_item_id');
    expect(decisions.filter((d) => Number(d.n) !== 1)).toEqual([]);
    expect(decisions.map((d) => d.work_item_id).sort()).toEqual([...ids].sort());
    expect(await db.knex('idempotency_key').whereNot({ status: 'COMPLETED' }).select('key', 'status')).toEqual([]);
    expect(Number((await db.knex('idempotency_key').count('* as n').first())?.n)).toBe(ids.length);
    expect(await db.knex('work_item').select('state').count('* as n').groupBy('state')).toEqual([{ state: 'completed', n: expect.anything() }]);
    const events: { event_type: string; n: string | number }[] = await db.knex('audit_event').select('event_type').count<{ event_type: string; n: string | number }[]>('* as n').groupBy('event_type');
    expect(Object.fromEntries(events.map((e) => [e.event_type, Number(e.n)]))).toMatchObject({ TaskDecisionSubmitted: ids.length, TaskCompleted: ids.length });
    expect(await new KnexAuditLog(db.knex, runtimeChildAuditKeys).verify('ACME_EU')).toMatchObject({ ok: true });
  } finally {
    await db.close();
  }
}

describe.each(engines)('decisions through a crash, on $name', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(`a runtime SIGKILLed with ${IN_FLIGHT} of ${ITEMS} decisions in flight, restarted, every decision sent again with its key: each decided exactly once`, async () => {
    const database = engine.prepare();
    cleanups.push(database.remove);
    const ids = await claimedItems(database.options);
    const first = RuntimeChild.start(database.options);
    cleanups.push(() => first.kill());
    let send = await first.client();

    // The kill comes when a third of the decisions are answered, with IN_FLIGHT more on their way.
    const before: (Answer | undefined)[] = Array.from({ length: ITEMS }, () => undefined);
    let answered = 0;
    await inFlight(ITEMS, async (i) => {
      const answer = await decide(send, ids[i]!);
      before[i] = answer;
      if (++answered === Math.floor(ITEMS / 3)) void first.kill();
      return answer;
    });
    await first.kill();
    const lost = before.filter((a) => a === undefined).length;
    expect(lost).toBeGreaterThan(0);
    expect(before.filter((a) => a !== undefined && a.status !== 201)).toEqual([]);

    const restarted = RuntimeChild.start(database.options);
    cleanups.push(() => restarted.kill());
    send = await restarted.client();
    const after = await inFlight(ITEMS, (i) => decide(send, ids[i]!));
    expect(after.filter((a) => a?.status !== 201).map((a) => a?.body ?? 'no answer')).toEqual([]);
    // Every decision answered before the kill is replayed byte for byte.
    expect(after.filter((a, i) => before[i] && a!.body !== before[i].body)).toEqual([]);
    await restarted.kill();

    await expectNothingLostNothingDoubled(database.options, ids);
  }, 240_000);

  it.runIf(engine.name === 'postgresql')(`PostgreSQL terminating the runtime's connections during ${ITEMS} decisions: only 503s with Retry-After, and every retry with its key succeeds`, async () => {
    const database = engine.prepare();
    cleanups.push(database.remove);
    const ids = await claimedItems(database.options);
    const runtime = RuntimeChild.start(database.options);
    cleanups.push(() => runtime.kill());
    const send = await runtime.client();

    // The test's own connection (no application_name of the runtime's) terminates only the runtime's backends.
    const admin = createDatabase({ databaseUrl: process.env.DATABASE_URL! }, undefined, 'owner');
    cleanups.push(() => admin.close());
    let bursting = true;
    let terminated = 0;
    const terminating = (async () => {
      while (bursting) {
        const { rows } = await admin.knex.raw(`select pg_terminate_backend(pid) as gone from pg_stat_activity where datname = current_database() and application_name = ? and pid <> pg_backend_pid()`, [database.applicationName!]);
        terminated += (rows as { gone: boolean }[]).filter((r) => r.gone).length;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    const burst = await inFlight(ITEMS, (i) => decide(send, ids[i]!));
    bursting = false;
    await terminating;

    expect(terminated).toBeGreaterThan(0);
    const unavailable = burst.filter((a) => a?.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(burst.filter((a) => a?.status !== 201 && a?.status !== 503).map((a) => a?.body ?? 'no answer')).toEqual([]);
    for (const a of unavailable) {
      expect(a!.retryAfter).toBe('1');
      expect(a!.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(a!.body)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    }

    const retried = await inFlight(ITEMS, (i) => decide(send, ids[i]!));
    expect(retried.filter((a) => a?.status !== 201).map((a) => a?.body ?? 'no answer')).toEqual([]);
    expect(retried.filter((a, i) => burst[i]!.status === 201 && a!.body !== burst[i]!.body)).toEqual([]);
    await runtime.kill();

    await expectNothingLostNothingDoubled(database.options, ids);
  }, 240_000);
});
