/**
 * Field-level security (seed section 19): the evidence an actor may see. A protected field is
 * removed from the projection itself, never masked, so a hidden value is never serialised; the
 * result lists which concrete paths were removed, without their values.
 */
import type { CompiledPolicy } from './compilePolicy.js';
import { runRuleSet, type EvaluationOptions } from './evaluatePolicy.js';
import type { PolicyContext } from './PolicyInput.js';

/** What the actor may see. */
export interface VisibleView {
  evidence: Record<string, unknown>;
  /** Concrete paths removed, e.g. `evidence.lines[1].costBasis`. */
  redactedPaths: string[];
  /** Policy paths hidden from this actor, e.g. `evidence.lines[].costBasis`. */
  hiddenFields: string[];
}

/** Projects the context's evidence for its actor. */
export async function visibleView(policy: CompiledPolicy, ctx: PolicyContext, options: EvaluationOptions = {}): Promise<VisibleView> {
  const { outcomes } = await runRuleSet(policy, policy.visibility, ctx, options);
  const hiddenFields = outcomes.filter((o) => !o.fired).map((o) => o.name);
  const redactedPaths: string[] = [];
  let evidence: unknown = ctx.evidence;
  for (const field of hiddenFields) evidence = without(evidence, field.split('.').slice(1), 'evidence', redactedPaths);
  return { evidence: evidence as Record<string, unknown>, redactedPaths: redactedPaths.sort(), hiddenFields };
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
