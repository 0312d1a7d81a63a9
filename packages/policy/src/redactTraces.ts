/**
 * Traces explain results to the actor who asked, so they must not carry what that actor may not
 * see: a leaf's fact value is replaced by `[redacted]` when it reads a hidden evidence field (or,
 * for a restricted audience such as partners, anything outside its allow-list, and every business
 * object and authority value). Decisions are made on the full facts; only the explanation is cut.
 */
import type { CompiledPolicy } from './compilePolicy.js';
import type { PolicyContext } from './PolicyInput.js';
import type { ConditionTrace, Facts, RuleOutcome } from './rules/RuleSpec.js';
import { audienceOf } from './audienceOf.js';

/** What a redacted fact value reads as. */
export const REDACTED = '[redacted]';

const related = (path: string, field: string) => path === field || path.startsWith(`${field}.`) || field.startsWith(`${path}.`);

/** Returns a function that redacts traces for the context's actor. */
export function traceRedactor(policy: CompiledPolicy, ctx: PolicyContext, facts: Facts): (trace: ConditionTrace) => ConditionTrace {
  const fired = policy.visibility.compiled().firedSync(facts);
  const hidden = policy.visibility.rules.filter((_, i) => !fired[i]).map((r) => r.name.slice('evidence.'.length).replace(/\[\]/g, ''));
  const audience = audienceOf(policy, ctx);
  const allowed = audience?.visiblePaths.map((p) => p.slice('evidence.'.length).replace(/\[\]/g, ''));
  const secret = (fact: string, path: string | undefined): boolean => {
    if (fact === 'evidence') {
      const p = path ?? '';
      if (hidden.some((h) => related(p, h))) return true;
      return allowed !== undefined && !allowed.some((a) => p === a || p.startsWith(`${a}.`));
    }
    return audience !== undefined && (fact === 'businessObject' || fact === 'authority');
  };
  const redact = (node: ConditionTrace): ConditionTrace => {
    if ('fact' in node) return secret(node.fact, node.path) ? { ...node, factValue: REDACTED } : node;
    if ('all' in node) return { ...node, all: node.all.map(redact) };
    if ('any' in node) return { ...node, any: node.any.map(redact) };
    return { ...node, not: redact(node.not) };
  };
  return redact;
}

/** Outcomes with their traces redacted for the context's actor. */
export function redactOutcomes(policy: CompiledPolicy, ctx: PolicyContext, facts: Facts, outcomes: RuleOutcome[]): RuleOutcome[] {
  const redact = traceRedactor(policy, ctx, facts);
  return outcomes.map((o) => ({ ...o, trace: redact(o.trace) }));
}
