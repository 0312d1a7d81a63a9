import { compiledEvaluator } from './src/rules/compiledEvaluator.js';
import { jsonRulesEngineEvaluator } from './src/rules/jsonRulesEngineEvaluator.js';
import type { RuleSpec } from './src/rules/RuleSpec.js';
import { shippedDefinitions } from './test-support/scenario.js';
import { pinDefinitions } from './src/PinnedDefinitions.js';
import { compilePolicy } from './src/compilePolicy.js';
import { allowedActions, actionBadges } from './src/allowedActions.js';
import { validateDecision } from './src/validateDecision.js';
import { operators, unknownOutcome } from './test-support/fallout.js';
import { validateDefinitionSources } from '@mandate/definitions';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// 1. Raw rule set: condition priority
const rules: RuleSpec[] = [{
  name: 'R',
  conditions: { all: [
    { fact: 'item', path: 'state', operator: 'equal', value: 'claimed', name: 'A' },
    { fact: 'item', path: 'escalationLevel', operator: 'greaterThan', value: 0, name: 'B', priority: 5 } as any,
  ] },
  event: { type: 'X' },
}];
const facts = { item: { state: 'claimed', escalationLevel: 0 } };
const j = await jsonRulesEngineEvaluator(rules).evaluate(facts);
const c = await compiledEvaluator(rules).evaluate(facts);
console.log('JRE ', JSON.stringify(j[0]!.trace));
console.log('COMP', JSON.stringify(c[0]!.trace));

// 2. Schema-valid definition: FALLOUT_RECOVERY_ACTIONS with priority on an enabledWhen
const dir = '/work/main/definitions';
const sources = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.json')).sort().map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
const src = sources.find((s) => s.file.includes('FALLOUT_RECOVERY_ACTIONS'))!;
const def = JSON.parse(src.text);
const retry = def.safeActions.find((a: any) => a.code === 'MARK_NO_EFFECT');
retry.enabledWhen.priority = 2;
src.text = JSON.stringify(def);
const res = validateDefinitionSources(sources);
console.log('validates:', res.ok, res.ok ? '' : JSON.stringify(res.findings.slice(0, 3)));
if (res.ok) {
  const policy = compilePolicy(pinDefinitions('INVENTORY_RESERVATION_UNKNOWN_OUTCOME@2', res.definitions.map((d) => d.definition)));
  const ctx = unknownOutcome(operators.operator, { status: 'COMPLETED', result: 'FOUND' });
  for (const evaluator of ['json-rules-engine', 'compiled'] as const) {
    const a = (await allowedActions(policy, ctx, { evaluator })).actions.find((x) => x.code === 'MARK_NO_EFFECT')!;
    console.log(evaluator, a.enabled, a.disabledReason, a.failedChecks);
  }
  console.log('badge', actionBadges(policy, ctx).find((x) => x.code === 'MARK_NO_EFFECT'));
}
