import type { CompiledPolicy } from './compilePolicy.js';
import type { PolicyContext } from './PolicyInput.js';

/**
 * The restricted audience of the actor: holding any of its roles restricts (fail closed: an
 * extra role never widens what a partner sees).
 */
export function audienceOf(policy: CompiledPolicy, ctx: PolicyContext) {
  return (policy.pinned.visibility.restrictedAudiences ?? []).find((a) => ctx.actor.roles.some((r) => a.roles.includes(r)));
}
