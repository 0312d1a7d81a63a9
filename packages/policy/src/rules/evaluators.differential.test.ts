// Differential property tests: the compiled evaluator and json-rules-engine agree on every shipped
// rule set for thousands of random fact objects, including missing and wrongly typed facts.
import fc from 'fast-check';
import { refOf, type TaskType } from '@mandate/definitions';
import { describe, expect, it } from 'vitest';
import { shippedDefinitions, shippedPolicy } from '../../test-support/scenario.js';
import { isLeaf, type ConditionSpec, type RuleSpec } from './RuleSpec.js';

const taskTypes = shippedDefinitions().filter((d): d is TaskType => d.kind === 'TaskType');
const ruleSets = taskTypes.flatMap((t) => {
  const policy = shippedPolicy(refOf(t));
  return (['actions', 'priority', 'sla', 'visibility'] as const).map((name) => ({
    label: `${refOf(t)} ${name}`,
    set: name === 'actions' ? policy.actions.rules : policy[name],
    evidenceSchema: t.evidenceSchema,
  }));
});

/** Every constant a rule compares against: random facts drawn from these make rules fire. */
function constantsOf(rules: readonly RuleSpec[]): unknown[] {
  const out: unknown[] = [];
  const walk = (node: ConditionSpec) => {
    if (isLeaf(node)) {
      if (Array.isArray(node.value)) out.push(node.value, ...(node.value as unknown[]));
      else if (typeof node.value !== 'object' || node.value === null) out.push(node.value);
      if (typeof node.value === 'number') out.push(node.value - 1, node.value + 1);
    } else if ('all' in node) node.all.forEach(walk);
    else if ('any' in node) node.any.forEach(walk);
    else walk(node.not);
  };
  rules.forEach((r) => walk(r.conditions));
  return out;
}

const scalar = (pool: unknown[]) =>
  fc.oneof(
    { weight: 4, arbitrary: pool.length ? fc.constantFrom(...pool) : fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.integer({ min: -10, max: 1_000_000 }) },
    { weight: 1, arbitrary: fc.double({ noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constantFrom('2026-07-02T10:00:00Z', '2027-01-01T00:00:00Z', 'not a date', '5', '') },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...pool.filter((p): p is string => typeof p === 'string'), 'X'), { maxLength: 4 }) },
  );

/** A fact root: usually an object of random members under the names rules read; sometimes missing or not an object. */
function factObject(keys: string[], pool: unknown[]) {
  const member = scalar(pool);
  const nested = fc.dictionary(fc.constantFrom(...keys, 'result', 'status'), member, { maxKeys: 4, noNullPrototype: true });
  return fc.oneof(
    { weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...keys), fc.oneof({ weight: 5, arbitrary: member }, { weight: 1, arbitrary: nested }), { maxKeys: keys.length, noNullPrototype: true }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: scalar(pool) },
  );
}

function pathsOf(rules: readonly RuleSpec[]): Map<string, string[]> {
  const byFact = new Map<string, Set<string>>();
  const add = (fact: string, path: string | undefined) => {
    const set = byFact.get(fact) ?? new Set<string>();
    if (path) set.add(path.split('.')[0]!);
    byFact.set(fact, set);
  };
  const walk = (node: ConditionSpec) => {
    if (isLeaf(node)) {
      add(node.fact, node.path);
      const v = node.value as { fact?: string; path?: string } | null;
      if (v && typeof v === 'object' && typeof v.fact === 'string') add(v.fact, v.path);
    } else if ('all' in node) node.all.forEach(walk);
    else if ('any' in node) node.any.forEach(walk);
    else walk(node.not);
  };
  rules.forEach((r) => walk(r.conditions));
  return new Map([...byFact].map(([k, v]) => [k, [...v, 'other']]));
}

describe('compiled evaluator vs json-rules-engine', () => {
  it(`covers every shipped rule set (${ruleSets.length} sets)`, () => {
    expect(ruleSets.length).toBeGreaterThanOrEqual(40);
    expect(ruleSets.reduce((n, r) => n + r.set.rules.length, 0)).toBeGreaterThan(200);
  });

  it.each(ruleSets)('$label: same outcomes and traces for random facts', async ({ set }) => {
    if (set.rules.length === 0) return;
    const pool = constantsOf(set.rules);
    const paths = pathsOf(set.rules);
    const factsArbitrary = fc.record(
      Object.fromEntries([...paths].map(([fact, keys]) => [fact, fact === 'now' ? scalar(pool) : factObject(keys, pool)])),
      { requiredKeys: [] },
    );
    const jre = set.evaluator('json-rules-engine');
    const compiled = set.evaluator('compiled');
    await fc.assert(
      fc.asyncProperty(factsArbitrary, async (facts) => {
        // Both evaluators must agree on an outcome, or both refuse the facts the same way.
        const settle = (p: Promise<unknown>) => p.then((value) => ({ value }), (e: unknown) => ({ error: e instanceof Error ? e.constructor.name : String(e) }));
        const expected = await settle(jre.evaluate(facts));
        const actual = await settle(compiled.evaluate(facts));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
