/**
 * What the simulated side decides differently from the published one, as paths into a side:
 * `actions.APPROVE.enabled`, `view.evidence.marginPercent`, `priority.score`, `sla.dueAt`. The
 * versions evaluated (`definitions`, `sla.policy`, `priority.model`) always differ and are not
 * listed. A view difference names a path and whether it is visible on each side, never its value.
 */
import type { SimulationDifference } from '@mandate/contract';
import type { EvaluatedSide } from './evaluateSide.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const ACTION_FIELDS = ['enabled', 'disabledReason', 'failedChecks', 'requiresSecondApproval', 'dangerous'] as const;
const SLA_FIELDS = ['appliedRule', 'dueAt', 'warnAt', 'escalateAt', 'escalationGroup', 'state', 'breached'] as const;

/** The differences of two sides, in a stable order: actions, view, priority, SLA. */
export function simulationDifferences(draft: EvaluatedSide, published: EvaluatedSide): SimulationDifference[] {
  const out: SimulationDifference[] = [];
  const add = (path: string, a: unknown, b: unknown) => {
    if (!same(a, b)) out.push({ path, draft: a ?? null, published: b ?? null });
  };

  const publishedActions = new Map(published.actions.map((a) => [a.code, a]));
  const codes = [...new Set([...draft.actions.map((a) => a.code), ...published.actions.map((a) => a.code)])];
  const draftActions = new Map(draft.actions.map((a) => [a.code, a]));
  for (const code of codes) {
    const [a, b] = [draftActions.get(code), publishedActions.get(code)];
    if (!a || !b) {
      add(`actions.${code}`, a ? 'offered' : null, b ? 'offered' : null);
      continue;
    }
    for (const field of ACTION_FIELDS) add(`actions.${code}.${field}`, a[field], b[field]);
  }

  const hiddenIn = (side: EvaluatedSide) => new Set(side.view.redactedPaths);
  const [draftHidden, publishedHidden] = [hiddenIn(draft), hiddenIn(published)];
  for (const path of [...new Set([...draftHidden, ...publishedHidden])].sort()) {
    add(`view.${path}`, draftHidden.has(path) ? 'hidden' : 'visible', publishedHidden.has(path) ? 'hidden' : 'visible');
  }
  add('view.audience', draft.view.audience, published.view.audience);

  add('priority.score', draft.priority.score, published.priority.score);
  add('priority.reasons', draft.priority.reasons, published.priority.reasons);
  for (const field of SLA_FIELDS) add(`sla.${field}`, draft.sla[field], published.sla[field]);
  return out;
}
