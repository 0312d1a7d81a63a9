// json-rules-engine keeps a run's status on the Engine: concurrent runs on one shared engine lose
// events when rules have priorities (once one run finishes, the others skip their remaining
// priority sets). Our evaluator lends each run its own engine. 200 evaluations in flight at once
// over shared compiled definitions must all give the answer they give alone.
import { describe, expect, it } from 'vitest';
import { operators, unknownOutcome } from '../../test-support/fallout.js';
import { discountApproval, people, shippedPolicy } from '../../test-support/scenario.js';
import { allowedActions } from '../allowedActions.js';
import type { PolicyContext } from '../PolicyInput.js';
import { priority } from '../priority.js';
import { sla } from '../sla/sla.js';
import { jsonRulesEngineEvaluator } from './jsonRulesEngineEvaluator.js';
import type { RuleSpec } from './RuleSpec.js';

const approval = shippedPolicy('DISCOUNT_APPROVAL@2');
const fallout = shippedPolicy('INVENTORY_RESERVATION_UNKNOWN_OUTCOME@2');

function contexts(): { policy: typeof approval; ctx: PolicyContext }[] {
  const out: { policy: typeof approval; ctx: PolicyContext }[] = [];
  const actors = Object.values(people);
  for (let i = 0; i < 200; i++) {
    if (i % 4 === 3) {
      out.push({ policy: fallout, ctx: unknownOutcome(i % 8 === 3 ? operators.lead : operators.operator, i % 3 ? { status: 'COMPLETED', result: 'FOUND' } : { status: 'RUNNING' }) });
      continue;
    }
    const ctx = discountApproval(actors[i % actors.length]!);
    ctx.evidence = { ...ctx.evidence, requestedDiscountPercent: 10 + (i % 40) };
    ctx.businessObject = { ...ctx.businessObject, totalAmount: 50_000 * (i % 12), regulatoryRisk: i % 2 === 0 };
    out.push({ policy: approval, ctx });
  }
  return out;
}

describe('200 concurrent evaluations over shared compiled definitions', () => {
  // The compiled evaluator is synchronous: it cannot interleave, so only json-rules-engine is at risk.
  it.each(['json-rules-engine'] as const)('%s: every answer equals the one computed alone', async (evaluator) => {
    const cases = contexts();
    const evaluate = ({ policy, ctx }: (typeof cases)[number]) =>
      Promise.all([allowedActions(policy, ctx, { evaluator }), priority(policy, ctx, { evaluator }), sla(policy, ctx, { evaluator })]);
    const alone: unknown[] = [];
    for (const c of cases) alone.push(await evaluate(c));
    const together = await Promise.all(cases.map(evaluate));
    expect(together).toEqual(alone);
    // The cases differ: the test would notice answers swapped between them.
    expect(new Set(alone.map((a) => JSON.stringify(a))).size).toBeGreaterThan(20);
  });

  it('rules with priorities and concurrent runs keep every event', async () => {
    const rules: RuleSpec[] = Array.from({ length: 10 }, (_, i) => ({
      name: `R${i}`,
      conditions: { all: [{ fact: 'item', path: 'escalationLevel', operator: 'greaterThanInclusive', value: i }] },
      event: { type: 'HIT', params: { i } },
    }));
    // Priorities split the rules into sequential sets: the case json-rules-engine gets wrong when shared.
    const prioritised = rules.map((r, i) => ({ ...r, priority: 10 - i })) as RuleSpec[];
    const evaluator = jsonRulesEngineEvaluator(prioritised);
    const runs = await Promise.all(Array.from({ length: 200 }, (_, n) => evaluator.evaluate({ item: { escalationLevel: n % 11 } })));
    runs.forEach((outcomes, n) => {
      expect(outcomes.filter((o) => o.fired).map((o) => o.name)).toEqual(rules.slice(0, Math.min(10, (n % 11) + 1)).map((r) => r.name));
    });
  });
});
