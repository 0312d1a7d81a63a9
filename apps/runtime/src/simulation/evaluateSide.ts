/**
 * One side of a simulation: the runtime's own policy functions on one compiled policy and one
 * context, as the work-item routes call them. SLA as a creation or a migration evaluates it
 * (counted from the item's creation); priority, allowed actions and the view on the item with
 * that side's due time and escalation group, as a migration would leave it.
 */
import type { SimulationSide } from '@mandate/contract';
import { allowedActions, priority, sla, visibleView, type CompiledPolicy, type PolicyContext } from '@mandate/policy';
import { refsOfPinned } from './substitute.js';

/** A side before the caller's own visibility is applied to it (`withheldPaths` comes later). */
export type EvaluatedSide = Omit<SimulationSide, 'view'> & { view: Omit<SimulationSide['view'], 'withheldPaths'> };

/** Evaluates one side for the context's actor. */
export async function evaluateSide(policy: CompiledPolicy, ctx: PolicyContext): Promise<EvaluatedSide> {
  const terms = await sla(policy, ctx);
  const { escalationGroup: _stored, ...item } = ctx.item;
  const atSide: PolicyContext = { ...ctx, item: { ...item, dueAt: terms.dueAt, ...(terms.terms.escalationGroup ? { escalationGroup: terms.terms.escalationGroup } : {}) } };
  // The evaluators GET /work-items/{id} and GET .../allowed-actions use: compiled for the view, json-rules-engine for actions.
  const [score, actions, view] = await Promise.all([priority(policy, atSide), allowedActions(policy, atSide), visibleView(policy, atSide, { evaluator: 'compiled' })]);
  return {
    definitions: refsOfPinned(policy.pinned),
    actions: actions.actions.map((a) => ({
      code: a.code,
      label: a.label,
      kind: a.kind,
      enabled: a.enabled,
      ...(a.disabledReason !== undefined ? { disabledReason: a.disabledReason } : {}),
      failedChecks: a.failedChecks,
      requiresSecondApproval: a.requiresSecondApproval,
      dangerous: a.dangerous,
    })),
    view: { evidence: view.evidence, redactedPaths: view.redactedPaths, ...(view.audience ? { audience: view.audience } : {}) },
    priority: { score: score.priorityScore, reasons: score.reasons, model: score.model },
    sla: {
      policy: terms.policy,
      calendar: terms.calendar,
      appliedRule: terms.appliedRule,
      reason: terms.reason,
      dueAt: terms.dueAt,
      warnAt: terms.warnAt,
      escalateAt: terms.escalateAt,
      ...(terms.terms.escalationGroup ? { escalationGroup: terms.terms.escalationGroup } : {}),
      state: terms.state,
      breached: terms.breached,
    },
  };
}
