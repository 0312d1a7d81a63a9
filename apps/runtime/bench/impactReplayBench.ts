// Impact replay bench: 100,000 decided DISCOUNT_APPROVAL items with their decisions, bulk-loaded in
// SQL (INSERT ... SELECT over generate_series), replayed from the store (KnexReplayCaseSource, in
// batches) through the policy's impact replay under a draft COMMERCIAL_AUTHORITY that lowers the
// EMEA director's discount authority from 35 % to 30 %. The flipped count must equal the number of
// director approvals the load put in (30 %, 35 %], counted by SQL; anything else fails the bench.
//
// On its own: `npx tsx apps/runtime/bench/impactReplayBench.ts` (DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test), in a schema of its own dropped at the end. Called with
// a knex, it loads into that database under its own tenant (GLOBEX), which must hold no items yet.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refOf, type AuthorityPolicy, type Definition } from '@mandate/definitions';
import { ImpactReplay, pinDefinitions } from '@mandate/policy';
import { createIsolatedDatabase, KnexReplayCaseSource, type Database } from '@mandate/store';
import { readDefinitions } from '../src/loadDefinitions.js';
import { IMPACT_REPLAY_BATCH_SIZE } from '../src/replay/ImpactReplayService.js';
import { replayCaseOf } from '../src/replay/replayCaseOf.js';

type Knex = Database['knex'];

const ITEMS = 100_000;
const TARGET_SECONDS = 10;
const TENANT = 'GLOBEX';
const definitionsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../definitions');

async function columnsOf(knex: Knex, table: string): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { column_name: string }[] }>('select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?', [table]);
  return rows.map((r) => r.column_name);
}

/**
 * The load, per row g: deciders by g % 10 — 0-5 dana (regional sales director EMEA, approves up to
 * 35 %), 6-7 fiona (finance, up to 45 %), 8 sam (sales manager, up to 15 %), 9 dana rejecting (no
 * authority needed). Discounts in steps of 0.01 % within each decider's limit, from a hash of g.
 * Decisions have actor_context on even rows when the column exists (older rows have none).
 */
async function load(knex: Knex, pinned: string[]): Promise<void> {
  const withContext = (await columnsOf(knex, 'decision')).includes('actor_context');
  const series = `select g, md5('ir-' || g)::uuid as id, 'Q-IR-' || lpad(g::text, 7, '0') as bo,
      g % 10 as kind, abs(hashtext('ir' || g)) as h,
      timestamptz '2026-01-05T08:00:00Z' + make_interval(mins => g) as created
    from generate_series(?::int, ?::int) g`;
  const decided = `select s.*,
      case when s.kind <= 5 or s.kind = 9 then 'dana' when s.kind <= 7 then 'fiona' else 'sam' end as actor,
      case when s.kind <= 5 or s.kind = 9 then 'REGIONAL_SALES_DIRECTOR' when s.kind <= 7 then 'FINANCE_APPROVER' else 'SALES_MANAGER' end as role,
      case when s.kind <= 5 or s.kind = 9 then 'regional-sales-directors' when s.kind <= 7 then 'finance-approvers' else 'sales-managers' end as grp,
      case when s.kind = 9 then 'REJECT' else 'APPROVE' end as decision,
      (case when s.kind <= 5 then s.h % 3501 when s.kind <= 7 then s.h % 4501 when s.kind = 8 then s.h % 1501 else s.h % 5001 end) / 100.0 as pct
    from s`;
  const statement = `with s as materialized (${series}), r as materialized (${decided}),
      items as (insert into work_item (id, tenant_id, task_type, task_type_version, pinned_definitions, state, title, business_object_type, business_object_id,
          business_object_version, business_object_revision, region, product_family, assignee, owner, requested_by, priority, priority_reasons,
          escalation_group, escalation_level, due_at, evidence, row_version, created_at, updated_at)
        select r.id, ?, 'DISCOUNT_APPROVAL', 2, ?::jsonb, 'decided', 'Approve discount override: QUOTE ' || r.bo, 'QUOTE', r.bo, 3, 1, 'EMEA', 'BROADBAND',
          r.actor, r.actor, 'rita', 80, '["REGULATORY_RISK:+50","BASE_DISCOUNT_APPROVAL:+10"]'::jsonb, 'sales-managers', 0, r.created + interval '4 hours',
          jsonb_build_object('quoteId', r.bo, 'quoteRevision', 1, 'customerName', 'Globex ' || r.g, 'requestedDiscountPercent', r.pct, 'standardLimitPercent', 10,
            'marginImpactPercent', -r.pct / 5, 'competitorPrice', 1000 + r.h % 9000, 'riskScore', r.h % 100,
            'lines', jsonb_build_array(jsonb_build_object('sku', 'BB-1000', 'listPrice', 1000, 'netPrice', 1000 - r.pct * 10, 'costBasis', 610, 'marginPercent', 10.3))),
          1, r.created, r.created + interval '1 hour'
        from r returning id),
      objects as (insert into business_object (tenant_id, type, id, version, revision, snapshot, updated_at)
        select ?, 'QUOTE', r.bo, 3, 1, jsonb_build_object('ownerId', 'rita', 'totalAmount', 10000 + r.h % 400000, 'currency', 'EUR', 'customerTier', 'GOLD', 'regulatoryRisk', true), r.created from r),
      approvals as (insert into approval_request (work_item_id, requested_by, requested_at, required_authority, forbidden_approver_user_ids, forbidden_approver_role_codes)
        select r.id, 'rita', r.created, jsonb_build_object('measure', 'discountPercent', 'amount', r.pct), '["rita"]'::jsonb, '["SALES_REP"]'::jsonb from r),
      groups as (insert into work_item_candidate_group (work_item_id, group_code, tenant_id)
        select r.id, c, ? from r, unnest(array['sales-managers', 'regional-sales-directors']) c)
    insert into decision (id, work_item_id, tenant_id, decision, reason_code, comment, actor, actor_roles, business_object_version, payload, policy_trace, status, decided_at${withContext ? ', actor_context' : ''})
      select md5('ir-d-' || r.g)::uuid, r.id, ?, r.decision,
        case r.decision when 'APPROVE' then 'STRATEGIC_CUSTOMER_RETENTION' else 'MARGIN_BELOW_FLOOR' end,
        'Bench decision ' || r.g, r.actor, jsonb_build_array(r.role), 3,
        jsonb_build_object('decision', r.decision, 'reasonCode', case r.decision when 'APPROVE' then 'STRATEGIC_CUSTOMER_RETENTION' else 'MARGIN_BELOW_FLOOR' end, 'comment', 'Bench decision ' || r.g),
        'null'::jsonb, 'EFFECTIVE', r.created + interval '1 hour'
        ${withContext ? `, case when r.g % 2 = 0 then jsonb_build_object('id', r.actor, 'roles', jsonb_build_array(r.role), 'groups', jsonb_build_array(r.grp), 'tenant', '${TENANT}', 'region', 'EMEA') end` : ''}
      from r`;
  const chunk = 25_000;
  for (let from = 1; from <= ITEMS; from += chunk) {
    await knex.transaction(async (trx) => {
      await trx.raw('set local synchronous_commit = off');
      await trx.raw(statement, [from, Math.min(from + chunk - 1, ITEMS), TENANT, JSON.stringify(pinned), TENANT, TENANT, TENANT]);
    });
  }
  for (const table of ['work_item', 'decision', 'business_object', 'approval_request', 'work_item_candidate_group']) await knex.raw(`analyze ${table}`);
}

/** Loads, replays and checks; returns the BENCH line. */
export async function impactReplayBench(knex: Knex): Promise<string> {
  const existing = Number((await knex.raw<{ rows: { n: string }[] }>('select count(*) as n from work_item where tenant_id = ?', [TENANT])).rows[0]!.n);
  if (existing) throw new Error(`impact replay bench: tenant ${TENANT} already holds ${existing} items; it needs a database of its own`);
  const definitions: Definition[] = readDefinitions(definitionsDir).map((d) => d.definition);
  const pinned = pinDefinitions('DISCOUNT_APPROVAL@2', definitions);
  const pinnedRefs = [pinned.taskType, pinned.reasonCodes, pinned.sla, pinned.calendar, pinned.priority, pinned.visibility, pinned.actions, pinned.authority]
    .filter((d): d is NonNullable<typeof d> => d !== undefined)
    .map(refOf);
  const authority = pinned.authority!;
  const candidate: AuthorityPolicy = {
    ...authority,
    version: authority.version + 1,
    status: 'draft',
    grants: authority.grants.map((g) => (g.name === 'REGIONAL_DIRECTOR_EMEA' ? { ...g, limits: { ...g.limits, discountPercent: 30 } } : g)),
  };

  const loadStart = performance.now();
  await load(knex, pinnedRefs);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  // What the replay must find, counted from the data, not from the generator's formula.
  const expected = Number(
    (
      await knex.raw<{ rows: { n: string }[] }>(
        `select count(*) as n from decision d join work_item w on w.id = d.work_item_id
          where w.tenant_id = ? and d.status = 'EFFECTIVE' and d.decision = 'APPROVE' and d.actor_roles @> '["REGIONAL_SALES_DIRECTOR"]'::jsonb
            and (w.evidence->>'requestedDiscountPercent')::numeric > 30 and (w.evidence->>'requestedDiscountPercent')::numeric <= 35`,
        [TENANT],
      )
    ).rows[0]!.n,
  );

  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const replay = new ImpactReplay(definitions, candidate, { now: new Date().toISOString() });
  const batches = new KnexReplayCaseSource(knex).batches({ tenantId: TENANT, definitionId: authority.id, from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z', batchSize: IMPACT_REPLAY_BATCH_SIZE });
  // The next batch is read while this one is replayed; yielding to the event loop every 1,000
  // cases lets the client drain the socket meanwhile, so the database is not stalled on it.
  let next = batches.next();
  for (;;) {
    const current = await next;
    if (current.done) break;
    next = batches.next();
    const records = current.value;
    for (let i = 0; i < records.length; i++) {
      replay.add(replayCaseOf(records[i]!));
      if (i % 1000 === 999) await new Promise(setImmediate);
    }
  }
  const report = replay.report();
  const seconds = (performance.now() - start) / 1000;
  // On a shared machine wall time moves with whatever else runs; this process's CPU time does not.
  const cpu = process.cpuUsage(cpuStart);
  const nodeCpuSeconds = (cpu.user + cpu.system) / 1e6;

  const refused = report.findings.find((f) => f.aspect === 'decision' && f.rule === 'decision:APPROVE' && f.check === 'AUTHORITY_LIMIT_EXCEEDED' && f.change === 'accepted -> refused');
  const flipped = refused?.count ?? 0;
  const problems: string[] = [];
  if (report.totals.cases !== ITEMS) problems.push(`replayed ${report.totals.cases} of ${ITEMS} items`);
  if (flipped !== expected) problems.push(`flipped ${flipped} approvals; the load put ${expected} director approvals in (30 %, 35 %]`);
  if (report.totals.refusedDecisions !== expected) problems.push(`${report.totals.refusedDecisions} decisions refused in all, expected ${expected}`);
  if (report.totals.baselineRefused || report.totals.failed) problems.push(`${report.totals.baselineRefused} decisions refused under the baseline, ${report.totals.failed} cases failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  const other = report.findings.filter((f) => f.aspect !== 'decision' && !(f.aspect === 'action' && f.rule === 'decision:APPROVE' && f.check === 'AUTHORITY_LIMIT_EXCEEDED'));
  if (other.length) problems.push(`unexpected findings: ${other.map((f) => `${f.aspect} ${f.rule} ${f.change} x${f.count}`).join('; ')}`);
  if (problems.length) throw new Error(`impact replay bench failed:\n  ${problems.join('\n  ')}`);

  const itemsPerSecond = Math.round(ITEMS / seconds);
  return `BENCH impact_replay items=${ITEMS} seconds=${seconds.toFixed(2)} items_per_s=${itemsPerSecond} flipped=${flipped} target_seconds=${TARGET_SECONDS} ratio=${(TARGET_SECONDS / seconds).toFixed(2)}x meets_target=${seconds < TARGET_SECONDS ? 'yes' : 'no'} node_cpu_seconds=${nodeCpuSeconds.toFixed(2)} load_seconds=${loadSeconds.toFixed(1)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const db = await createIsolatedDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  try {
    console.log(await impactReplayBench(db.knex));
  } finally {
    await db.close();
  }
}
