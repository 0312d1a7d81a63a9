// Benchmark of the return leg of the workflow round trip: decision commits (a COMPLETE_TASK outbox
// row, each in its own transaction) carried by the outbox relay into the embedded engine, which
// completes the waiting user task and runs the process to the end event the decision routes to.
// Prints `BENCH <name> key=value ...` lines:
// - relay_throughput: every command committed before the relays start, drained by 1, 2 and 4
//   relays in this process and, on PostgreSQL, by 2 relays in processes of their own;
// - relay_latency: commit to continuation (the engine's instance row committed) while commits
//   arrive at a steady 500/s, with the best relay setup; when that setup cannot take 500/s, also
//   at 80 % of what it can (relay_latency_sustainable); and at 10/s, where nothing queues (relay_latency_light).
//
// PostgreSQL when DATABASE_URL is set (a schema of its own, dropped at the end), else PGlite in
// memory. Exits 1 when a command does not settle as SENT, a relay or the engine reports an error,
// or a process does not end at the end event of its decision: a broken run prints no figures.
// BENCH_COMMANDS (per throughput run; default 10 s worth at the warm-up's rate), BENCH_RATE,
// BENCH_RATE_SECONDS, BENCH_RELAYS (e.g. `1,2,2p`; `p`: processes), BENCH_BATCH_SIZE and
// BENCH_CONCURRENCY change a run. docs/workflow.md (Benchmarks) has the method and the figures.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createIsolatedDatabase, createMemoryDatabase, KnexWorkflowOutbox, KnexWorkItemStore, type Database, type WorkflowCommand } from '@mandate/store';
import type { EmbeddedWorkflowEngine } from '../src/embedded/EmbeddedWorkflowEngine.js';
import type { OutboxRelay } from '../src/relay/OutboxRelay.js';
import type { DecisionOutput } from '../src/relay/routeCommand.js';
import { callerKey } from '../src/WorkflowPort.js';
import { BATCH_SIZE, benchEngine, benchRelay, CONCURRENCY, INTERVAL_MS, now, PROCESS_KEY, type Trouble } from './benchRelay.js';
import type { WorkerMessage } from './relayWorker.js';

const TENANT = 'ACME_EU';
const TARGET_PER_S = 500;
const TARGET_P99_MS = 200;
const RATE = Number(process.env.BENCH_RATE ?? TARGET_PER_S);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 10);
const WARMUP = 300;
/** Commits per second for the latency floor: one every 100 ms. */
const LIGHT_RATE = 10;
/** Instances started at once while preparing a run (not measured). */
const START_CONCURRENCY = 8;
/** A run fails when nothing settles for this long. */
const STALL_MS = 30_000;

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const versus = (label: string, ratio: number, good: boolean) => `${label}=${ratio.toFixed(2)}x meets_${label.replace(/_ratio$/, '')}=${good ? 'yes' : 'no'}`;

function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(`check failed: ${message}`);
}

/** Runs `fn` over `items`, `n` at a time. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

/** How the relays run: `relays` in this process, or that many processes with one relay each. */
interface RelaySetup {
  relays: number;
  processes: boolean;
}
const label = (s: RelaySetup) => `relays=${s.relays} relay_processes=${s.processes ? s.relays : 0}`;

/** A process instance waiting at its user task, with the work item a decision is made on. */
interface Waiting {
  processInstanceId: string;
  workItemId: string;
  decision: 'APPROVE' | 'REJECT';
}

let db: Database | undefined;
let engine: EmbeddedWorkflowEngine | undefined;
const relays: OutboxRelay[] = [];
const workers: ChildProcess[] = [];
async function cleanUp() {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGTERM');
  await Promise.all(relays.map((r) => r.stop()));
  await engine?.stop();
  await db?.close(); // PostgreSQL: drops the schema
  db = undefined;
}
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

try {
  const started = now();
  const databaseUrl = process.env.DATABASE_URL;
  db = databaseUrl ? await createIsolatedDatabase(databaseUrl) : await createMemoryDatabase();
  const { knex } = db;
  const database = db;
  const version = (await knex.raw<{ rows: { v: string }[] }>(`select current_setting('server_version') as v`)).rows[0]!.v.replace(/\s.*/, '');
  const schema = (await knex.raw<{ rows: { s: string }[] }>('select current_schema() as s')).rows[0]!.s;
  const nodeFlags = [...process.execArgv.filter((a) => a.startsWith('--max')), ...(process.env.NODE_OPTIONS ?? '').split(' ').filter((a) => a.startsWith('--max'))];
  console.log(
    `BENCH setup database=${db.kind} server_version=${version} node=${process.version} node_flags=${nodeFlags.join(',') || 'default'} cpus=${cpus().length} process=${PROCESS_KEY} relay_batch_size=${BATCH_SIZE} relay_concurrency=${CONCURRENCY} relay_interval_ms=${INTERVAL_MS} ${db.kind === 'postgresql' ? 'knex_pool_max=10_per_process' : 'connections=1'}`,
  );

  const items = new KnexWorkItemStore(knex);
  const outbox = new KnexWorkflowOutbox(knex);
  const problems: string[] = [];
  const trouble: Trouble = {
    logger: { warn: (obj, msg) => void problems.push(`${msg} ${JSON.stringify(obj)}`), error: (obj, msg) => void problems.push(`${msg} ${JSON.stringify(obj)}`) },
    onAttention: (a) => Promise.resolve(void problems.push(`${a.kind} ${a.command.id}: ${a.reason}`)),
  };

  // Every activation gets a work item, as the runtime's bridge creates one (minimal: the router
  // reads only its caller reference).
  const workItemOf = new Map<string, string>();
  const embedded = (engine = benchEngine(db, trouble, async (activation) => {
    const id = randomUUID();
    await database.transaction((tx) =>
      items.create(
        tx,
        {
          id, tenantId: activation.tenantId, taskType: 'BENCH_APPROVAL', taskTypeVersion: 1, pinnedDefinitions: [], state: 'decided', title: 'Bench approval',
          businessObject: { type: 'QUOTE', id: activation.businessKey ?? id, version: 1 }, candidateGroups: [], priority: 0, priorityReasons: [], escalationLevel: 0, evidence: {},
          callerRef: { ...activation.callerRef }, callerKey: callerKey(activation.callerRef),
        },
        new Date().toISOString(),
      ),
    );
    workItemOf.set(activation.callerRef.processInstanceId, id);
  }));

  const prepared = { instances: 0, ms: 0 };
  /** Starts `n` instances tagged `run` through the engine, each waiting at its user task with a work item. Not measured. */
  const prepare = async (run: string, n: number): Promise<Waiting[]> => {
    const t = now();
    const waiting: Waiting[] = new Array<Waiting>(n);
    await pool([...Array(n).keys()], START_CONCURRENCY, async (i) => {
      const { processInstanceId } = await embedded.startInstance({ processKey: PROCESS_KEY, tenantId: TENANT, businessKey: `${run}-${i}`, variables: { amount: 100 + i } });
      const workItemId = workItemOf.get(processInstanceId);
      check(workItemId !== undefined, `instance ${processInstanceId} announced no user task`);
      waiting[i] = { processInstanceId, workItemId, decision: i % 2 === 0 ? 'APPROVE' : 'REJECT' };
    });
    prepared.instances += n;
    prepared.ms += now() - t;
    return waiting;
  };

  // Timestamps (epoch ms) per outbox command id.
  const committedAt = new Map<string, number>();
  const continuedAt = new Map<string, number>();
  const settledAt = new Map<string, number>();
  const commandOf = new Map<string, Waiting>();
  let lastSettled = 0;
  const settled = (id: string, at: number) => {
    settledAt.set(id, at);
    lastSettled = now();
  };

  /** The decision commit: one COMPLETE_TASK outbox row in its own transaction, the payload as the runtime writes it. */
  const commit = async (w: Waiting): Promise<string> => {
    const payload: DecisionOutput = { workItemId: w.workItemId, taskType: 'BENCH_APPROVAL', decisionId: randomUUID(), decision: w.decision, reasonCode: null, comment: null, decidedBy: 'dana', outcome: {} };
    const id = await database.transaction((tx) => outbox.enqueue(tx, { tenantId: TENANT, commandType: 'COMPLETE_TASK', payload: { ...payload } }, new Date().toISOString()));
    committedAt.set(id, now());
    commandOf.set(id, w);
    return id;
  };

  /** Relay processes, started and ready, waiting for `start`. */
  const forkWorkers = async (k: number): Promise<ChildProcess[]> => {
    const forked = Array.from({ length: k }, (_, i) => {
      const worker = fork(fileURLToPath(new URL('./relayWorker.ts', import.meta.url)), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_SCHEMA: schema, BENCH_OWNER: `bench-relay-process-${i + 1}` },
      });
      worker.on('message', (m: WorkerMessage) => {
        if (m.kind === 'problem') problems.push(m.text);
        if (m.kind === 'settled') {
          for (const c of m.commands) {
            if (c.continuedAt !== undefined) continuedAt.set(c.id, c.continuedAt);
            settled(c.id, c.settledAt);
          }
        }
      });
      workers.push(worker);
      return worker;
    });
    await Promise.all(
      forked.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const onReady = (m: WorkerMessage) => {
              if (m.kind !== 'ready') return;
              worker.off('message', onReady);
              resolve();
            };
            worker.on('message', onReady);
            worker.once('exit', (code) => reject(new Error(`relay process exited with ${code} before it was ready`)));
          }),
      ),
    );
    return forked;
  };

  /** Starts the relays of `setup`; returns how to stop them. */
  const startRelays = async (setup: RelaySetup): Promise<() => Promise<void>> => {
    if (setup.processes) {
      const forked = await forkWorkers(setup.relays);
      for (const worker of forked) worker.send({ kind: 'start' });
      return async () => {
        await Promise.all(
          forked.map(
            (worker) =>
              new Promise<void>((resolve) => {
                worker.once('exit', () => resolve());
                worker.send({ kind: 'stop' });
              }),
          ),
        );
        workers.splice(0, workers.length, ...workers.filter((w) => !forked.includes(w)));
      };
    }
    const started = Array.from({ length: setup.relays }, (_, i) =>
      benchRelay(db!, embedded, `bench-relay-${i + 1}`, trouble, { continued: (id, at) => void continuedAt.set(id, at), settled: (command: WorkflowCommand, at) => settled(command.id, at) }),
    );
    relays.push(...started);
    for (const relay of started) relay.start(INTERVAL_MS);
    return async () => {
      await Promise.all(started.map((r) => r.stop()));
      relays.length = 0;
    };
  };

  /** Resolves with the last settlement once `ids` have all settled; fails on trouble, or when nothing settles for a while. */
  const allSettled = async (ids: string[]): Promise<number> => {
    lastSettled = now();
    for (;;) {
      if (problems.length) throw new Error(`relay trouble: ${problems.slice(0, 5).join('; ')}`);
      const open = ids.filter((id) => !settledAt.has(id)).length;
      if (open === 0) return Math.max(...ids.map((id) => settledAt.get(id)!));
      if (now() - lastSettled > STALL_MS) throw new Error(`${open} of ${ids.length} commands did not settle`);
      await sleep(5);
    }
  };

  /** Every command SENT without a note, every process COMPLETED at the end event of its decision, with that command recorded. */
  const verify = async (run: string, ids: string[]) => {
    const statuses = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await knex('workflow_command_outbox').whereIn('id', ids.slice(i, i + 1000)).select<{ status: string; note: string | null }[]>('status', 'note');
      for (const row of rows) {
        const key = `${row.status}${row.note ? ` (${row.note})` : ''}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    }
    check(statuses.get('SENT') === ids.length, `${run}: commands settled as ${JSON.stringify(Object.fromEntries(statuses))}, want ${ids.length} SENT`);
    const rows = await knex('process_instance')
      .where('business_key', 'like', `${run}-%`)
      .select<{ id: string; status: string; end_event_id: string | null; completed_command_ids: string[] }[]>('id', 'status', 'end_event_id', 'completed_command_ids');
    check(rows.length === ids.length, `${run}: ${rows.length} instances for ${ids.length} commands`);
    const expected = new Map(ids.map((id) => [commandOf.get(id)!.processInstanceId, { id, decision: commandOf.get(id)!.decision }]));
    for (const row of rows) {
      const want = expected.get(row.id);
      check(want !== undefined, `${run}: instance ${row.id} got no command`);
      const end = want.decision === 'APPROVE' ? 'endApproved' : 'endRejected';
      check(row.status === 'COMPLETED' && row.end_event_id === end, `${run}: instance ${row.id} is ${row.status} at ${row.end_event_id ?? 'no end event'}, want COMPLETED at ${end}`);
      check(row.completed_command_ids.length === 1 && row.completed_command_ids[0] === want.id, `${run}: instance ${row.id} applied ${JSON.stringify(row.completed_command_ids)}, want [${want.id}]`);
    }
    for (const id of ids) check(continuedAt.has(id), `${run}: command ${id} settled without the engine answering done`);
  };

  const latencies = (ids: string[], at: Map<string, number>) => {
    const samples = Float64Array.from(ids, (id) => at.get(id)! - committedAt.get(id)!).sort();
    const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))]!;
    return { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: samples[samples.length - 1]! };
  };

  /** All commands committed first, then the relays of `setup` drain them. */
  const maxThroughput = async (run: string, setup: RelaySetup, n: number) => {
    const waiting = await prepare(run, n);
    const ids: string[] = [];
    for (const w of waiting) ids.push(await commit(w));
    const stop = await startRelays(setup);
    const start = now(); // relay processes: from `start`, not from their launch
    const cpu = process.cpuUsage();
    const end = await allSettled(ids);
    const used = process.cpuUsage(cpu);
    await stop();
    await verify(run, ids);
    // This process's CPU time (all threads: GC helpers too, and PGlite) per command: what bounds one process, whatever else runs on the machine.
    const cpuMs = setup.processes ? undefined : (used.user + used.system) / 1000 / n;
    return { seconds: (end - start) / 1000, perSecond: (n / (end - start)) * 1000, cpuMs };
  };

  /** Commits at a steady `rate` for `seconds` (open loop: a commit does not wait for the one before) while the relays of `setup` run. */
  const atRate = async (run: string, setup: RelaySetup, rate: number, seconds: number) => {
    const n = Math.max(1, Math.round(rate * seconds));
    const waiting = await prepare(run, n);
    const stop = await startRelays(setup);
    const ids: string[] = [];
    const commits: Promise<void>[] = [];
    const t0 = now();
    let next = 0;
    while (next < n) {
      const due = Math.min(n, Math.floor(((now() - t0) / 1000) * rate) + 1);
      while (next < due) commits.push(commit(waiting[next++]!).then((id) => void ids.push(id)));
      await sleep(1);
    }
    await Promise.all(commits);
    const lastCommit = now();
    const end = await allSettled(ids);
    await stop();
    await verify(run, ids);
    return { n, commitPerSecond: (n / (lastCommit - t0)) * 1000, drainSeconds: Math.max(0, end - lastCommit) / 1000, continued: latencies(ids, continuedAt), settled: latencies(ids, settledAt) };
  };

  // Warm-up (JIT, pool, caches): not reported, but it sizes the throughput runs (10 s each at its rate).
  const warm = await maxThroughput('warmup', { relays: 1, processes: false }, WARMUP);
  const commands = Number(process.env.BENCH_COMMANDS ?? Math.min(3000, Math.max(300, Math.round(warm.perSecond * 10))));

  const setups: RelaySetup[] = (process.env.BENCH_RELAYS ?? (db.kind === 'postgresql' ? '1,2,4,2p' : '1,2,4')).split(',').map((s) => ({ relays: Number.parseInt(s, 10), processes: s.endsWith('p') }));
  check(!setups.some((s) => s.processes) || db.kind === 'postgresql', 'relay processes need PostgreSQL (PGlite lives inside one process)');
  const throughput: { setup: RelaySetup; perSecond: number }[] = [];
  for (const setup of setups) {
    const r = await maxThroughput(`max-${setup.relays}${setup.processes ? 'p' : ''}`, setup, commands);
    throughput.push({ setup, perSecond: r.perSecond });
    console.log(
      `BENCH relay_throughput ${label(setup)} batch_size=${BATCH_SIZE} concurrency=${CONCURRENCY} commands=${commands} seconds=${fmt(r.seconds)} commands_per_s=${fmt(r.perSecond)}${r.cpuMs !== undefined ? ` node_cpu_ms_per_command=${fmt(r.cpuMs)}` : ''} target_per_s=${TARGET_PER_S} ${versus('throughput_ratio', r.perSecond / TARGET_PER_S, r.perSecond >= TARGET_PER_S)}`,
    );
  }
  const best = throughput.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));

  // At the target rate. When the relays cannot take it, the run only builds a backlog (latency
  // grows with the run's length): it is cut to what drains in about 20 s.
  const seconds = best.perSecond >= RATE ? RATE_SECONDS : Math.min(RATE_SECONDS, Math.max(1, (20 * best.perSecond) / RATE));
  const rated = await atRate(`rate-${RATE}`, best.setup, RATE, seconds);
  const c = rated.continued;
  console.log(
    `BENCH relay_latency offered_per_s=${RATE} seconds=${fmt(seconds)} commands=${rated.n} commits_per_s=${fmt(rated.commitPerSecond)} ${label(best.setup)} drain_after_last_commit_s=${fmt(rated.drainSeconds)} commit_to_continuation_p50_ms=${fmt(c.p50)} p90_ms=${fmt(c.p90)} p99_ms=${fmt(c.p99)} max_ms=${fmt(c.max)} commit_to_settled_p99_ms=${fmt(rated.settled.p99)} target_p99_ms=${TARGET_P99_MS} ${versus('p99_ratio', c.p99 / TARGET_P99_MS, c.p99 < TARGET_P99_MS)}`,
  );
  if (best.perSecond < RATE) {
    const sustainable = Math.max(1, Math.floor(best.perSecond * 0.8));
    const r = await atRate(`rate-${sustainable}`, best.setup, sustainable, RATE_SECONDS);
    console.log(
      `BENCH relay_latency_sustainable offered_per_s=${sustainable} of_best_throughput=0.8 seconds=${RATE_SECONDS} commands=${r.n} commits_per_s=${fmt(r.commitPerSecond)} ${label(best.setup)} drain_after_last_commit_s=${fmt(r.drainSeconds)} commit_to_continuation_p50_ms=${fmt(r.continued.p50)} p90_ms=${fmt(r.continued.p90)} p99_ms=${fmt(r.continued.p99)} max_ms=${fmt(r.continued.max)} target_p99_ms=${TARGET_P99_MS} ${versus('p99_ratio', r.continued.p99 / TARGET_P99_MS, r.continued.p99 < TARGET_P99_MS)}`,
    );
  }
  // The floor: commit to continuation when nothing queues.
  const light = await atRate('rate-light', best.setup, LIGHT_RATE, 5);
  console.log(
    `BENCH relay_latency_light offered_per_s=${LIGHT_RATE} seconds=5 commands=${light.n} ${label(best.setup)} commit_to_continuation_p50_ms=${fmt(light.continued.p50)} p90_ms=${fmt(light.continued.p90)} p99_ms=${fmt(light.continued.p99)} max_ms=${fmt(light.continued.max)}`,
  );
  console.log(`BENCH prepare instances=${prepared.instances} starts_per_s=${fmt((prepared.instances / prepared.ms) * 1000)} start_concurrency=${START_CONCURRENCY} (startInstance and its work item; not in the figures above)`);
  console.log(`BENCH total seconds=${fmt((now() - started) / 1000)}`);
} catch (error) {
  process.exitCode = 1;
  console.error(error);
} finally {
  await cleanUp();
}
