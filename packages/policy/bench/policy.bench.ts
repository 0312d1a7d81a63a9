// Benchmarks of the policy engine on DISCOUNT_APPROVAL@2 with a realistic item, single core, warm.
// Prints `BENCH <name> key=value ...` lines. Run with --max-semi-space-size=64 (see package.json):
// json-rules-engine allocates heavily (it deep-clones every rule's conditions per run), and the default young generation puts scavenge pauses into p99.
import { performance } from 'node:perf_hooks';
import { actionBadges, allowedActions } from '../src/allowedActions.js';
import { buildFacts } from '../src/facts/buildFacts.js';
import { priority } from '../src/priority.js';
import type { Facts } from '../src/rules/RuleSpec.js';
import { sla } from '../src/sla/sla.js';
import { visibleView } from '../src/visibleView.js';
import { discountApproval, people, shippedPolicy } from '../test-support/scenario.js';

const policy = shippedPolicy('DISCOUNT_APPROVAL@2');
const ctx = discountApproval(people.financeApprover);

interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
}

async function measure(fn: () => unknown, iterations: number): Promise<Measured> {
  for (let i = 0; i < Math.min(iterations, 2000); i++) await fn(); // warm up
  const samples = new Float64Array(iterations);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    samples[i] = performance.now() - t;
  }
  const total = performance.now() - start;
  samples.sort();
  return { perSecond: (iterations / total) * 1000, p50: samples[Math.floor(iterations * 0.5)]! * 1000, p99: samples[Math.floor(iterations * 0.99)]! * 1000 };
}

/** Measures a synchronous function in batches, so the timer's own cost does not dominate microsecond work. */
function measureSync(fn: () => unknown, iterations: number, batch = 100): Measured {
  for (let i = 0; i < 20_000; i++) fn();
  const batches = Math.floor(iterations / batch);
  const samples = new Float64Array(batches);
  const start = performance.now();
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    samples[b] = (performance.now() - t) / batch;
  }
  const total = performance.now() - start;
  samples.sort();
  return { perSecond: ((batches * batch) / total) * 1000, p50: samples[Math.floor(batches * 0.5)]! * 1000, p99: samples[Math.floor(batches * 0.99)]! * 1000 };
}

const line = (name: string, m: Measured, extra = '') =>
  console.log(`BENCH ${name} evals_per_s=${Math.round(m.perSecond)} p50_us=${m.p50.toFixed(2)} p99_us=${m.p99.toFixed(2)}${extra}`);

console.log(`BENCH setup node=${process.version} flags=${process.execArgv.filter((a) => a.startsWith('--max')).join(',') || 'default'} task_type=DISCOUNT_APPROVAL@2 actor=FINANCE_APPROVER`);

for (const evaluator of ['json-rules-engine', 'compiled'] as const) {
  const n = evaluator === 'compiled' ? 100_000 : 10_000;
  line(`allowed_actions evaluator=${evaluator}`, await measure(() => allowedActions(policy, ctx, { evaluator }), n), ` rules=${policy.actions.rules.rules.length}`);
  line(`visible_view evaluator=${evaluator}`, await measure(() => visibleView(policy, ctx, { evaluator }), n));
  line(`priority evaluator=${evaluator}`, await measure(() => priority(policy, ctx, { evaluator }), n));
  line(`sla evaluator=${evaluator}`, await measure(() => sla(policy, ctx, { evaluator }), n));
}

line('allowed_actions_badges evaluator=compiled', measureSync(() => actionBadges(policy, ctx), 1_000_000), ' (bulk read path: no trace)');

// The evaluators alone, on prebuilt facts: the compiled rules against a hand-written function that
// computes the same allowed-actions answer for DISCOUNT_APPROVAL@2 (kept here only, as a baseline).
const { facts } = buildFacts(ctx, policy.pinned.taskType, policy.pinned.authority);
const compiled = policy.actions.rules.compiled();

function handWritten(f: Facts): boolean[] {
  const item = f.item as { state?: string };
  const rel = f.relation as Record<string, boolean>;
  const roles = (f.actor as { roles?: string[] }).roles ?? [];
  const evidence = f.evidence as { requestedDiscountPercent?: number };
  const limit = (f.authority as { limit?: number }).limit;
  const fourEyes = !rel.isRequester && !rel.isBusinessObjectOwner && !roles.includes('SALES_REP');
  const decidable = item.state === 'claimed' && rel.isAssignee === true && fourEyes;
  const withinAuthority = typeof evidence.requestedDiscountPercent === 'number' && limit !== undefined && evidence.requestedDiscountPercent <= limit;
  const state = item.state ?? '';
  return [
    decidable && withinAuthority, // APPROVE
    decidable, // REJECT
    decidable, // REQUEST_REPRICE
    decidable, // ESCALATE
    ['available', 'escalated'].includes(state) && rel.isCandidate === true, // CLAIM
    state === 'claimed' && rel.canWork === true, // RELEASE
    state === 'claimed' && rel.canWork === true, // DELEGATE
    state === 'delegated' && rel.isDelegate === true, // RESOLVE_DELEGATION
    ['available', 'claimed', 'delegated', 'escalated'].includes(state) && rel.isEscalationOwner === true, // REASSIGN
    ['claimed', 'available'].includes(state) && rel.canWork === true, // ESCALATE
    ['available', 'claimed', 'delegated', 'escalated'].includes(state) && (rel.canWork === true || rel.isDelegate === true), // COMMENT
  ];
}

const same = JSON.stringify(compiled.firedSync(facts)) === JSON.stringify(handWritten(facts));
if (!same) throw new Error(`baseline disagrees: ${JSON.stringify(compiled.firedSync(facts))} vs ${JSON.stringify(handWritten(facts))}`);
const compiledOnly = measureSync(() => compiled.firedSync(facts), 4_000_000, 1000);
const baseline = measureSync(() => handWritten(facts), 4_000_000, 1000);
line('rules_only evaluator=compiled', compiledOnly);
line('rules_only evaluator=hand_written', baseline);
// The ratio of medians: both are microsecond loops, where one slow batch would skew totals.
console.log(`BENCH compiled_vs_hand_written ratio=${(compiledOnly.p50 / baseline.p50).toFixed(2)} target_max=5`);
const jreOnly = await measure(() => policy.actions.rules.evaluator('json-rules-engine').evaluate(facts), 10_000);
line('rules_only evaluator=json-rules-engine', jreOnly);
