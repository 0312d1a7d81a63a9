// Benchmark of the runtime over HTTP on PostgreSQL (autocannon): decision commands at concurrency
// 32, and the first worklist page (and its count, where the endpoint exists) at 1,000,000 items.
// Works in a schema of its own (createIsolatedDatabase), dropped at the end. Prints
// `BENCH <name> key=value ...` lines; exits non-zero if any response is not 2xx or a check fails.
// `--explain` also prints the EXPLAIN (ANALYZE, BUFFERS) plans of the worklist and count queries.
// BENCH_ROWS and BENCH_DECISIONS shrink a run while working on the bench itself; BENCH_SERVER_NODE_ARGS
// passes node flags to the runtime process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIsolatedDatabase, KnexWorkItemStore, withTenant, type Database, type WorkItemFilter } from '@mandate/store';
import { loadDefinitions } from '../src/loadDefinitions.js';
import { cloneClaimedItems, loadWorklist } from './bulkLoad.js';
import { cpuPerRequest, cpuSnapshot } from './cpuTime.js';
import { hostProbe } from './hostProbe.js';
import { impactReplayBench } from './impactReplayBench.js';
import { runOpenLoop } from './openLoop.js';
import { runLoad, type LoadResult } from './runLoad.js';
import { simulationBench } from './simulationBench.js';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 10_000);
const DECISION_CONNECTIONS = 32;
/**
 * Decisions sent before anything is measured (about 3 s at 32 connections, like the worklist's 3 s).
 * With 640, the measured run's first 1.5 s still ran at ~65 % of its later rate on more CPU per
 * request (the runtime's code still being optimised), and the slowest 1 % came mostly from there.
 * The warm-up's own figures are printed too (`decisions_warmup`).
 */
const WARMUP_DECISIONS = 4_000;
const UNLOADED_DECISIONS = 300;
/** Decisions sent at a fixed offered rate (open loop): at the target rate, and at 80 % of the closed-loop throughput. */
const RATED_DECISIONS = Math.min(4_000, DECISIONS);
const WORKLIST_CONNECTIONS = 8;
const WORKLIST_SECONDS = 10;
const TARGET_DECISIONS_PER_S = 500;
const TARGET_DECISION_P99_MS = 50;
const TARGET_WORKLIST_P99_MS = 30;
/** The studio's queue tabs count up to this. */
const TAB_COUNT_MAX = 999;
const GROUP = 'regional-sales-directors';
const explain = process.argv.includes('--explain');
/** `BENCH_ONLY=decisions`, `worklist`, `impact` or `simulate` runs that part alone while working on it. */
const ONLY = process.env.BENCH_ONLY;
const runs = (part: 'worklist' | 'decisions' | 'impact' | 'simulate') => ONLY === undefined || ONLY === part;

type Bindings = readonly (string | number | boolean | null)[];
const definitionsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../definitions');
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const latency = (r: LoadResult) => `requests=${r.requests} seconds=${fmt(r.seconds)} per_s=${fmt(r.perSecond)} p50_ms=${fmt(r.p50)} p90_ms=${fmt(r.p90)} p99_ms=${fmt(r.p99)} max_ms=${fmt(r.max)}`;
const versus = (label: string, ratio: number, good: boolean) => `${label}=${ratio.toFixed(2)}x meets_${label.replace(/_ratio$/, '')}=${good ? 'yes' : 'no'}`;

function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(`check failed: ${message}`);
}

/** Waits until the runtime's connections (named after the schema) are idle: a finished run leaves requests in flight. */
async function settle(knex: Database['knex'], applicationName: string) {
  for (let i = 0; i < 50; i++) {
    const { rows } = await knex.raw<{ rows: { n: string }[] }>(`select count(*) as n from pg_stat_activity where application_name = ? and state <> 'idle'`, [applicationName]);
    if (Number(rows[0]!.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** How far the runtime's audit sealer was behind when a run ended, and how long it took to catch up (it must: 10 s at most). */
async function sealingCatchUp(knex: Database['knex']) {
  const unsealed = async () => Number((await knex('audit_event').whereNull('sequence').count<{ n: string }[]>('* as n'))[0]!.n);
  const started = performance.now();
  const unsealedAtEnd = await unsealed();
  let left = unsealedAtEnd;
  while (left > 0 && performance.now() - started < 10_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = await unsealed();
  }
  check(left === 0, `${left} audit events still unsealed 10 s after the run`);
  return { unsealedAtEnd, ms: performance.now() - started };
}

let db: Database | undefined;
let server: ReturnType<typeof fork> | undefined;
async function cleanUp() {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await db?.close(); // drops the schema
  db = undefined;
}
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

if (runs('worklist') || runs('decisions')) {
  try {
    const started = performance.now();
    db = await createIsolatedDatabase(databaseUrl);
    const knex = db.knex;
    const schema = (await knex.raw<{ rows: { s: string }[] }>('select current_schema() as s')).rows[0]!.s;
    const pg = (await knex.raw<{ rows: { v: string }[] }>(`select current_setting('server_version') as v`)).rows[0]!.v;
    const sharedBuffers = (await knex.raw<{ rows: { v: string }[] }>(`select current_setting('shared_buffers') as v`)).rows[0]!.v;
    console.log(`BENCH setup node=${process.version} postgres=${pg} shared_buffers=${sharedBuffers} cpus=${cpus().length} schema=${schema} runtime=child_process knex_pool_max=10 logging=silent`);
    console.log(await hostProbe(knex));

    // The runtime in a child process: autocannon here does not share its event loop.
    server = fork(fileURLToPath(new URL('./benchServer.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)], env: { ...process.env, DATABASE_URL: `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}application_name=${schema}`, BENCH_SCHEMA: schema } });
    const port = await new Promise<number>((resolve, reject) => {
      server!.once('message', (m: { port: number }) => resolve(m.port));
      server!.once('exit', (code) => reject(new Error(`runtime exited with ${code} before listening`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const call = async (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(base + path, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
    };
    const tokenOf = async (userId: string) => {
      const res = await call('POST', '/auth/dev/token', undefined, { userId });
      check(res.status === 200 && typeof res.body?.token === 'string', `dev token for ${userId}: ${res.status}`);
      return res.body.token;
    };
    const [rita, dana] = [await tokenOf('rita'), await tokenOf('dana')];

    // The template: one DISCOUNT_APPROVAL@2 item through the real API (rita requests and owns the
    // quote, so dana is not barred by four-eyes), claimed by dana (35 % authority, ACME_EU).
    const created = await call('POST', '/work-items', rita, {
      taskType: 'DISCOUNT_APPROVAL',
      businessObject: { type: 'QUOTE', id: 'Q-BENCH-TEMPLATE', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: false } },
      region: 'EMEA',
      productFamily: 'BROADBAND',
      evidence: { quoteId: 'Q-BENCH-TEMPLATE', quoteRevision: 3, customerName: 'Acme Manufacturing', requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, pricingResultId: 'price-771', competitorPrice: 18250, internalApprovalNotes: 'Committed multi-year expansion.', riskScore: 71 },
    });
    check(created.status === 201, `create template: ${created.status} ${JSON.stringify(created.body)}`);
    const templateId = created.body!.id as string;
    const claimed = await call('POST', `/work-items/${templateId}/claim`, dana, {});
    check(claimed.status === 200, `claim template: ${claimed.status} ${JSON.stringify(claimed.body)}`);

    // Claimed items for the decisions (plus a few spare: autocannon builds one request ahead per connection).
    const decisionItems = await cloneClaimedItems(knex, templateId, WARMUP_DECISIONS + UNLOADED_DECISIONS + DECISIONS + 2 * RATED_DECISIONS + 8 * DECISION_CONNECTIONS, 'Q-DEC-');

    // The queue: ROWS items, then VACUUM ANALYZE (statistics and the visibility map, as a settled table has).
    const registry = loadDefinitions(definitionsDir);
    const load = await loadWorklist(knex, templateId, ROWS, registry.pinnedRefs('DISCOUNT_APPROVAL@1'));
    const vacuumStart = performance.now();
    for (const table of ['work_item', 'work_item_candidate_group', 'business_object', 'approval_request']) await knex.raw(`vacuum (analyze) ${table}`);
    // Write the loaded pages out now: a checkpoint due during the runs would measure the load's disk writes.
    await knex.raw('checkpoint');
    const vacuumMs = performance.now() - vacuumStart;
    const size = (await knex.raw<{ rows: { s: string }[] }>(`select pg_size_pretty(pg_total_relation_size('work_item') + pg_total_relation_size('work_item_candidate_group')) as s`)).rows[0]!.s;
    console.log(
      `BENCH bulk_load rows=${load.items} candidate_group_rows=${load.candidateGroupRows} business_objects=${load.businessObjects} load_s=${fmt(load.ms / 1000)} rows_per_s=${Math.round(load.items / (load.ms / 1000))} vacuum_analyze_checkpoint_s=${fmt(vacuumMs / 1000)} size_with_indexes=${size.replace(' ', '')} claimed_items_for_decisions=${decisionItems.length}`,
    );

    const danaHeaders = { authorization: `Bearer ${dana}` };
    if (runs('worklist')) {
      // The studio's worklist page: summaries (no evidence). The full view (each item projected for
      // the caller) is measured beside it. The first page must be the one a plain query gives, and
      // the cursor must continue it.
      const fullPath = `/work-items?status=available&candidateGroup=${GROUP}&limit=50`;
      const worklistPath = `${fullPath}&view=summary`;
      const reference = (offset: number) =>
        knex('work_item as w')
          .where({ 'w.tenant_id': 'ACME_EU', 'w.state': 'available' })
          .whereIn('w.id', knex('work_item_candidate_group').where('group_code', GROUP).select('work_item_id'))
          .orderBy([{ column: 'w.priority', order: 'desc' }, { column: 'w.due_at', order: 'asc', nulls: 'last' }, { column: 'w.id', order: 'asc' }])
          .offset(offset)
          .limit(50)
          .pluck<string[]>('w.id');
      const first = await call('GET', worklistPath, dana);
      check(first.status === 200, `worklist: ${first.status} ${JSON.stringify(first.body)}`);
      const firstIds = (first.body!.items as { id: string }[]).map((i) => i.id);
      check(JSON.stringify(firstIds) === JSON.stringify(await reference(0)), 'the first worklist page differs from the reference query');
      check((first.body!.items as Record<string, unknown>[]).every((i) => !('evidence' in i)), 'a summary carries evidence');
      const firstFull = await call('GET', fullPath, dana);
      check(JSON.stringify((firstFull.body!.items as { id: string }[]).map((i) => i.id)) === JSON.stringify(firstIds), 'the full view lists other items than the summaries');
      if (typeof first.body!.nextCursor === 'string') {
        const second = await call('GET', `${worklistPath}&cursor=${first.body!.nextCursor}`, dana);
        check(second.status === 200, `worklist page 2: ${second.status} ${JSON.stringify(second.body)}`);
        const secondIds = (second.body!.items as { id: string }[]).map((i) => i.id);
        check(JSON.stringify(secondIds) === JSON.stringify(await reference(50)), 'the second worklist page differs from the reference query');
      }
      const matching = Number(
        (await knex.raw<{ rows: { n: string }[] }>(`select count(*) as n from work_item w where tenant_id = 'ACME_EU' and state = 'available' and exists (select 1 from work_item_candidate_group g where g.work_item_id = w.id and g.group_code = ?)`, [GROUP])).rows[0]!.n,
      );

      /** 3 s of warm-up, then 10 s at 8 connections with the runtime's and its backends' CPU per request. */
      const closedLoop = async (name: string, path: string) => {
        await settle(knex, schema);
        await runLoad(`${name} warm-up`, { url: base + path, connections: WORKLIST_CONNECTIONS, duration: 3, headers: danaHeaders });
        await settle(knex, schema);
        const before = await cpuSnapshot(knex, server!.pid!, schema);
        const result = await runLoad(name, { url: base + path, connections: WORKLIST_CONNECTIONS, duration: WORKLIST_SECONDS, headers: danaHeaders });
        const cpu = cpuPerRequest(before, await cpuSnapshot(knex, server!.pid!, schema), result.requests);
        await settle(knex, schema);
        return { result, cpu };
      };
      const { result: worklist, cpu: worklistCpu } = await closedLoop('worklist', worklistPath);
      console.log(
        `BENCH worklist_first_page rows=${load.items} matching=${matching} filter=status:available,candidateGroup:${GROUP},tenant:ACME_EU limit=50 connections=${WORKLIST_CONNECTIONS} ${latency(worklist)} target_p99_ms=${TARGET_WORKLIST_P99_MS} ${versus('p99_ratio', worklist.p99 / TARGET_WORKLIST_P99_MS, worklist.p99 < TARGET_WORKLIST_P99_MS)}`,
      );
      console.log(`BENCH worklist_first_page_cpu requests=${worklist.requests} ${worklistCpu}`);
      const { result: full, cpu: fullCpu } = await closedLoop('worklist full view', fullPath);
      console.log(`BENCH worklist_first_page_full_view connections=${WORKLIST_CONNECTIONS} ${latency(full)} ${fullCpu} (each item with its evidence projected for the caller)`);
      // Open loop at half and at 80 % of that capacity: the latency a case worker sees on a busy, not
      // saturated, runtime (closed loop, 8 connections are always busy: latency is 8 / throughput).
      for (const share of [0.5, 0.8]) {
        const rate = Math.max(10, Math.round(worklist.perSecond * share));
        const atRate = await runOpenLoop(base, { ratePerSecond: rate, count: rate * WORKLIST_SECONDS, connections: WORKLIST_CONNECTIONS, next: () => ({ method: 'GET', path: worklistPath, headers: danaHeaders }) });
        console.log(`BENCH worklist_first_page_at_${share * 100}pct_capacity offered_per_s=${rate} connections=${WORKLIST_CONNECTIONS} ${latency(atRate)}`);
        await settle(knex, schema);
      }
      // Where the time goes: one request at a time over HTTP, and the store's query alone (in this
      // process): the one the runtime sends for the summaries, in the request's tenant scope (row-level security).
      const unloaded = await runLoad('worklist unloaded', { url: base + worklistPath, connections: 1, duration: 5, headers: danaHeaders });
      console.log(`BENCH worklist_first_page_unloaded rows=${load.items} connections=1 ${latency(unloaded)}`);
      const store = new KnexWorkItemStore(knex);
      const filter: WorkItemFilter = { state: 'available', candidateGroup: GROUP };
      const storeSamples = new Float64Array(300);
      for (let i = -50; i < storeSamples.length; i++) {
        const start = performance.now();
        await withTenant('ACME_EU', () => store.listSummaries('ACME_EU', filter, { limit: 50 }));
        if (i >= 0) storeSamples[i] = performance.now() - start;
      }
      storeSamples.sort();
      console.log(`BENCH worklist_store_list rows=${load.items} in_process=sequential runs=${storeSamples.length} p50_ms=${fmt(storeSamples[150]!)} p99_ms=${fmt(storeSamples[297]!)} (KnexWorkItemStore.listSummaries: the SQL and row mapping)`);

      const countPath = `/work-items/count?status=available&candidateGroup=${GROUP}`;
      const counted = await call('GET', countPath, dana);
      if (counted.status === 404) {
        console.log(`BENCH worklist_count skipped=endpoint_not_found status=404`);
      } else {
        check(counted.status === 200, `count: ${counted.status} ${JSON.stringify(counted.body)}`);
        const reported = counted.body?.count ?? counted.body?.total;
        check(reported === undefined || reported === matching, `count says ${String(reported)}, the table ${matching}`);
        const { result: count, cpu: countCpu } = await closedLoop('count', countPath);
        console.log(`BENCH worklist_count rows=${load.items} matching=${matching} connections=${WORKLIST_CONNECTIONS} ${latency(count)} ${countCpu}`);
        // What the studio's queue tabs ask: count up to 999 ("999+").
        const cappedPath = `${countPath}&max=${TAB_COUNT_MAX}`;
        const capped = await call('GET', cappedPath, dana);
        check(capped.status === 200 && capped.body?.count === Math.min(matching, TAB_COUNT_MAX) && capped.body.capped === matching > TAB_COUNT_MAX, `capped count: ${capped.status} ${JSON.stringify(capped.body)}`);
        const { result: cappedCount, cpu: cappedCpu } = await closedLoop('capped count', cappedPath);
        console.log(`BENCH worklist_count_capped rows=${load.items} matching=${matching} max=${TAB_COUNT_MAX} connections=${WORKLIST_CONNECTIONS} ${latency(cappedCount)} ${cappedCpu}`);
      }

      // The SQL alone: the store's own statement, captured as knex sends it, under EXPLAIN ANALYZE
      // (third run of each, so the plan is read warm), after the same `set local` the store sends
      // (the count runs in a transaction that turns parallel plans off), as a request of the tenant
      // runs it: as mandate_app with the tenant set, so the plan carries the row-level security policies.
      await settle(knex, schema);
      for (const [name, run] of [
        ['worklist_first_page', () => store.listSummaries('ACME_EU', filter, { limit: 50 })],
        ['worklist_first_page_full_view', () => store.listWithContext('ACME_EU', filter, { limit: 50 })],
        ['worklist_count', () => store.count('ACME_EU', filter)],
      ] as const) {
        const queries: { sql: string; bindings: Bindings }[] = [];
        const listen = (q: { sql: string; bindings?: Bindings }) => queries.push({ sql: q.sql, bindings: q.bindings ?? [] });
        knex.on('query', listen);
        await withTenant('ACME_EU', async () => void (await run()));
        knex.removeListener('query', listen);
        const settings = queries.filter((q) => /^set local /i.test(q.sql)).map((q) => q.sql);
        const statements = queries.filter((q) => !/^(begin|commit|set local )/i.test(q.sql));
        const [query] = statements;
        check(statements.length === 1 && query !== undefined, `${name} ran ${statements.length} statements`);
        // knex reports the statement with the driver's $n placeholders; raw() takes ? placeholders.
        const bindings: Bindings[number][] = [];
        const sql = query.sql.replace(/\$(\d+)/g, (_, n: string) => {
          bindings.push(query.bindings[Number(n) - 1]!);
          return '?';
        });
        let plan: string[] = [];
        for (let i = 0; i < 3; i++) {
          plan = await withTenant('ACME_EU', () =>
            knex.transaction(async (trx) => {
              for (const setting of settings) await trx.raw(setting);
              return (await trx.raw<{ rows: { 'QUERY PLAN': string }[] }>(`explain (analyze, buffers) ${sql}`, bindings)).rows.map((r) => r['QUERY PLAN']);
            }),
          );
        }
        const executionMs = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1]);
        const hit = plan.find((l) => /Buffers:/.test(l))?.match(/shared hit=(\d+)/)?.[1] ?? '0';
        console.log(`BENCH sql_${name} execution_ms=${fmt(executionMs)} top_node_shared_hit=${hit} plan_root="${plan[0]!.trim().replace(/\s+\(cost.*$/, '')}"`);
        if (explain) console.log(`--- EXPLAIN (ANALYZE, BUFFERS) ${name}\n${settings.map((q) => `${q};\n`).join('')}${query.sql}\n-- ${JSON.stringify(query.bindings)}\n${plan.join('\n')}\n---`);
      }

    }

    if (runs('decisions')) {
      // Decisions: one claimed item per request, each with its own Idempotency-Key.
      const smoke = await call('POST', `/work-items/${templateId}/decisions`, dana, { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Bench smoke test.', acknowledged: true, expectedBusinessObjectVersion: 12 }, { 'idempotency-key': 'bench-smoke' });
      check(smoke.status === 201 && smoke.body?.status === 'EFFECTIVE', `smoke decision: ${smoke.status} ${JSON.stringify(smoke.body)}`);
      let next = 0;
      const failures: string[] = [];
      const decisionBody = JSON.stringify({ decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Committed multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 });
      // Past the end: an id that does not exist, so the run fails with a 404 instead of reusing an item.
      const nextItem = () => decisionItems[next++] ?? '00000000-0000-4000-8000-000000000000';
      const decide = (connections: number, amount: number) =>
        runLoad(
          'decisions',
          {
            url: base,
            connections,
            amount,
            requests: [
              {
                method: 'POST',
                setupRequest: (request) => {
                  const id = nextItem();
                  return { ...request, path: `/work-items/${id}/decisions`, headers: { ...request.headers, 'idempotency-key': `bench-${id}` }, body: decisionBody };
                },
                onResponse: (status, body) => {
                  if (status < 200 || status > 299) failures.push(`${status} ${body.slice(0, 400)}`);
                },
              },
            ],
            headers: { ...danaHeaders, 'content-type': 'application/json' },
          },
          failures,
        );
      const decideAtRate = (ratePerSecond: number) =>
        runOpenLoop(base, {
          ratePerSecond,
          count: RATED_DECISIONS,
          connections: DECISION_CONNECTIONS,
          next: () => {
            const id = nextItem();
            return { method: 'POST', path: `/work-items/${id}/decisions`, headers: { ...danaHeaders, 'content-type': 'application/json', 'idempotency-key': `bench-${id}` }, body: decisionBody };
          },
        });
      const warmup = await decide(DECISION_CONNECTIONS, WARMUP_DECISIONS);
      console.log(`BENCH decisions_warmup connections=${DECISION_CONNECTIONS} ${latency(warmup)} (the first decisions this runtime serves; not held to the target)`);
      await settle(knex, schema);
      const decisionsUnloaded = await decide(1, UNLOADED_DECISIONS);
      console.log(`BENCH decisions_unloaded connections=1 ${latency(decisionsUnloaded)}`);
      // The server's pool keeps its connections, so the backends seen before the run are the ones it uses.
      const cpuBefore = await cpuSnapshot(knex, server.pid!, schema);
      const decisions = await decide(DECISION_CONNECTIONS, DECISIONS);
      const cpuAfter = await cpuSnapshot(knex, server.pid!, schema);
      const sealing = await sealingCatchUp(knex);
      // Open loop: a fixed offered rate, so latency is the service time plus queueing at that rate.
      // (Closed loop, 32 connections are always busy and latency is 32 / throughput by Little's law:
      // p99 under 50 ms there needs well over 640 decisions/s.)
      await settle(knex, schema);
      const atTarget = await decideAtRate(TARGET_DECISIONS_PER_S);
      await settle(knex, schema);
      const belowCapacity = Math.max(10, Math.round(decisions.perSecond * 0.8));
      const atEighty = await decideAtRate(belowCapacity);
      const written = Number(
        (await knex.raw<{ rows: { n: string }[] }>(`select count(*) as n from decision d join work_item w on w.id = d.work_item_id where w.business_object_id like 'Q-DEC-%' and d.status = 'EFFECTIVE' and w.state = 'decided'`)).rows[0]!.n,
      );
      const sent = WARMUP_DECISIONS + UNLOADED_DECISIONS + DECISIONS + 2 * RATED_DECISIONS;
      check(written === sent, `${written} effective decisions written for ${sent} requests`);
      console.log(
        `BENCH decisions connections=${DECISION_CONNECTIONS} ${latency(decisions)} written=${written} target_per_s=${TARGET_DECISIONS_PER_S} ${versus('throughput_ratio', decisions.perSecond / TARGET_DECISIONS_PER_S, decisions.perSecond >= TARGET_DECISIONS_PER_S)} target_p99_ms=${TARGET_DECISION_P99_MS} ${versus('p99_ratio', decisions.p99 / TARGET_DECISION_P99_MS, decisions.p99 < TARGET_DECISION_P99_MS)}`,
      );
      console.log(`BENCH decisions_cpu requests=${decisions.requests} ${cpuPerRequest(cpuBefore, cpuAfter, decisions.requests)} (audit sealer included)`);
      console.log(`BENCH audit_sealing unsealed_when_the_run_ended=${sealing.unsealedAtEnd} all_sealed_after_ms=${Math.round(sealing.ms)}`);
      console.log(
        `BENCH decisions_at_target_rate offered_per_s=${TARGET_DECISIONS_PER_S} connections=${DECISION_CONNECTIONS} ${latency(atTarget)} target_p99_ms=${TARGET_DECISION_P99_MS} ${versus('p99_ratio', atTarget.p99 / TARGET_DECISION_P99_MS, atTarget.p99 < TARGET_DECISION_P99_MS && atTarget.perSecond >= TARGET_DECISIONS_PER_S * 0.98)}`,
      );
      console.log(`BENCH decisions_at_80pct_capacity offered_per_s=${belowCapacity} connections=${DECISION_CONNECTIONS} ${latency(atEighty)}`);
    }
    console.log(`BENCH total seconds=${fmt((performance.now() - started) / 1000)}`);
  } catch (error) {
    process.exitCode = 1;
    console.error(error);
  } finally {
    await cleanUp();
  }
}

// Impact replay over 100,000 decided items, in a schema of its own (not behind the million queue items).
if (!process.exitCode && runs('impact')) {
  const replayDb = await createIsolatedDatabase(databaseUrl);
  try {
    console.log(await impactReplayBench(replayDb.knex));
  } catch (error) {
    process.exitCode = 1;
    console.error(error);
  } finally {
    await replayDb.close();
  }
}

// Simulation of a draft beside the published version for one item, sequential requests (its own schema).
if (!process.exitCode && runs('simulate')) {
  try {
    console.log(await simulationBench(databaseUrl));
  } catch (error) {
    process.exitCode = 1;
    console.error(error);
  }
}
