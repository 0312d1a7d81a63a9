/**
 * Field-level security: the evidence an actor may see. A protected field is
 * removed from the projection itself, never masked, so a hidden value is never serialised; the
 * result lists which concrete paths were removed, without their values.
 */
import type { CompiledPolicy } from './compilePolicy.js';
import { runRuleSet, type EvaluationOptions } from './evaluatePolicy.js';
import { audienceOf } from './audienceOf.js';
import type { PolicyContext } from './PolicyInput.js';
import { traceOf, type RuleTrace } from './rules/RuleSpec.js';

/** What the actor may see. */
export interface VisibleView {
  evidence: Record<string, unknown>;
  /** The restricted audience the actor belongs to (e.g. external partners), if any. */
  audience?: string;
  /** Concrete paths removed, e.g. `evidence.lines[1].costBasis`. */
  redactedPaths: string[];
  /** Policy paths hidden from this actor, e.g. `evidence.lines[].costBasis`. */
  hiddenFields: string[];
  /** Every protected field's rule, whether it allowed the field and why (values of hidden fields never appear: rules read roles and relations). */
  trace: RuleTrace;
}

/** Projects the context's evidence for its actor. */
export async function visibleView(policy: CompiledPolicy, ctx: PolicyContext, options: EvaluationOptions = {}): Promise<VisibleView> {
  const { outcomes } = await runRuleSet(policy, policy.visibility, ctx, options);
  const hiddenFields = outcomes.filter((o) => !o.fired).map((o) => o.name);
  const redactedPaths: string[] = [];
  const audience = audienceOf(policy, ctx);
  let evidence: unknown = audience ? only(ctx.evidence, audience.visiblePaths.map((p) => p.split('.').slice(1)), 'evidence', redactedPaths) : ctx.evidence;
  for (const field of hiddenFields) evidence = without(evidence, field.split('.').slice(1), 'evidence', redactedPaths);
  return { evidence: evidence as Record<string, unknown>, ...(audience ? { audience: audience.name } : {}), redactedPaths: redactedPaths.sort(), hiddenFields, trace: traceOf(outcomes) };
}

/** A copy of `value` with only the listed paths (`name[]` steps into every element); everything else is recorded as removed. */
function only(value: unknown, paths: readonly string[][], at: string, removed: string[]): unknown {
  if (paths.some((p) => p.length === 0)) return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    removed.push(at);
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const below = paths.filter((p) => p[0]?.replace('[]', '') === key);
    if (below.length === 0) {
      removed.push(`${at}.${key}`);
      continue;
    }
    const intoArray = below.some((p) => p[0]!.endsWith('[]'));
    const rest = below.map((p) => p.slice(1));
    if (intoArray && Array.isArray(child)) {
      out[key] = child.map((element, i) => only(element, rest, `${at}.${key}[${i}]`, removed));
    } else {
      const kept = only(child, rest, `${at}.${key}`, removed);
      if (kept !== undefined) out[key] = kept;
    }
  }
  return out;
}

/** A copy of `value` without the path `steps` (`name[]` steps into every element); shares untouched branches. */
function without(value: unknown, steps: readonly string[], at: string, removed: string[]): unknown {
  const [step, ...rest] = steps;
  if (step === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const intoArray = step.endsWith('[]');
  const key = intoArray ? step.slice(0, -2) : step;
  if (!Object.hasOwn(value, key)) return value;
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...record };
  if (!intoArray) {
    if (rest.length === 0) {
      delete copy[key];
      removed.push(`${at}.${key}`);
    } else {
      copy[key] = without(record[key], rest, `${at}.${key}`, removed);
    }
    return copy;
  }
  const list = record[key];
  if (!Array.isArray(list)) {
    // Not the array the policy expects: hide it whole rather than guess.
    delete copy[key];
    removed.push(`${at}.${key}`);
    return copy;
  }
  copy[key] = list.map((element, i) => {
    if (rest.length === 0) {
      removed.push(`${at}.${key}[${i}]`);
      return null;
    }
    return without(element, rest, `${at}.${key}[${i}]`, removed);
  });
  return copy;
}
